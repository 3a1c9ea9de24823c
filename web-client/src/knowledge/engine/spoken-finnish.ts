// Spoken and chat-style Finnish to standard spelling before stemming ("mä" →
// "minä", "ahistaa" → "ahdistaa", "ollu" → "ollut"), from the rules the server
// publishes with the index (spoken-fi.txt). Mirrors
// fi.matala.kb.analysis.SpokenFinnish.

export interface SpokenRules {
  words: Record<string, string>;
  /** [spoken prefix, standard prefix], longest first. */
  prefixes: [string, string][];
}

const VOWELS = 'aeiouyäö';

export class SpokenFinnish {
  private readonly words: Map<string, string>;

  constructor(private readonly rules: SpokenRules) {
    this.words = new Map(Object.entries(rules.words));
  }

  /** The standard form of a lower-cased word, or the word itself. */
  normalise(word: string): string {
    const mapped = this.words.get(word);
    if (mapped !== undefined) return mapped;
    for (const [from, to] of this.rules.prefixes) {
      if (word.startsWith(from) && word.length > from.length) return to + word.slice(from.length);
    }
    return regularPatterns(word);
  }
}

/** Spoken past participles drop the final t: "ollu", "menny", "tullu". */
function regularPatterns(w: string): string {
  const n = w.length;
  if (n >= 5 && (w.endsWith('nu') || w.endsWith('ny'))) {
    const before = w.charAt(n - 3);
    if (before === 'n' || VOWELS.includes(before)) return `${w}t`;
  }
  if (n >= 5 && (w.endsWith('llu') || w.endsWith('lly'))) return `${w}t`;
  return w;
}
