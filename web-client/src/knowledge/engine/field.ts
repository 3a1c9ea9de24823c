// One indexed field ("fi.main", "sv.folded", …) with BM25 scoring (k1 1.2,
// b 0.75, Lucene's idf) and typo-tolerant term lookup.
import type { FieldData } from './index-data';

const K1 = 1.2;
const B = 0.75;

export class Field {
  readonly docCount: number;
  private readonly avgLength: number;
  private readonly lengths: readonly number[];
  private readonly terms: Map<string, readonly number[]>;
  private byFirstChar: Map<string, string[]> | null = null;

  constructor(data: FieldData) {
    this.docCount = data.docCount;
    this.avgLength = data.docCount > 0 ? data.sumLength / data.docCount : 1;
    this.lengths = data.lengths;
    this.terms = new Map(Object.entries(data.terms));
  }

  docFreq(term: string): number {
    const postings = this.terms.get(term);
    return postings ? postings.length / 2 : 0;
  }

  /** Adds weight × BM25(term) to every article that has the term. `df` overrides the term's own (fuzzy blending). */
  score(term: string, weight: number, scores: Float64Array, df = this.docFreq(term)): void {
    const postings = this.terms.get(term);
    if (!postings || weight <= 0) return;
    const idf = Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
    for (let i = 0; i < postings.length; i += 2) {
      const doc = postings[i];
      const tf = postings[i + 1];
      const norm = K1 * (1 - B + (B * this.lengths[doc]) / this.avgLength);
      scores[doc] += (weight * idf * tf) / (tf + norm);
    }
  }

  /**
   * Terms of this field within `maxEdits` (Damerau–Levenshtein, adjacent
   * transpositions count as one) of `term` that share its first letter, best
   * first (fewest edits relative to length, then the more common), at most
   * `max` of them. Like Lucene's FuzzyQuery(term, edits, prefixLength 1).
   */
  similarTerms(term: string, maxEdits: number, max: number): { term: string; similarity: number }[] {
    const candidates = this.firstCharIndex().get(term[0]) ?? [];
    const found: { term: string; similarity: number; df: number }[] = [];
    for (const candidate of candidates) {
      if (Math.abs(candidate.length - term.length) > maxEdits || candidate === term) continue;
      const edits = distance(term, candidate, maxEdits);
      if (edits > maxEdits) continue;
      found.push({ term: candidate, similarity: 1 - edits / Math.min(term.length, candidate.length), df: this.docFreq(candidate) });
    }
    found.sort((a, b) => b.similarity - a.similarity || b.df - a.df || (a.term < b.term ? -1 : 1));
    return found.slice(0, max).map(({ term: t, similarity }) => ({ term: t, similarity }));
  }

  private firstCharIndex(): Map<string, string[]> {
    if (!this.byFirstChar) {
      const index = new Map<string, string[]>();
      for (const t of this.terms.keys()) {
        const list = index.get(t[0]);
        if (list) list.push(t);
        else index.set(t[0], [t]);
      }
      this.byFirstChar = index;
    }
    return this.byFirstChar;
  }
}

/** Optimal string alignment distance, or max + 1 as soon as it must exceed max. */
export function distance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let row = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2] + 1);
      }
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return prev[m];
}
