import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ndcg, recall, reciprocalRank } from '../../../tools/kb/metrics';
import { readQueries } from '../../../tools/kb/queries';

const grades = new Map([
  ['a', 2],
  ['b', 1],
]);

describe('evaluation metrics', () => {
  test('nDCG@5 with exponential gain and log2 discount', () => {
    expect(ndcg(['a', 'b'], grades, 5)).toBeCloseTo(1, 10);
    // b first, a second: (1/log2(2) + 3/log2(3)) / (3/log2(2) + 1/log2(3))
    expect(ndcg(['b', 'a'], grades, 5)).toBeCloseTo((1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3)), 10);
    expect(ndcg(['x', 'y'], grades, 5)).toBe(0);
    expect(ndcg(['x', 'x', 'x', 'x', 'x', 'a'], grades, 5)).toBe(0);
  });

  test('MRR@10 and Recall@5', () => {
    expect(reciprocalRank(['x', 'b', 'a'], grades, 10)).toBe(0.5);
    expect(reciprocalRank(['x'], grades, 10)).toBe(0);
    expect(recall(['a', 'x'], grades, 5)).toBe(0.5);
  });

  test('query files: bad lines are named with their line number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-eval-'));
    const file = join(dir, 'q.jsonl');
    writeFileSync(file, '{"query":"a","lang":"fi","relevant":{"x":2},"risk":true,"kinds":["short"]}\n\n{"query":"b","lang":"de","relevant":{}}\n');
    expect(() => readQueries(file)).toThrow(`${file}:3: needs "query", "lang" (fi|sv|en) and "relevant"`);
    writeFileSync(file, '{"query":"a","lang":"fi","relevant":{"x":2},"risk":true,"kinds":["short"]}\n');
    expect(readQueries(file)).toEqual([{ query: 'a', lang: 'fi', relevant: { x: 2 }, risk: true, kinds: ['short'], line: 1 }]);
  });
});
