// Quality of the knowledge-bank engine that the worker console runs
// (src/knowledge/engine via src/knowledge/suggest.ts), on any judged query file:
//
//   npm --prefix web-client run -s kb:eval -- <queries.jsonl> [--index <client index>] [--verbose]
//
// Prints one JSON line: ndcg5, mrr10, recall5, risk_recall (of the lines with
// "risk": true), risk_false_alarms (risk flagged on lines without it), queries,
// and the same per language. Judgements name articles or groups; translations
// are one suggestion in the console, so a group counts with the best grade of
// its versions. --verbose lists each query's top five on stderr.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeEngine } from '../../src/knowledge/engine/engine';
import { parseIndex } from '../../src/knowledge/engine/index-data';
import { consoleSuggestions, SUGGESTION_RANKING_DEPTH } from '../../src/knowledge/suggest';
import { ndcg, recall, reciprocalRank } from './metrics';
import { readQueries, type JudgedQuery } from './queries';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_INDEX = resolve(here, '../../../knowledge-bank/target/kb-client/index-staff.json');

export interface Scores {
  queries: number;
  ndcg5: number;
  mrr10: number;
  recall5: number;
  risk_recall: number | null;
  risk_false_alarms: number | null;
}

export interface PerQuery {
  query: JudgedQuery;
  ranking: string[];
  grades: Map<string, number>;
  risk: boolean;
  ndcg5: number;
}

export function evaluate(engine: KnowledgeEngine, queries: readonly JudgedQuery[]): PerQuery[] {
  return queries.map((query) => {
    const grades = new Map<string, number>();
    for (const [id, grade] of Object.entries(query.relevant)) {
      const group = engine.article(id)?.group ?? id;
      grades.set(group, Math.max(grade, grades.get(group) ?? 0));
    }
    const found = consoleSuggestions(engine, query.query, query.lang, SUGGESTION_RANKING_DEPTH);
    const ranking = found.results.map((r) => r.article.group);
    return { query, ranking, grades, risk: found.risk, ndcg5: ndcg(ranking, grades, 5) };
  });
}

export function summarise(results: readonly PerQuery[]): Scores {
  const mean = (f: (p: PerQuery) => number): number => (results.length ? results.reduce((s, p) => s + f(p), 0) / results.length : 0);
  const risky = results.filter((p) => p.query.risk === true);
  const calm = results.filter((p) => p.query.risk === false);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    queries: results.length,
    ndcg5: round(mean((p) => p.ndcg5)),
    mrr10: round(mean((p) => reciprocalRank(p.ranking, p.grades, 10))),
    recall5: round(mean((p) => recall(p.ranking, p.grades, 5))),
    risk_recall: risky.length ? round(risky.filter((p) => p.risk).length / risky.length) : null,
    risk_false_alarms: calm.length ? round(calm.filter((p) => p.risk).length / calm.length) : null,
  };
}

function main(args: string[]): void {
  let file: string | undefined;
  let indexFile = DEFAULT_INDEX;
  let verbose = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--index') indexFile = resolve(args[++i] ?? '');
    else if (args[i] === '--verbose') verbose = true;
    else file = resolve(args[i]);
  }
  if (!file) {
    process.stderr.write('usage: kb:eval -- <queries.jsonl> [--index <client index json>] [--verbose]\n');
    process.exit(2);
  }
  let engine: KnowledgeEngine;
  try {
    engine = new KnowledgeEngine(parseIndex(JSON.parse(readFileSync(indexFile, 'utf8'))));
  } catch (e) {
    process.stderr.write(`cannot read the client index ${indexFile} (${(e as Error).message}); build first: mvn -B -q -DskipTests package\n`);
    process.exit(2);
  }
  const results = evaluate(engine, readQueries(file));
  const byLang: Record<string, Scores> = {};
  for (const lang of ['fi', 'sv', 'en']) {
    const part = results.filter((p) => p.query.lang === lang);
    if (part.length) byLang[lang] = summarise(part);
  }
  if (verbose) {
    for (const p of results) {
      process.stderr.write(`${p.ndcg5.toFixed(3)} [${p.query.lang}]${p.query.risk ? ` risk:${p.risk ? 'flagged' : 'MISSED'}` : p.risk && p.query.risk === false ? ' risk:FALSE-ALARM' : ''} ${p.query.query}\n`);
      for (const g of p.ranking.slice(0, 5)) process.stderr.write(`        ${p.grades.get(g) ?? 0} ${g}\n`);
      const missing = [...p.grades].filter(([g, grade]) => grade > 0 && !p.ranking.slice(0, 5).includes(g)).map(([g, grade]) => `${grade} ${g}`);
      if (missing.length) process.stderr.write(`        not in top 5: ${missing.join(', ')}\n`);
    }
  }
  process.stdout.write(`${JSON.stringify({ ...summarise(results), index: engine.version, by_lang: byLang })}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
