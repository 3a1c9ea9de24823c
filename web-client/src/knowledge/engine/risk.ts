// Signs of acute risk (suicidal thoughts, self-harm, overdose, violence) in a
// text, from the lists the server publishes with the index. Every language's
// patterns are checked whatever the chat's language: a missed crisis costs far
// more than an extra crisis suggestion. Words are compared without diacritics,
// both as written and after spoken Finnish is normalised; up to MAX_GAP other
// words may stand between pattern words ("haluan niin kovasti kuolla").
import type { RiskCategory } from './index-data';
import type { SpokenFinnish } from './spoken-finnish';
import { fold, letterWords } from './text';

export const MAX_GAP = 2;

function wordMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;
}

function matchesFrom(pattern: readonly string[], k: number, words: readonly string[], at: number): boolean {
  if (!wordMatches(pattern[k], words[at])) return false;
  if (k === pattern.length - 1) return true;
  for (let next = at + 1; next <= at + 1 + MAX_GAP && next < words.length; next++) {
    if (matchesFrom(pattern, k + 1, words, next)) return true;
  }
  return false;
}

function occurs(pattern: readonly string[], words: readonly string[]): boolean {
  for (let start = 0; start < words.length; start++) if (matchesFrom(pattern, 0, words, start)) return true;
  return false;
}

export class RiskMatcher {
  constructor(
    private readonly categories: readonly RiskCategory[],
    private readonly spoken: SpokenFinnish,
  ) {}

  /** The categories whose patterns occur in `text`, in list order; empty if none. */
  detect(text: string): RiskCategory[] {
    const written: string[] = [];
    const standard: string[] = [];
    for (const w of letterWords(text)) {
      written.push(fold(w));
      standard.push(fold(this.spoken.normalise(w)));
    }
    return this.categories.filter((c) => c.patterns.some((p) => occurs(p, written) || occurs(p, standard)));
  }
}
