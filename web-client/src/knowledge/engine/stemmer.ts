// Snowball stemmers (the maintained JavaScript port of the same Snowball
// sources Lucene uses on the server), with a bounded cache: a chat repeats its
// words, and the compound splitter stems many candidate parts.
import { newStemmer } from 'snowball-stemmers';

export type Lang = 'fi' | 'sv' | 'en';

const ALGORITHM: Record<Lang, string> = { fi: 'finnish', sv: 'swedish', en: 'english' };
const MAX_CACHED = 50_000;

export class Stemmer {
  private readonly snowball;
  private readonly cache = new Map<string, string>();

  constructor(lang: Lang) {
    this.snowball = newStemmer(ALGORITHM[lang]);
  }

  stem(word: string): string {
    let stem = this.cache.get(word);
    if (stem === undefined) {
      stem = this.snowball.stem(word);
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(word, stem);
    }
    return stem;
  }
}
