// Splits Finnish compound words at a word boundary, with the corpus vocabulary
// the server publishes as the dictionary: "päihdepalveluihin" = "päihde" +
// "palveluihin", because "päihde" is a word and "palveluihin" has the stem of
// one. Mirrors fi.matala.kb.analysis.CompoundSplitter.
import { isLetters } from './text';

export interface CompoundDictionary {
  words: string[];
  stems: string[];
  short: string[];
}

const MIN_WORD = 7;
const MIN_HEAD = 4;
const MIN_MODIFIER = 4;
const MAX_CACHED = 20_000;
const NONE: readonly string[] = Object.freeze([]);

export class CompoundSplitter {
  private readonly words: Set<string>;
  private readonly stems: Set<string>;
  private readonly short: Set<string>;
  private readonly cache = new Map<string, readonly string[]>();

  constructor(
    dictionary: CompoundDictionary,
    private readonly stem: (word: string) => string,
  ) {
    this.words = new Set(dictionary.words);
    this.stems = new Set(dictionary.stems);
    this.short = new Set(dictionary.short);
  }

  /** The parts of `word`, or none if it is not a known compound. */
  split(word: string): readonly string[] {
    if (word.length < MIN_WORD || !isLetters(word)) return NONE;
    let parts = this.cache.get(word);
    if (parts === undefined) {
      parts = this.findSplit(word);
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(word, parts);
    }
    return parts;
  }

  private findSplit(word: string): readonly string[] {
    // The longest first part wins: "mielenterveys|palvelu", not "mielen|terveyspalvelu".
    for (let cut = word.length - 3; cut >= 3; cut--) {
      const modifier = word.slice(0, cut);
      const head = word.slice(cut);
      if (!this.isModifier(modifier) || !this.isHead(head)) continue;
      const parts = [modifier];
      if (modifier.length >= MIN_WORD) parts.push(...this.splitModifier(modifier));
      parts.push(head);
      return parts;
    }
    return NONE;
  }

  private splitModifier(modifier: string): string[] {
    for (let cut = modifier.length - MIN_HEAD; cut >= 3; cut--) {
      const a = modifier.slice(0, cut);
      const b = modifier.slice(cut);
      if (this.isModifier(a) && this.words.has(b)) return [a, b];
    }
    return [];
  }

  private isModifier(s: string): boolean {
    return s.length >= MIN_MODIFIER ? this.words.has(s) : this.short.has(s);
  }

  private isHead(s: string): boolean {
    if (this.short.has(s)) return true;
    return s.length >= MIN_HEAD && (this.words.has(s) || this.stems.has(this.stem(s)));
  }
}
