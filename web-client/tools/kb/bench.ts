// Speed of the knowledge-bank engine in the browser (Debian's Chromium,
// headless, the same engine code the console runs):
//
//   npm --prefix web-client run -s kb:bench [-- --calls 5000 --rounds 5]
//
// For the bundled content (96 articles) and a generated bank of 2,000
// articles (knowledge-bank/target/kb-client, written by the Java index
// builder): index load as the console does it (fetch from a loopback server,
// JSON.parse, engine build, first suggestion) and suggestion latency for chat
// messages of 1-3 sentences (80 % fi, 10 % sv, 10 % en), after a warm-up.
// Each figure is the median of the rounds; every round is a fresh page. Also
// prints the index sizes (raw and gzip) for the download budget.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, '../../../knowledge-bank/target/kb-client');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      lib: { entry: resolve(here, 'bench-page.ts'), formats: ['iife'], name: 'kbBenchPage', fileName: 'bench' },
    },
  });
  const output = (Array.isArray(out) ? out[0] : out) as { output: { type: string; code?: string }[] };
  const chunk = output.output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('benchmark page did not build');
  return chunk.code;
}

function messages(): { text: string; lang: string }[] {
  const m = JSON.parse(readFileSync(resolve(fixtures, 'bench-messages.json'), 'utf8')).messages as Record<string, string[]>;
  const out: { text: string; lang: string }[] = [];
  // 80 % Finnish, 10 % Swedish, 10 % English, interleaved
  for (let i = 0; i < 400; i++) {
    for (let k = 0; k < 8; k++) out.push({ text: m.fi[(i * 8 + k) % m.fi.length], lang: 'fi' });
    out.push({ text: m.sv[i % m.sv.length], lang: 'sv' });
    out.push({ text: m.en[i % m.en.length], lang: 'en' });
  }
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const corpora = [
    { name: 'bundled', file: 'index-staff.json' },
    { name: 'generated', file: 'synthetic-2000.json' },
  ];
  for (const c of [...corpora.map((x) => x.file), 'index-citizen.json', 'bench-messages.json']) {
    if (!existsSync(resolve(fixtures, c))) throw new Error(`${c} is missing in ${fixtures}: build first (mvn -B -q -DskipTests package)`);
  }
  const calls = arg('calls', 5000);
  const rounds = arg('rounds', 5);
  const warmup = arg('warmup', 2000);
  const script = await bundle();
  const bodies = new Map<string, Buffer>([['/bench.js', Buffer.from(script)]]);
  for (const c of corpora) bodies.set(`/${c.file}`, readFileSync(resolve(fixtures, c.file)));
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>');
      return;
    }
    const body = bodies.get(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': path.endsWith('.js') ? 'text/javascript' : 'application/json' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const texts = messages();
  const version = (await browser.version()).split('.')[0];
  console.log(`Knowledge-bank engine in Chromium ${version} (headless), ${rounds} rounds, ${calls} suggestions each after ${warmup} warm-up calls`);
  console.log('| corpus | articles | index raw | index gzip | load total | fetch | parse | build | first call | suggest p50 | p90 | p99 | max |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  try {
    for (const c of corpora) {
      const raw = bodies.get(`/${c.file}`) as Buffer;
      const articles = (JSON.parse(raw.toString('utf8')).articles as unknown[]).length;
      const runs = [];
      for (let r = 0; r < rounds; r++) {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${port}/`);
        runs.push(
          await page.evaluate(
            ([url, m, w, n]) => (window as unknown as { kbBench: (u: string, m: unknown, w: number, n: number) => Promise<unknown> }).kbBench(url as string, m, w as number, n as number),
            [`/${c.file}`, texts, warmup, calls] as const,
          ),
        );
        await page.close();
      }
      type RunResult = { load: Record<string, number>; suggest: Record<string, number> };
      const rs = runs as RunResult[];
      const ms = (f: (r: RunResult) => number): string => `${median(rs.map(f)).toFixed(2)} ms`;
      console.log(
        `| ${c.name} | ${articles} | ${(raw.length / 1024).toFixed(0)} KB | ${(gzipSync(raw).length / 1024).toFixed(0)} KB | ${ms((r) => r.load.totalMs)} | ${ms((r) => r.load.fetchMs)} | ${ms((r) => r.load.parseMs)} | ${ms((r) => r.load.buildMs)} | ${ms((r) => r.load.firstCallMs)} | ${ms((r) => r.suggest.p50)} | ${ms((r) => r.suggest.p90)} | ${ms((r) => r.suggest.p99)} | ${ms((r) => r.suggest.max)} |`,
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
  const citizen = readFileSync(resolve(fixtures, 'index-citizen.json'));
  console.log(`\nCitizen index (bundled content): ${(citizen.length / 1024).toFixed(0)} KB raw, ${(gzipSync(citizen).length / 1024).toFixed(0)} KB gzip.`);
  const engineChunk = gzipSync(Buffer.from(script)).length;
  console.log(`Engine code (this benchmark's bundle, minified): ${(script.length / 1024).toFixed(0)} KB, ${(engineChunk / 1024).toFixed(0)} KB gzip.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
