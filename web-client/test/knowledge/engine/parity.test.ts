// Parity of the two analysis implementations: the server's (Java, Lucene)
// analyses the articles into the index, the browser's (TypeScript) analyses
// queries. A term that differs between them is a word that can never match, so
// they must agree term for term: here on every distinct word of the corpus and
// of the evaluation sets, in all six chains, and on the full text of every
// article and query (tokenisation, offsets and compound parts included).
import { beforeAll, describe, expect, test } from 'vitest';
import { Analyzers, type Position } from '../../../src/knowledge/engine/analysis';
import { parseIndex, type FieldName, type Kind } from '../../../src/knowledge/engine/index-data';
import type { Lang } from '../../../src/knowledge/engine/stemmer';
import { fixture } from './fixtures';

type JavaPosition = [string, number, ...string[]];
interface Parity {
  words: string[];
  'words.analysed': Record<FieldName, JavaPosition[][]>;
  texts: { text: string; lang: Lang; main: JavaPosition[]; folded: JavaPosition[] }[];
}

const asJava = (positions: Position[]): JavaPosition[] => positions.map((p) => [p.term, p.start, ...p.stacked]);

let analyzers: Analyzers;
let parity: Parity;

beforeAll(() => {
  analyzers = new Analyzers(parseIndex(fixture('index-staff.json')));
  parity = fixture('parity.json') as Parity;
});

describe('query analysis agrees with the index analysis', () => {
  test('the fixture covers the corpus', () => {
    expect(parity.words.length).toBeGreaterThan(7000);
    expect(parity.texts.length).toBeGreaterThan(500);
  });

  for (const lang of ['fi', 'sv', 'en'] as const) {
    for (const kind of ['main', 'folded'] as const) {
      test(`every corpus and query word, ${lang}.${kind}`, () => {
        const expected = parity['words.analysed'][`${lang}.${kind}`];
        const analyzer = analyzers.get(lang, kind);
        const differences: string[] = [];
        parity.words.forEach((word, i) => {
          const got = JSON.stringify(asJava(analyzer.analyze(word)));
          const want = JSON.stringify(expected[i]);
          if (got !== want) differences.push(`${word}: server ${want}, browser ${got}`);
        });
        expect(differences.slice(0, 20)).toEqual([]);
      });
    }
  }

  for (const kind of ['main', 'folded'] as Kind[]) {
    test(`every article text and query, whole, ${kind}`, () => {
      const differences: string[] = [];
      for (const t of parity.texts) {
        const got = JSON.stringify(asJava(analyzers.get(t.lang, kind).analyze(t.text)));
        const want = JSON.stringify(t[kind]);
        if (got !== want) differences.push(`[${t.lang}] ${t.text.slice(0, 60)}: server ${want.slice(0, 200)}, browser ${got.slice(0, 200)}`);
      }
      expect(differences.slice(0, 10)).toEqual([]);
    });
  }
});
