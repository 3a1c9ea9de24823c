// Judged query files: one JSON object a line,
// {"query", "lang", "relevant": {"<article or group id>": 1|2}, "risk"?: bool, "kinds"?: [..]}.
import { readFileSync } from 'node:fs';

export interface JudgedQuery {
  query: string;
  lang: 'fi' | 'sv' | 'en';
  relevant: Record<string, number>;
  /** Whether a worker must be alerted; undefined when the file does not say. */
  risk: boolean | undefined;
  kinds: string[];
  line: number;
}

export function readQueries(path: string): JudgedQuery[] {
  const out: JudgedQuery[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (!text.trim()) return;
      let q: Record<string, unknown>;
      try {
        q = JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new Error(`${path}:${i + 1}: not JSON`);
      }
      const relevant = q.relevant as Record<string, unknown> | undefined;
      if (typeof q.query !== 'string' || !['fi', 'sv', 'en'].includes(q.lang as string) || !relevant || typeof relevant !== 'object') {
        throw new Error(`${path}:${i + 1}: needs "query", "lang" (fi|sv|en) and "relevant"`);
      }
      for (const g of Object.values(relevant)) {
        if (typeof g !== 'number' || !Number.isInteger(g) || g < 0) throw new Error(`${path}:${i + 1}: grades are whole numbers ≥ 0`);
      }
      out.push({
        query: q.query,
        lang: q.lang as JudgedQuery['lang'],
        relevant: relevant as Record<string, number>,
        risk: typeof q.risk === 'boolean' ? q.risk : undefined,
        kinds: Array.isArray(q.kinds) ? q.kinds.filter((k): k is string => typeof k === 'string') : [],
        line: i + 1,
      });
    });
  return out;
}
