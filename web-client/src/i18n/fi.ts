// Finnish: the primary language. Its keys define the message catalogue; the
// Swedish and English dictionaries are typed against them, so a key missing
// from either one fails `tsc`.
//
// Placeholders are written {name}. Keep every placeholder of a message in all
// three languages (test/i18n.test.ts checks this).

import { fiChat } from './chat-fi';
import { fiKb } from './kb-fi';
import { fiReq } from './req-fi';
import { combine } from './combine';

/** Strings of the embeddable widget. Kept apart so /widget.js bundles only these. */
export const fiWidget = {
  'widget.open': 'Pyydä apua',
  'widget.close': 'Sulje',
  'widget.title': 'Matala – keskusteluapua',
  'widget.frameTitle': 'Matala-keskustelu',
} as const;

export const fi = /* @__PURE__ */ combine(fiWidget, fiChat, fiKb, fiReq, {

  'lang.self': 'Suomi',
  'lang.switcherLabel': 'Kieli',

  'app.name': 'Matala',
  'skip.toMain': 'Siirry pääsisältöön',

  'citizen.documentTitle': 'Matala – keskusteluapua heti',
  'citizen.heading': 'Keskusteluapua heti, ilman ajanvarausta',
  'citizen.intro':
    'Matalassa voit keskustella sosiaali- ja terveyspalvelujen ammattilaisen kanssa ilman ajanvarausta.',
  'citizen.crisis.heading': 'Tarvitsetko apua heti?',
  'citizen.crisis.emergencyLabel': 'Hätänumero',
  'citizen.crisis.emergencyText': 'Kun henki, terveys, omaisuus tai ympäristö on uhattuna.',
  'citizen.crisis.helplineLabel': 'Kriisipuhelin (MIELI ry)',
  'citizen.crisis.helplineText': 'Keskusteluapua kriisin keskellä.',
  'citizen.crisis.call': 'Soita numeroon {number}',
  'citizen.footer.label': 'Alatunniste',
  'citizen.staffLink': 'Henkilökunnan kirjautuminen',

  'staff.documentTitle': 'Matala – henkilökunta',
  'staff.brandSuffix': 'henkilökunta',
  'staff.frontPageLink': 'Matalan etusivu',
  'staff.loading': 'Ladataan…',

  'signin.documentTitle': 'Kirjautuminen – Matala',
  'signin.heading': 'Henkilökunnan kirjautuminen',
  'signin.username': 'Käyttäjätunnus',
  'signin.password': 'Salasana',
  'signin.submit': 'Kirjaudu',
  'signin.submitting': 'Kirjaudutaan…',
  'signin.error.required': 'Anna käyttäjätunnus ja salasana.',
  'signin.error.invalid': 'Väärä käyttäjätunnus tai salasana.',
  'signin.error.rateLimited': 'Liian monta yritystä. Yritä myöhemmin uudelleen.',
  'signin.error.rateLimitedSeconds': 'Liian monta yritystä. Yritä uudelleen {seconds} s kuluttua.',
  'signin.error.rateLimitedMinutes': 'Liian monta yritystä. Yritä uudelleen {minutes} min kuluttua.',
  'signin.error.network':
    'Yhteys palvelimeen ei onnistunut. Tarkista verkkoyhteys ja yritä uudelleen.',
  'signin.error.server': 'Palvelussa tapahtui virhe. Yritä hetken kuluttua uudelleen.',
  'signin.error.busy': 'Juuri nyt kirjautuu moni. Yritä hetken kuluttua uudelleen.',
  'signin.sessionExpired': 'Istuntosi on päättynyt. Kirjaudu uudelleen.',
  'signin.accountDisabled': 'Käyttäjätunnuksesi on poistettu käytöstä, joten sinut kirjattiin ulos. Jos tämä on virhe, ota yhteyttä pääkäyttäjään.',
  'signin.signedOut': 'Olet kirjautunut ulos.',

  'console.documentTitle': 'Työtila – Matala',
  'console.heading': 'Työtila',
  'console.signedInAs': 'Kirjautuneena:',
  'console.rolesLabel': 'Roolit:',
  'console.signOut': 'Kirjaudu ulos',
  'console.sectionsNav': 'Työtilan osiot',
  'console.noSections':
    'Käyttäjätunnuksellasi ei ole rooleja, joihin liittyisi näkymiä. Ota yhteyttä pääkäyttäjään.',

  'role.worker': 'Työntekijä',
  'role.therapist': 'Terapeutti',
  'role.peer': 'Vertaistukija',
  'role.supervisor': 'Esihenkilö',
  'role.admin': 'Pääkäyttäjä',

  'queues.heading': 'Jonot',
  'queues.loading': 'Ladataan jonoja…',
  'queues.empty': 'Jonoja ei ole vielä määritetty.',
  'queues.error': 'Jonojen lataaminen epäonnistui.',
  'queues.retry': 'Yritä uudelleen',

  'admin.heading': 'Henkilökunta',
  'admin.create.heading': 'Lisää käyttäjä',
  'admin.field.username': 'Käyttäjätunnus',
  'admin.field.usernameHint': 'Pienet kirjaimet a–z, numerot sekä . _ -',
  'admin.field.displayName': 'Näyttönimi',
  'admin.field.password': 'Salasana',
  'admin.field.passwordHint': 'Vähintään 12 merkkiä.',
  'admin.field.roles': 'Roolit',
  'admin.create.submit': 'Lisää käyttäjä',
  'admin.create.success': 'Käyttäjä {username} lisättiin.',
  'admin.validation.username': 'Anna käyttäjätunnus.',
  'admin.validation.displayName': 'Anna näyttönimi.',
  'admin.validation.password': 'Salasanan on oltava vähintään 12 merkkiä pitkä.',
  'admin.validation.roles': 'Valitse vähintään yksi rooli.',
  'admin.error.usernameTaken': 'Käyttäjätunnus {username} on jo käytössä.',
  'admin.error.withMessage': 'Tallennus epäonnistui: {message}',
  'admin.error.generic': 'Tallennus epäonnistui. Yritä uudelleen.',
  'admin.error.forbidden': 'Sinulla ei ole oikeutta tähän toimintoon.',
  'admin.error.network': 'Yhteys palvelimeen ei onnistunut. Yritä uudelleen.',
  'admin.list.heading': 'Käyttäjät',
  'admin.list.loading': 'Ladataan käyttäjiä…',
  'admin.list.empty': 'Käyttäjiä ei ole.',
  'admin.list.error': 'Käyttäjien lataaminen epäonnistui.',
  'admin.list.retry': 'Yritä uudelleen',
  'admin.list.username': 'Käyttäjätunnus:',
  'admin.list.roles': 'Roolit:',
  'admin.list.noRoles': 'ei rooleja',
  'admin.list.status': 'Tila:',
  'admin.status.active': 'Käytössä',
  'admin.status.disabled': 'Poistettu käytöstä',
  'admin.you': '(sinä)',
  'admin.action.edit': 'Muokkaa',
  'admin.action.editFor': 'Muokkaa käyttäjää {name}',
  'admin.action.disable': 'Poista käytöstä',
  'admin.action.disableFor': 'Poista käyttäjä {name} käytöstä',
  'admin.action.enable': 'Ota käyttöön',
  'admin.action.enableFor': 'Ota käyttäjä {name} käyttöön',
  'admin.action.save': 'Tallenna',
  'admin.action.cancel': 'Peruuta',
  'admin.confirm.disable':
    'Poistetaanko käyttäjä {name} käytöstä? Hän ei sen jälkeen voi kirjautua sisään.',
  'admin.confirm.disableYes': 'Kyllä, poista käytöstä',
  'admin.edit.legend': 'Muokkaa käyttäjää {name}',
  'admin.edit.ownAdminNote': 'Et voi muuttaa omia roolejasi; toinen pääkäyttäjä voi.',
  'admin.updated.saved': 'Käyttäjän {name} tiedot tallennettiin.',
  'admin.updated.disabled': 'Käyttäjä {name} poistettiin käytöstä.',
  'admin.updated.enabled': 'Käyttäjä {name} otettiin käyttöön.',
  'admin.updated.noChanges': 'Ei tallennettavia muutoksia.',
} as const);

export type MessageKey = keyof typeof fi;
export type WidgetMessageKey = keyof typeof fiWidget;
/** Shape every language's dictionary must have. */
export type Dictionary = { readonly [K in MessageKey]: string };
export type WidgetDictionary = { readonly [K in WidgetMessageKey]: string };
