// The query side of the analysis: the same chain that fi.matala.kb.analysis
// .LanguageAnalyzers runs over the articles on the server, built from the stop
// words, spoken-Finnish rules and compound dictionary that come with the index.
//
//   word tokenizer → cut ":suffix" → lower case → (en) possessive 's →
//   (fi) spoken Finnish → (folded) diacritics removed → stop words →
//   (fi) compound parts and verbs of verbal nouns stacked on the word →
//   Snowball stem (not for numbers)
//
// test/knowledge/parity.test.ts checks this against the server's analysis of
// every word of the corpus and of every evaluation query.
import { CompoundSplitter } from './compounds';
import type { IndexData, Kind } from './index-data';
import { SpokenFinnish } from './spoken-finnish';
import { Stemmer, type Lang } from './stemmer';
import { fold, lowerCase, WORD } from './text';
import { verbsOf } from './verbal-nouns';

/** One word of a text after analysis, with the terms of its compound parts. */
export interface Position {
  term: string;
  /** Offset of the word in the text, to line up the main and folded analyses. */
  start: number;
  stacked: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);
const DIGIT = /\p{N}/u;
const POSSESSIVE_APOSTROPHES = "'\u2019\uff07";

export class Analyzer {
  constructor(
    private readonly lang: Lang,
    private readonly kind: Kind,
    private readonly stopWords: ReadonlySet<string>,
    private readonly stemmer: Stemmer,
    private readonly spoken: SpokenFinnish | null,
    private readonly splitter: CompoundSplitter | null,
  ) {}

  analyze(text: string): Position[] {
    const out: Position[] = [];
    for (const match of text.matchAll(WORD)) {
      let word = match[0];
      const colon = word.indexOf(':', 1);
      if (colon > 0) word = word.slice(0, colon);
      word = lowerCase(word);
      if (this.lang === 'en' && word.length >= 2 && word.endsWith('s') && POSSESSIVE_APOSTROPHES.includes(word[word.length - 2])) {
        word = word.slice(0, -2);
      }
      if (this.spoken) word = this.spoken.normalise(word);
      if (this.kind === 'folded') word = fold(word);
      if (this.stopWords.has(word)) continue;
      // numbers ("112", phone numbers) are kept as written, as on the server
      const term = DIGIT.test(word) ? word : this.stemmer.stem(word);
      // stacked after the word, as on the server: the word's verb forms, then each compound part and its verb forms
      let parts: readonly string[] = NONE;
      if (this.splitter) {
        const list = [...verbsOf(word)];
        for (const part of this.splitter.split(word)) list.push(part, ...verbsOf(part));
        parts = list;
      }
      let stacked: string[] | null = null;
      for (const part of parts) {
        const s = this.stemmer.stem(part);
        if (s === term || stacked?.includes(s)) continue;
        (stacked ??= []).push(s);
      }
      out.push({ term, start: match.index, stacked: stacked ?? NONE });
    }
    return out;
  }
}

/** The analyzers of every language and kind for one index. */
export class Analyzers {
  private readonly byField = new Map<string, Analyzer>();
  private readonly foldedSplitter: CompoundSplitter;
  readonly stemmers: Record<Lang, Stemmer>;

  constructor(data: IndexData) {
    this.stemmers = { fi: new Stemmer('fi'), sv: new Stemmer('sv'), en: new Stemmer('en') };
    const spoken = new SpokenFinnish(data.analysis.spoken);
    const finnish = (word: string): string => this.stemmers.fi.stem(word);
    const splitters: Record<Kind, CompoundSplitter> = {
      main: new CompoundSplitter(data.analysis.compounds.main, finnish),
      folded: new CompoundSplitter(data.analysis.compounds.folded, finnish),
    };
    this.foldedSplitter = splitters.folded;
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const stop = data.analysis.stopWords[lang];
      const stopByKind: Record<Kind, Set<string>> = { main: new Set(stop), folded: new Set(stop.map(fold)) };
      for (const kind of ['main', 'folded'] as const) {
        this.byField.set(
          `${lang}.${kind}`,
          new Analyzer(lang, kind, stopByKind[kind], this.stemmers[lang], lang === 'fi' ? spoken : null, lang === 'fi' ? splitters[kind] : null),
        );
      }
    }
  }

  /** The parts of a folded Finnish compound ("unilaakkeita" → "uni", "laakkeita"), or none. */
  splitFolded(word: string): readonly string[] {
    return this.foldedSplitter.split(word);
  }

  get(lang: Lang, kind: Kind): Analyzer {
    return this.byField.get(`${lang}.${kind}`) as Analyzer;
  }
}
