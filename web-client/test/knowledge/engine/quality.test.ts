// The quality guard: the console's suggestion call on the judged sets must not
// fall below these floors (a little under what was measured, 2026-12-04,
// docs/knowledge-bank.md). Floors are not targets to tune towards: the
// hold-out set is never tuned on; its floor only catches a regression.
import { beforeAll, describe, expect, test } from 'vitest';
import { resolve } from 'node:path';
import { KnowledgeEngine } from '../../../src/knowledge/engine/engine';
import { parseIndex } from '../../../src/knowledge/engine/index-data';
import { evaluate, summarise, type Scores } from '../../../tools/kb/evaluate';
import { readQueries } from '../../../tools/kb/queries';
import { EVAL_DIR, fixture } from './fixtures';

interface Floor {
  ndcg5: number;
  mrr10: number;
  risk_recall?: number;
  max_false_alarms?: number;
  /** nDCG@5 per language */
  sv?: number;
  en?: number;
}

const FLOORS: Record<string, Floor> = {
  'dev.jsonl': { ndcg5: 0.87, mrr10: 0.94 },
  'holdout.jsonl': { ndcg5: 0.87, mrr10: 0.87 },
  'dev-chat.jsonl': { ndcg5: 0.83, mrr10: 0.9, risk_recall: 0.97, max_false_alarms: 0.06, sv: 0.77, en: 0.85 },
  'holdout-chat.jsonl': { ndcg5: 0.79, mrr10: 0.87, risk_recall: 0.75, max_false_alarms: 0.05, sv: 0.77, en: 0.75 },
  'dev-risk.jsonl': { ndcg5: 0.72, mrr10: 0.78, risk_recall: 0.97, max_false_alarms: 0.06 },
  'holdout-risk.jsonl': { ndcg5: 0.64, mrr10: 0.7, risk_recall: 0.65, max_false_alarms: 0.1 },
};

let engine: KnowledgeEngine;

beforeAll(() => {
  engine = new KnowledgeEngine(parseIndex(fixture('index-staff.json')));
});

describe('suggestion quality on the judged sets', () => {
  for (const [file, floor] of Object.entries(FLOORS)) {
    test(file, () => {
      const results = evaluate(engine, readQueries(resolve(EVAL_DIR, file)));
      const all: Scores = summarise(results);
      const lang = (l: string): number => summarise(results.filter((r) => r.query.lang === l)).ndcg5;
      expect(all.ndcg5, 'nDCG@5').toBeGreaterThanOrEqual(floor.ndcg5);
      expect(all.mrr10, 'MRR@10').toBeGreaterThanOrEqual(floor.mrr10);
      if (floor.risk_recall !== undefined) expect(all.risk_recall, 'risk recall').toBeGreaterThanOrEqual(floor.risk_recall);
      if (floor.max_false_alarms !== undefined) expect(all.risk_false_alarms, 'risk false alarms').toBeLessThanOrEqual(floor.max_false_alarms);
      if (floor.sv !== undefined) expect(lang('sv'), 'Swedish nDCG@5').toBeGreaterThanOrEqual(floor.sv);
      if (floor.en !== undefined) expect(lang('en'), 'English nDCG@5').toBeGreaterThanOrEqual(floor.en);
    });
  }
});
