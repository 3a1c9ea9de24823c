// Runs in the benchmark's Chromium page (bundled by tools/kb/bench.ts): loads a
// client index the way the console does (fetch, parse, build the engine) and
// times the console's suggestion call on chat-like messages.
import { KnowledgeEngine } from '../../src/knowledge/engine/engine';
import { parseIndex } from '../../src/knowledge/engine/index-data';
import { consoleSuggestions } from '../../src/knowledge/suggest';

interface Run {
  load: { fetchMs: number; parseMs: number; buildMs: number; firstCallMs: number; totalMs: number };
  suggest: { calls: number; p50: number; p90: number; p99: number; max: number; mean: number };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function run(indexUrl: string, messages: { text: string; lang: string }[], warmup: number, calls: number): Promise<Run> {
  const t0 = performance.now();
  const response = await fetch(indexUrl, { cache: 'no-store' });
  const text = await response.text();
  const t1 = performance.now();
  const json = JSON.parse(text);
  const t2 = performance.now();
  const engine = new KnowledgeEngine(parseIndex(json));
  const t3 = performance.now();
  // the first suggestion also builds lazy lookups (typo tolerance): part of being ready
  consoleSuggestions(engine, 'en saa nukuttua ja mua ahistaa', 'fi');
  const t4 = performance.now();
  for (let i = 0; i < warmup; i++) {
    const m = messages[i % messages.length];
    consoleSuggestions(engine, m.text, m.lang);
  }
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const m = messages[(i + warmup) % messages.length];
    const start = performance.now();
    consoleSuggestions(engine, m.text, m.lang);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    load: { fetchMs: t1 - t0, parseMs: t2 - t1, buildMs: t3 - t2, firstCallMs: t4 - t3, totalMs: t4 - t0 },
    suggest: {
      calls,
      p50: quantile(times, 0.5),
      p90: quantile(times, 0.9),
      p99: quantile(times, 0.99),
      max: times[times.length - 1],
      mean: times.reduce((s, x) => s + x, 0) / times.length,
    },
  };
}

(window as unknown as { kbBench: typeof run }).kbBench = run;
