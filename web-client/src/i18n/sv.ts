// Swedish. Typed against the Finnish catalogue: a missing or extra key fails `tsc`.
import { svChat } from './chat-sv';
import { svKb } from './kb-sv';
import { svReq } from './req-sv';
import { combine } from './combine';
import type { Dictionary, WidgetDictionary } from './fi';

export const svWidget: WidgetDictionary = {
  'widget.open': 'Be om hjälp',
  'widget.close': 'Stäng',
  'widget.title': 'Matala – samtalsstöd',
  'widget.frameTitle': 'Matala-chatt',
};

export const sv: Dictionary = /* @__PURE__ */ combine(svWidget, svChat, svKb, svReq, {

  'lang.self': 'Svenska',
  'lang.switcherLabel': 'Språk',

  'app.name': 'Matala',
  'skip.toMain': 'Hoppa till huvudinnehållet',

  'citizen.documentTitle': 'Matala – samtalsstöd genast',
  'citizen.heading': 'Samtalsstöd genast, utan tidsbokning',
  'citizen.intro':
    'På Matala kan du diskutera med en yrkesperson inom social- och hälsovården utan att boka tid.',
  'citizen.crisis.heading': 'Behöver du hjälp genast?',
  'citizen.crisis.emergencyLabel': 'Nödnummer',
  'citizen.crisis.emergencyText': 'När liv, hälsa, egendom eller miljön är i fara.',
  'citizen.crisis.helplineLabel': 'Kriisipuhelin, MIELI rf:s kristelefon (på finska)',
  'citizen.crisis.helplineText': 'Samtalsstöd i en krissituation.',
  'citizen.crisis.call': 'Ring {number}',
  'citizen.footer.label': 'Sidfot',
  'citizen.staffLink': 'Inloggning för personal',

  'staff.documentTitle': 'Matala – personal',
  'staff.brandSuffix': 'personal',
  'staff.frontPageLink': 'Matalas startsida',
  'staff.loading': 'Laddar…',

  'signin.documentTitle': 'Inloggning – Matala',
  'signin.heading': 'Inloggning för personal',
  'signin.username': 'Användarnamn',
  'signin.password': 'Lösenord',
  'signin.submit': 'Logga in',
  'signin.submitting': 'Loggar in…',
  'signin.error.required': 'Ange användarnamn och lösenord.',
  'signin.error.invalid': 'Fel användarnamn eller lösenord.',
  'signin.error.rateLimited': 'För många försök. Försök igen senare.',
  'signin.error.rateLimitedSeconds': 'För många försök. Försök igen om {seconds} s.',
  'signin.error.rateLimitedMinutes': 'För många försök. Försök igen om {minutes} min.',
  'signin.error.network':
    'Det gick inte att nå servern. Kontrollera nätverksanslutningen och försök igen.',
  'signin.error.server': 'Ett fel inträffade i tjänsten. Försök igen om en stund.',
  'signin.error.busy': 'Många loggar in just nu. Försök igen om en stund.',
  'signin.sessionExpired': 'Din session har upphört. Logga in igen.',
  'signin.accountDisabled': 'Ditt konto har inaktiverats och du har loggats ut. Kontakta en administratör om detta är ett misstag.',
  'signin.signedOut': 'Du har loggat ut.',

  'console.documentTitle': 'Arbetsvy – Matala',
  'console.heading': 'Arbetsvy',
  'console.signedInAs': 'Inloggad:',
  'console.rolesLabel': 'Roller:',
  'console.signOut': 'Logga ut',
  'console.sectionsNav': 'Arbetsvyns avsnitt',
  'console.noSections':
    'Ditt användarkonto har inga roller med egna vyer. Kontakta administratören.',

  'role.worker': 'Medarbetare',
  'role.therapist': 'Terapeut',
  'role.peer': 'Kamratstödjare',
  'role.supervisor': 'Arbetsledare',
  'role.admin': 'Administratör',

  'queues.heading': 'Köer',
  'queues.loading': 'Laddar köer…',
  'queues.empty': 'Inga köer har definierats ännu.',
  'queues.error': 'Det gick inte att ladda köerna.',
  'queues.retry': 'Försök igen',

  'admin.heading': 'Personal',
  'admin.create.heading': 'Lägg till användare',
  'admin.field.username': 'Användarnamn',
  'admin.field.usernameHint': 'Små bokstäver a–z, siffror och . _ -',
  'admin.field.displayName': 'Visningsnamn',
  'admin.field.password': 'Lösenord',
  'admin.field.passwordHint': 'Minst 12 tecken.',
  'admin.field.roles': 'Roller',
  'admin.create.submit': 'Lägg till användare',
  'admin.create.success': 'Användaren {username} har lagts till.',
  'admin.validation.username': 'Ange ett användarnamn.',
  'admin.validation.displayName': 'Ange ett visningsnamn.',
  'admin.validation.password': 'Lösenordet måste vara minst 12 tecken långt.',
  'admin.validation.roles': 'Välj minst en roll.',
  'admin.error.usernameTaken': 'Användarnamnet {username} används redan.',
  'admin.error.withMessage': 'Det gick inte att spara: {message}',
  'admin.error.generic': 'Det gick inte att spara. Försök igen.',
  'admin.error.forbidden': 'Du har inte behörighet till den här åtgärden.',
  'admin.error.network': 'Det gick inte att nå servern. Försök igen.',
  'admin.list.heading': 'Användare',
  'admin.list.loading': 'Laddar användare…',
  'admin.list.empty': 'Inga användare.',
  'admin.list.error': 'Det gick inte att ladda användarna.',
  'admin.list.retry': 'Försök igen',
  'admin.list.username': 'Användarnamn:',
  'admin.list.roles': 'Roller:',
  'admin.list.noRoles': 'inga roller',
  'admin.list.status': 'Status:',
  'admin.status.active': 'Aktiv',
  'admin.status.disabled': 'Inaktiverad',
  'admin.you': '(du)',
  'admin.action.edit': 'Redigera',
  'admin.action.editFor': 'Redigera användaren {name}',
  'admin.action.disable': 'Inaktivera',
  'admin.action.disableFor': 'Inaktivera användaren {name}',
  'admin.action.enable': 'Aktivera',
  'admin.action.enableFor': 'Aktivera användaren {name}',
  'admin.action.save': 'Spara',
  'admin.action.cancel': 'Avbryt',
  'admin.confirm.disable':
    'Vill du inaktivera användaren {name}? Hen kan därefter inte logga in.',
  'admin.confirm.disableYes': 'Ja, inaktivera',
  'admin.edit.legend': 'Redigera användaren {name}',
  'admin.edit.ownAdminNote': 'Du kan inte ändra dina egna roller; en annan administratör kan.',
  'admin.updated.saved': 'Uppgifterna för {name} har sparats.',
  'admin.updated.disabled': 'Användaren {name} har inaktiverats.',
  'admin.updated.enabled': 'Användaren {name} har aktiverats.',
  'admin.updated.noChanges': 'Inga ändringar att spara.',
});
