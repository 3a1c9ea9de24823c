// Knowledge bank strings, Finnish: the worker console's suggestions panel and
// article view, and the citizen page's self-help search. Joined into the main
// dictionaries like the chat strings.
export const fiKb = {
  'kb.suggestions.heading': 'Ehdotukset',
  'kb.suggestions.hint': 'Päivittyvät asiakkaan viestien mukaan. Arvioi aina itse, sopiiko ehdotus.',
  'kb.suggestions.waiting': 'Ehdotuksia näkyy, kun asiakas kirjoittaa.',
  'kb.suggestions.loading': 'Haetaan ehdotuksia…',
  'kb.suggestions.none': 'Viesteihin ei löytynyt ehdotuksia.',
  'kb.suggestions.error': 'Ehdotusten hakeminen epäonnistui.',
  'kb.suggestions.retry': 'Yritä uudelleen',
  'kb.useReply': 'Käytä vastausta',
  'kb.openArticle': 'Avaa artikkeli',
  'kb.replyInserted': 'Vastaus on viestikentässä. Muokkaa sitä ja lähetä itse.',
  'kb.article.close': 'Sulje artikkeli',
  'kb.article.loading': 'Ladataan artikkelia…',
  'kb.article.error': 'Artikkelin lataaminen epäonnistui.',
  'kb.article.reply': 'Valmis vastaus',
  'kb.risk.badge': 'Riskimerkkejä',
  'kb.risk.note': 'Asiakkaan viesteissä on riskimerkkejä. Kriisiohje on ensimmäisenä.',
  'kb.risk.announce': 'Riskimerkkejä keskustelussa: {name}.',
  'kb.risk.alert': 'Riskimerkkejä keskustelussa',

  'selfHelp.heading': 'Oma-apu',
  'selfHelp.open': 'Lue oma-apuartikkeleita',
  'selfHelp.intro': 'Voit etsiä ja lukea oma-apuartikkeleita. Hakujasi ei tallenneta.',
  'selfHelp.waitingIntro': 'Odottaessasi voit etsiä ja lukea oma-apuartikkeleita. Hakujasi ei tallenneta.',
  'selfHelp.search': 'Hae oma-apuartikkeleita',
  'selfHelp.submit': 'Hae',
  'selfHelp.searching': 'Haetaan…',
  'selfHelp.results': 'Hakutulokset',
  'selfHelp.count': 'Artikkeleita löytyi: {count}.',
  'selfHelp.none': 'Artikkeleita ei löytynyt. Kokeile toista sanaa.',
  'selfHelp.empty': 'Kirjoita hakusana.',
  'selfHelp.tooLong': 'Hakusana on liian pitkä.',
  'selfHelp.error': 'Haku epäonnistui. Yritä uudelleen.',
  'selfHelp.back': 'Takaisin hakutuloksiin',
  'selfHelp.loading': 'Ladataan artikkelia…',
  'selfHelp.articleError': 'Artikkelin lataaminen epäonnistui.',
} as const;

export type KbMessageKey = keyof typeof fiKb;
export type KbDictionary = { readonly [K in KbMessageKey]: string };
