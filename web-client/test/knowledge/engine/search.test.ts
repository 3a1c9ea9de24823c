// What the engine gives for the bundled articles (the staff and citizen
// indexes the server builds): each case exercises one capability, and the
// expected article is the one a person would pick.
import { beforeAll, describe, expect, test } from 'vitest';
import { KnowledgeEngine } from '../../../src/knowledge/engine/engine';
import { parseIndex } from '../../../src/knowledge/engine/index-data';
import type { Lang } from '../../../src/knowledge/engine/stemmer';
import { consoleSuggestions } from '../../../src/knowledge/suggest';
import { fixture } from './fixtures';

const SUICIDE = 'mielenterveys-itsetuhoiset-ajatukset';
const OVERDOSE = 'paihteet-opioidit-yliannostus';
const VIOLENCE = 'perhe-lahisuhdevakivalta';

let staff: KnowledgeEngine;
let citizen: KnowledgeEngine;

beforeAll(() => {
  staff = new KnowledgeEngine(parseIndex(fixture('index-staff.json')));
  citizen = new KnowledgeEngine(parseIndex(fixture('index-citizen.json')));
});

const top = (engine: KnowledgeEngine, text: string, lang: Lang, n: number): string[] => engine.find(text, lang, n).results.map((r) => r.article.id);

describe('search finds the article a person would pick', () => {
  test.each([
    ['inflection', 'päihdepalveluihin', 'fi', 'paihteet-hoitoon-hakeutuminen'],
    ['inflection', 'kannabiksen lopettamisesta', 'fi', 'paihteet-kannabis-lopettaminen'],
    ['compound', 'velkaneuvontaan', 'fi', 'sosiaali-velkaneuvonta'],
    ['compound part', 'kannabisriippuvuus', 'fi', 'paihteet-kannabis-lopettaminen'],
    ['synonym', 'kaljaa joka ilta', 'fi', 'paihteet-alkoholin-'],
    ['synonym', 'poltan pilveä joka päivä', 'fi', 'paihteet-kannabis-lopettaminen'],
    ['synonym prefix', 'veippaaminen', 'fi', 'paihteet-nikotiini-lopettaminen'],
    ['spoken Finnish', 'mua ahistaa koko ajan', 'fi', 'mielenterveys-ahdistus-itsehoito'],
    ['missing diacritics', 'paihdepalvelut', 'fi', 'paihteet-hoitoon-hakeutuminen'],
    ['missing diacritics', 'yksinaisyys', 'fi', 'mielenterveys-yksinaisyys'],
    ['typo', 'alkohlin riskikäyttö', 'fi', 'paihteet-alkoholin-riskikaytto'],
    ['typo', 'unettomus', 'fi', 'mielenterveys-unettomuus'],
    ['typo', 'paniikkikohtas', 'fi', 'mielenterveys-paniikkikohtaus'],
    ['Swedish', 'ångest', 'sv', 'mielenterveys-ahdistus-itsehoito-sv'],
    ['Swedish, folded', 'angest', 'sv', 'mielenterveys-ahdistus-itsehoito-sv'],
    ['Swedish', 'utkomststöd från FPA', 'sv', 'sosiaali-toimeentulotuki-sv'],
    ['English', 'alcohol units per week', 'en', 'paihteet-alkoholin-riskikaytto-en'],
    ['English', 'domestic violence shelter', 'en', 'perhe-lahisuhdevakivalta-en'],
    ['Swedish to a Finnish-only article', 'nätkasino', 'sv', 'paihteet-rahapeliongelma'],
    ['English to a Finnish-only article', 'postpartum depression', 'en', 'mielenterveys-synnytyksen-jalkeinen-masennus'],
  ] as const)('%s: %s', (_capability, query, lang, expected) => {
    for (const engine of [staff, citizen]) {
      const ids = top(engine, query, lang, 3);
      // an id ending in "-" stands for any article of that family
      expect(ids.some((id) => (expected.endsWith('-') ? id.startsWith(expected) : id === expected)), `${query} gave ${ids.join(', ')}`).toBe(true);
    }
  });

  test.each([
    ['ångest hela tiden', 'sv', 'mielenterveys-ahdistus-itsehoito-sv'],
    ['anxiety all the time', 'en', 'mielenterveys-ahdistus-itsehoito-en'],
    ['ahdistus koko ajan', 'fi', 'mielenterveys-ahdistus-itsehoito'],
  ] as const)('the version in the asker’s language, once: %s', (query, lang, expected) => {
    const found = top(staff, query, lang, 10);
    expect(found[0]).toBe(expected);
    expect(found.filter((id) => id.startsWith('mielenterveys-ahdistus-itsehoito'))).toEqual([expected]);
  });

  test('staff and citizens rank the same way (the bundled articles are all for citizens)', () => {
    for (const [q, lang] of [['velat ja ulosotto', 'fi'], ['jag dricker för mycket', 'sv'], ['where can I get naloxone', 'en']] as const) {
      expect(top(citizen, q, lang, 5)).toEqual(top(staff, q, lang, 5));
    }
  });

  test('text with no searchable word finds nothing, without an error', () => {
    expect(staff.find('ja tai että ... !!!', 'fi', 5)).toEqual({ results: [], risk: false, categories: [] });
    expect(staff.find('', 'fi', 5).results).toEqual([]);
    expect(staff.find('x'.repeat(5000), 'fi', 5).results).toEqual([]);
  });
});

describe('risk signs put crisis guidance first', () => {
  test.each([
    ['haluan kuolla', 'fi', SUICIDE],
    ['mä en jaksa enää elää tätä elämää', 'fi', SUICIDE],
    ['oon miettiny et tappaisin itteni', 'fi', SUICIDE],
    ['olen ajatellut itsemurhaa', 'fi', SUICIDE],
    ['jag vill bara dö', 'sv', `${SUICIDE}-sv`],
    ['jag vill do, orkar inte', 'sv', `${SUICIDE}-sv`],
    ['I want to die', 'en', `${SUICIDE}-en`],
    ['I keep thinking about killing myself', 'en', `${SUICIDE}-en`],
    ['kaveri otti yliannostuksen eikä herää', 'fi', OVERDOSE],
    ['he took too many pills and is not breathing', 'en', `${OVERDOSE}-en`],
    ['mieheni lyö minua ja uhkaa tappaa', 'fi', VIOLENCE],
    ['min man slår mig', 'sv', `${VIOLENCE}-sv`],
  ] as const)('%s', (text, lang, crisis) => {
    const found = consoleSuggestions(staff, text, lang);
    expect(found.risk).toBe(true);
    expect(found.results[0].article.id).toBe(crisis);
    expect(found.results[0].crisis).toBe(true);
    expect(found.results[0].article.reply?.trim()).not.toBe('');
  });

  test.each(['miten haen toimeentulotukea', 'juon liikaa viikonloppuisin', 'lapsen uniongelmat ja neuvola', 'kuolema läheisen jälkeen surettaa', 'pelaan liikaa tietokoneella'])(
    'ordinary text is not risk: %s',
    (text) => expect(consoleSuggestions(staff, text, 'fi').risk).toBe(false),
  );

  test('risk in another language than the chat’s is still seen, and the chat’s version comes first', () => {
    const found = consoleSuggestions(staff, 'I want to die', 'fi', 3);
    expect(found.risk).toBe(true);
    expect(found.results[0].article.id).toBe(SUICIDE);
  });

  test.each([
    ['indirect: burden', 'kaikilla ois helpompaa ilman mua, oon pelkkä taakka', 'suicide'],
    ['indirect: giving things away', 'annoin mun kaikki tavarat pois viime viikolla', 'suicide'],
    ['indirect: means gathered, in a compound', 'olen kerännyt unilääkkeitä jo pitkään', 'suicide'],
    ['indirect: said on its own', 'En jaksa enää.', 'suicide'],
    ['swedish, indirect', 'ingen skulle sakna mig om jag försvann', 'suicide'],
    ['english, indirect', "everyone would be better off without me", 'suicide'],
    ['overdose, compound the dictionary does not know', 'otin just kaikki kotona olleet kipulääkkeet', 'overdose'],
    ['withdrawal delirium', 'isä lopetti juomisen eilen ja nyt se näkee ötököitä seinällä', 'withdrawal'],
  ] as const)('risk signs: %s', (_what, text, category) => {
    expect(consoleSuggestions(staff, text, 'fi').risk).toBe(true);
    expect(staff.find(text, 'fi', 5).categories).toContain(category);
  });

  test.each([
    ['a means and a plan in one sentence', 'mulla on nyt tarpeeks tabuja kotona', 'suicide'],
    ['a place and a time', 'ajattelin mennä sillalle huomenna illalla', 'suicide'],
    ['things given away for good', 'myin kitaran ja sanoin et se saa pitää sen lopullisesti', 'suicide'],
    ['a substance and the body in danger', 'kaveri otti bentsoja ja nyt se ei reagoi mihinkään', 'overdose'],
    ['stopped drinking and a danger sign', 'isä lopetti juomisen ja nyt sillä on kouristuksia', 'withdrawal'],
    ['a threat for tonight', 'se uhkaa mua ja sanoo et tänä iltana tapahtuu', 'violence'],
  ] as const)('cue combinations: %s', (_what, text, category) => {
    expect(staff.find(text, 'fi', 5).categories).toContain(category);
  });

  test('cue sets need their combination in one sentence', () => {
    expect(staff.riskIn('ostin apteekista tabletteja. huomenna on kiva päivä').map((c) => c.category)).not.toContain('suicide');
  });

  test('past and safe does not count: {unless}', () => {
    expect(staff.riskIn('exä löi mua kaks vuotta sitten, nyt oon turvassa').map((c) => c.category)).not.toContain('violence');
    expect(staff.riskIn('exä löi mua eilen').map((c) => c.category)).toContain('violence');
    expect(staff.riskIn('I have old self-harm scars on my arms').map((c) => c.category)).not.toContain('self-harm');
  });

  test.each(['en jaksa enää tätä tenttiä', 'tää työ tappaa mut vielä', 'kuolen nauruun', 'I am dead tired after this week', 'jag dör av skratt', 'söin kaikki karkit'])(
    'everyday talk is not risk: %s',
    (text) => expect(consoleSuggestions(staff, text, 'fi').risk).toBe(false),
  );

  test('when-top: a message whose best match is the suicidal-thoughts article is flagged without any pattern', () => {
    const category = (staff as unknown as { categories: { category: string; whenTop: string[] }[] }).categories.find((c) => c.category === 'suicide');
    expect(category?.whenTop).toContain('mielenterveys-itsetuhoiset-ajatukset');
    // a wording no pattern has, close to the article's example phrasings
    const text = 'tuntuu ettei mulla oo enää mitään mitä odottaa ja mietin vaan miten pääsisin pois tästä kaikesta lopullisesti';
    expect(staff.riskIn(text).map((c) => c.category)).not.toContain('suicide');
    const found = consoleSuggestions(staff, text, 'fi');
    expect(found.risk).toBe(true);
    expect(found.results[0].article.id).toBe(SUICIDE);
  });

  test('citizen search puts crisis guidance first too', () => {
    expect(top(citizen, 'haluan kuolla', 'fi', 5)[0]).toBe(SUICIDE);
    expect(top(citizen, 'jag vill dö', 'sv', 5)[0]).toBe(`${SUICIDE}-sv`);
  });
});

describe('suggestions', () => {
  test('replies in the chat’s language when a version exists, else Finnish', () => {
    expect(consoleSuggestions(staff, 'jag har ångest hela tiden och kan inte slappna av', 'sv', 3).results[0].article.id).toBe('mielenterveys-ahdistus-itsehoito-sv');
    expect(consoleSuggestions(staff, 'jag spelar bort alla mina pengar på nätkasino', 'sv', 3).results[0].article.id).toBe('paihteet-rahapeliongelma');
  });

  test('one suggestion per article group, within the limit, best first', () => {
    const found = consoleSuggestions(staff, 'ahdistus ångest anxiety paniikki juon liikaa ja olen velkaantunut', 'fi', 10).results;
    const groups = found.map((r) => r.article.group);
    expect(new Set(groups).size).toBe(groups.length);
    expect(consoleSuggestions(staff, 'juon liikaa ja olen velkaantunut', 'fi', 3).results).toHaveLength(3);
    for (let i = 1; i < found.length; i++) expect(found[i - 1].score).toBeGreaterThanOrEqual(found[i].score);
    expect(consoleSuggestions(staff, 'haluan kuolla', 'fi', 1).results).toHaveLength(1);
  });

  test('the citizen index carries no replies; the staff index does', () => {
    expect(citizen.articles.every((a) => a.reply === undefined)).toBe(true);
    expect(staff.articles.filter((a) => a.reply).length).toBe(staff.articles.length);
  });
});
