// Free text → weighted terms per field, scored with BM25 and summed. Weights,
// relative to a word of the text itself: compound parts 0.5, synonyms 0.8, the
// diacritic-free field 0.6 and typo corrections 0.5 (both only for words the
// index does not know as written), glossary translations into Finnish 0.8.
// Long texts keep their most specific terms (MAX_TERMS per field), which bounds
// the work per message.
import type { Analyzers, Position } from './analysis';
import type { Field } from './field';
import type { CompiledRule, FieldName, IndexData } from './index-data';
import type { Lang } from './stemmer';
import { expand } from './term-rules';

export const WEIGHTS = {
  part: 0.5,
  synonym: 0.8,
  folded: 0.6,
  glossary: 0.8,
  fuzzy: 0.5,
} as const;
export const MAX_TERMS = 24;
export const MAX_FUZZY = 6;
const FUZZY_EXPANSIONS = 20;

export class QueryScorer {
  constructor(
    private readonly data: IndexData,
    private readonly analyzers: Analyzers,
    private readonly fields: ReadonlyMap<FieldName, Field>,
  ) {}

  /** Adds the text's score to every article into `scores`; false when the text has no searchable word. */
  score(text: string, lang: Lang, scores: Float64Array): boolean {
    const main = this.analyzers.get(lang, 'main').analyze(text);
    const mainField = this.field(`${lang}.main`);
    let clauses = this.add(this.bag(main, this.data.rules.synonyms[lang].main), mainField, 1, scores);

    // Words the index does not know are probably typed without ä/ö/å or mistyped: only those get the
    // diacritic-free and the fuzzy treatment, so correctly spelled words are neither counted twice nor diluted.
    const unknown = new Set<number>();
    for (const p of main) if (p.stacked.length === 0 && mainField.docFreq(p.term) === 0) unknown.add(p.start);
    const stillUnknown = new Set(unknown);
    if (unknown.size > 0) {
      const foldedField = this.field(`${lang}.folded`);
      const folded = this.analyzers.get(lang, 'folded').analyze(text).filter((p) => unknown.has(p.start));
      for (const p of folded) if (p.stacked.length > 0 || foldedField.docFreq(p.term) > 0) stillUnknown.delete(p.start);
      clauses += this.add(this.bag(folded, this.data.rules.synonyms[lang].folded), foldedField, WEIGHTS.folded, scores);
    }
    if (stillUnknown.size > 0) clauses += this.fuzzy(main.filter((p) => stillUnknown.has(p.start)), mainField, scores);
    if (lang !== 'fi') {
      const translated = new Map<string, number>();
      for (const t of expand(this.data.rules.glossaries[lang], main)) translated.set(t, 1);
      clauses += this.add(translated, this.field('fi.main'), WEIGHTS.glossary, scores);
    }
    return clauses > 0;
  }

  private field(name: FieldName): Field {
    return this.fields.get(name) as Field;
  }

  private bag(positions: readonly Position[], rules: readonly CompiledRule[]): Map<string, number> {
    const bag = new Map<string, number>();
    const merge = (term: string, weight: number): void => {
      const had = bag.get(term);
      if (had === undefined || weight > had) bag.set(term, weight);
    };
    for (const p of positions) {
      merge(p.term, 1);
      for (const s of p.stacked) merge(s, WEIGHTS.part);
    }
    for (const t of expand(rules, positions)) merge(t, WEIGHTS.synonym);
    return bag;
  }

  private add(bag: Map<string, number>, field: Field, weight: number, scores: Float64Array): number {
    // terms the field does not hold cannot score; they must not take the places of those that can
    let terms = [...bag.entries()].filter(([t]) => field.docFreq(t) > 0);
    if (terms.length > MAX_TERMS) {
      // Keep the most specific terms: rare words say more about a long message than common ones.
      const specificity = new Map(terms.map(([t, w]) => [t, w / Math.log(2 + field.docFreq(t))]));
      terms.sort((a, b) => (specificity.get(b[0]) as number) - (specificity.get(a[0]) as number));
      terms = terms.slice(0, MAX_TERMS);
    }
    for (const [term, w] of terms) field.score(term, weight * w, scores);
    return terms.length;
  }

  /** Typo tolerance for words neither field knows: similar terms of the main field, their df blended. */
  private fuzzy(positions: readonly Position[], field: Field, scores: Float64Array): number {
    let added = 0;
    for (const p of positions) {
      if (added >= MAX_FUZZY || p.term.length < 5) continue;
      const edits = p.term.length >= 8 ? 2 : 1;
      const similar = field.similarTerms(p.term, edits, FUZZY_EXPANSIONS);
      const df = Math.max(0, ...similar.map((s) => field.docFreq(s.term)));
      for (const s of similar) field.score(s.term, WEIGHTS.fuzzy * s.similarity, scores, df);
      added++;
    }
    return added;
  }
}
