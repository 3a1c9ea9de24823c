// The knowledge bank's search engine, run on the user's own device: the worker
// console's suggestions and risk flag, staff search and citizen self-help all
// call `find`, so they rank the same way, and the words searched never leave
// the browser. Built from the client index the server publishes
// (index-data.ts); one engine per index version.
import { Analyzers } from './analysis';
import { Field } from './field';
import { KINDS, LANGS, type FieldName, type IndexArticle, type IndexData, type RiskCategory } from './index-data';
import { QueryScorer } from './query';
import { RiskMatcher } from './risk';
import { SpokenFinnish } from './spoken-finnish';
import type { Lang } from './stemmer';

/** How much an article in one language is worth to someone writing in another. */
export const LANGUAGE_PREFERENCE = {
  same: 1.0,
  /** Finnish for a Swedish or English writer: many topics exist only in Finnish. */
  finnishFallback: 0.7,
  other: 0.4,
  /** Swedish or English for a Finnish writer: a last resort. */
  fromFinnish: 0.25,
} as const;

export function languageWeight(query: Lang, article: Lang): number {
  if (query === article) return LANGUAGE_PREFERENCE.same;
  if (query === 'fi') return LANGUAGE_PREFERENCE.fromFinnish;
  return article === 'fi' ? LANGUAGE_PREFERENCE.finnishFallback : LANGUAGE_PREFERENCE.other;
}

/** A `whenTop` article flags its category when it is among this many best matches, at this share of the best score. */
export const WHEN_TOP = { ranks: 2, share: 0.7 } as const;

export interface Found {
  /** The group's version in the asker's language, else Finnish, else any. */
  article: IndexArticle;
  score: number;
  /** This is crisis guidance put first because of risk signs. */
  crisis: boolean;
}

export interface FindResult {
  results: Found[];
  /** Risk signs were seen; crisis guidance comes first. */
  risk: boolean;
  categories: string[];
}

export class KnowledgeEngine {
  readonly version: string;
  readonly audience: 'staff' | 'citizen';
  readonly articles: readonly IndexArticle[];
  private readonly scorer: QueryScorer;
  private readonly risk: RiskMatcher;
  private readonly categories: readonly RiskCategory[];
  private readonly byGroup = new Map<string, IndexArticle[]>();
  private readonly byId = new Map<string, IndexArticle>();

  constructor(data: IndexData) {
    this.version = data.version;
    this.audience = data.audience;
    this.articles = data.articles;
    const fields = new Map<FieldName, Field>();
    for (const lang of LANGS) for (const kind of KINDS) fields.set(`${lang}.${kind}`, new Field(data.fields[`${lang}.${kind}`]));
    const analyzers = new Analyzers(data);
    this.scorer = new QueryScorer(data, analyzers, fields);
    this.categories = data.risk;
    this.risk = new RiskMatcher(data.risk, new SpokenFinnish(data.analysis.spoken), (word) => analyzers.splitFolded(word));
    for (const a of data.articles) {
      this.byId.set(a.id, a);
      const list = this.byGroup.get(a.group);
      if (list) list.push(a);
      else this.byGroup.set(a.group, [a]);
    }
  }

  article(id: string): IndexArticle | undefined {
    return this.byId.get(id);
  }

  /** The risk categories whose patterns occur in `text` (empty if none). */
  riskIn(text: string): RiskCategory[] {
    return this.risk.detect(text);
  }

  /**
   * The categories whose patterns occur, and those flagged because one of their `whenTop`
   * articles is among the text's best matches (WHEN_TOP): the crisis articles' example phrasings
   * describe warning signs in more words than any pattern list.
   */
  private riskSigns(text: string, ranked: readonly Found[]): RiskCategory[] {
    const found = new Set(this.risk.detect(text));
    const best = ranked[0]?.score ?? 0;
    for (const r of ranked.slice(0, WHEN_TOP.ranks)) {
      if (r.score < WHEN_TOP.share * best) continue;
      for (const c of this.categories) if (c.whenTop.includes(r.article.group)) found.add(c);
    }
    return this.categories.filter((c) => found.has(c));
  }

  /**
   * Articles for a text (a search query or a chat's recent messages), one per
   * group, best first; crisis guidance first when the text shows risk signs.
   */
  find(text: string, lang: Lang, limit: number): FindResult {
    const ranked = this.rankGroups(text, lang);
    const categories = this.riskSigns(text, ranked);
    const results: Found[] = [];
    const used = new Set<string>();
    const top = ranked.length > 0 ? ranked[0].score : 0;
    const crisisGroups: string[] = [];
    for (const c of categories) for (const g of c.crisis) if (!crisisGroups.includes(g)) crisisGroups.push(g);
    // crisis guidance outranks everything, in the order of the risk lists
    for (const group of crisisGroups) {
      if (used.has(group) || results.length >= limit) continue;
      const article = this.preferred(group, lang);
      if (!article) continue;
      used.add(group);
      results.push({ article, score: top + 1 + (limit - results.length), crisis: true });
    }
    for (const r of ranked) {
      if (results.length >= limit) break;
      if (used.has(r.article.group)) continue;
      used.add(r.article.group);
      results.push(r);
    }
    return { results, risk: categories.length > 0, categories: categories.map((c) => c.category) };
  }

  /** Every matching group with its score: the best of its versions after language preference. */
  private rankGroups(text: string, lang: Lang): Found[] {
    return this.toFound(this.groupScores(text, lang), lang);
  }

  private toFound(groupScore: Map<string, number>, lang: Lang): Found[] {
    const out: Found[] = [];
    for (const [group, score] of groupScore) out.push({ article: this.preferred(group, lang) as IndexArticle, score, crisis: false });
    out.sort((a, b) => b.score - a.score || (a.article.group < b.article.group ? -1 : 1));
    return out;
  }

  private groupScores(text: string, lang: Lang): Map<string, number> {
    const scores = new Float64Array(this.articles.length);
    const groupScore = new Map<string, number>();
    if (!this.scorer.score(text, lang, scores)) return groupScore;
    this.articles.forEach((a, doc) => {
      const raw = scores[doc];
      if (raw <= 0) return;
      // Translations say the same thing: the group is as good as its best version, weighed for the asker.
      const weighted = raw * Math.max(...(this.byGroup.get(a.group) as IndexArticle[]).map((v) => languageWeight(lang, v.lang)));
      const had = groupScore.get(a.group);
      if (had === undefined || weighted > had) groupScore.set(a.group, weighted);
    });
    return groupScore;
  }

  /** The version of a group in `lang`, else Finnish, else any. */
  private preferred(group: string, lang: Lang): IndexArticle | undefined {
    const versions = this.byGroup.get(group);
    if (!versions) return undefined;
    return versions.find((a) => a.lang === lang) ?? versions.find((a) => a.lang === 'fi') ?? versions[0];
  }
}

