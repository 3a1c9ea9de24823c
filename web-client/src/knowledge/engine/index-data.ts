// The client index as the server publishes it (GET /api/kb/index/staff or
// /citizen; written by fi.matala.kb.publish.ClientIndexBuilder, layout in
// docs/knowledge-bank.md). Checked here at the edge so that the engine can
// trust its shape.
import type { CompoundDictionary } from './compounds';
import type { SpokenRules } from './spoken-finnish';
import type { Lang } from './stemmer';

export const INDEX_FORMAT = 1;
export const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];
export type Kind = 'main' | 'folded';
export const KINDS: readonly Kind[] = ['main', 'folded'];
export type FieldName = `${Lang}.${Kind}`;

export interface IndexArticle {
  id: string;
  lang: Lang;
  group: string;
  title: string;
  summary: string;
  topics: string[];
  /** The ready reply (staff index only; "" when the article has none). */
  reply?: string;
}

export interface FieldData {
  docCount: number;
  sumLength: number;
  /** Per article (by position in `articles`): its length in this field, 0 if it has none. */
  lengths: number[];
  /** term → [article, term frequency, article, term frequency, …] */
  terms: Record<string, number[]>;
}

/** [left words in a row (a trailing * is a prefix of the folded term), terms added] */
export type CompiledRule = [string[], string[]];

export interface RiskCategory {
  category: string;
  crisis: string[];
  patterns: string[][];
  /** Also flagged, without a pattern, when one of these groups is among the text's best matches. */
  whenTop: string[];
  /** Named sets of cue words or phrases (means, intent, finality, …). */
  cueSets: Record<string, string[][]>;
  /** Also flagged when one sentence holds an item of every set of one of these combinations. */
  together: string[][];
  /** Sets that cancel the category's matches in a sentence that holds them (past and safe). */
  unless: string[];
}

export interface IndexData {
  format: number;
  version: string;
  audience: 'staff' | 'citizen';
  articles: IndexArticle[];
  fields: Record<FieldName, FieldData>;
  analysis: {
    stopWords: Record<Lang, string[]>;
    spoken: SpokenRules;
    compounds: Record<Kind, CompoundDictionary>;
  };
  rules: {
    synonyms: Record<Lang, Record<Kind, CompiledRule[]>>;
    glossaries: Record<'sv' | 'en', CompiledRule[]>;
  };
  risk: RiskCategory[];
}

export class IndexFormatError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function need(condition: boolean, what: string): asserts condition {
  if (!condition) throw new IndexFormatError(`knowledge index: ${what}`);
}

/** The index, or an IndexFormatError naming what is wrong (never a partial index). */
export function parseIndex(json: unknown): IndexData {
  need(isObject(json), 'not an object');
  need(json.format === INDEX_FORMAT, `format ${String(json.format)}, expected ${INDEX_FORMAT}`);
  need(typeof json.version === 'string' && json.version !== '', 'no version');
  need(json.audience === 'staff' || json.audience === 'citizen', 'unknown audience');
  need(Array.isArray(json.articles), 'no articles');
  for (const a of json.articles as unknown[]) {
    need(
      isObject(a) &&
        typeof a.id === 'string' &&
        typeof a.group === 'string' &&
        typeof a.title === 'string' &&
        typeof a.summary === 'string' &&
        isStrings(a.topics) &&
        (a.reply === undefined || typeof a.reply === 'string') &&
        LANGS.includes(a.lang as Lang),
      'malformed article',
    );
  }
  const n = json.articles.length;
  need(isObject(json.fields), 'no fields');
  for (const lang of LANGS) {
    for (const kind of KINDS) {
      const f = json.fields[`${lang}.${kind}`];
      need(
        isObject(f) && typeof f.docCount === 'number' && typeof f.sumLength === 'number' && Array.isArray(f.lengths) && f.lengths.length === n && isObject(f.terms),
        `malformed field ${lang}.${kind}`,
      );
    }
  }
  const analysis = json.analysis;
  need(isObject(analysis) && isObject(analysis.stopWords) && isObject(analysis.spoken) && isObject(analysis.compounds), 'no analysis data');
  for (const lang of LANGS) need(isStrings(analysis.stopWords[lang]), `no stop words for ${lang}`);
  need(isObject(analysis.spoken.words) && Array.isArray(analysis.spoken.prefixes), 'malformed spoken Finnish rules');
  for (const kind of KINDS) {
    const c = analysis.compounds[kind];
    need(isObject(c) && isStrings(c.words) && isStrings(c.stems) && isStrings(c.short), `malformed compound dictionary ${kind}`);
  }
  const rules = json.rules;
  need(isObject(rules) && isObject(rules.synonyms) && isObject(rules.glossaries), 'no rules');
  for (const lang of LANGS) {
    const s = rules.synonyms[lang];
    need(isObject(s) && Array.isArray(s.main) && Array.isArray(s.folded), `malformed synonyms ${lang}`);
  }
  need(Array.isArray(rules.glossaries.sv) && Array.isArray(rules.glossaries.en), 'malformed glossaries');
  need(
    Array.isArray(json.risk) &&
      json.risk.every(
        (c: unknown) =>
          isObject(c) &&
          typeof c.category === 'string' &&
          isStrings(c.crisis) &&
          isStrings(c.whenTop) &&
          Array.isArray(c.patterns) &&
          c.patterns.every(isStrings) &&
          isObject(c.cueSets) &&
          Object.values(c.cueSets).every((items) => Array.isArray(items) && items.every(isStrings)) &&
          isStrings(c.unless) &&
          c.unless.every((set: string) => isObject(c.cueSets) && Array.isArray(c.cueSets[set])) &&
          Array.isArray(c.together) &&
          c.together.every((sets: unknown) => isStrings(sets) && sets.every((set) => isObject(c.cueSets) && Array.isArray(c.cueSets[set]))),
      ),
    'malformed risk lists',
  );
  return json as unknown as IndexData;
}
