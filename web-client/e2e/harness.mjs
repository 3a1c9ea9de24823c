// End-to-end test harness: runs the real Matala server jar on a free port
// with a fresh data directory, and drives Debian's Chromium through
// playwright-core (no browser download).
//
// Environment:
//   MATALA_JAR        server jar (default ../chat-server/target/matala.jar)
//   CHROMIUM_PATH     browser binary (default /usr/bin/chromium)
//   JAVA_HOME         java to use (default: java on PATH)
//   MATALA_JAVA_OPTS  extra JVM options, space separated
//   MATALA_E2E_BASE_URL  use an already running server instead of the jar
//   MATALA_E2E_DEMO_PASSWORD  its demo password (with MATALA_E2E_BASE_URL)
//   MATALA_E2E_STARTUP_MS     how long to wait for /health (default 90000)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';

const here = dirname(fileURLToPath(import.meta.url));
const webClient = resolve(here, '..');
const require = createRequire(import.meta.url);

export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const insecureAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: false });

// ---- processes we started: always stopped, also when a test fails or the
// runner is interrupted -------------------------------------------------------

const children = new Set();

function killAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

// ---- helpers -------------------------------------------------------------------

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A JSON request from node to the server (self-signed certificate accepted).
 * Resolves { status, headers, body } (body parsed when JSON).
 */
export function httpJson(baseUrl, method, path, { body, token, timeoutMs = 10_000 } = {}) {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolveRequest, reject) => {
    const req = transport.request(
      url,
      {
        method,
        agent: url.protocol === 'https:' ? insecureAgent : undefined,
        headers: {
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            /* not JSON */
          }
          resolveRequest({ status: res.statusCode, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function javaBinary() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function tail(file, lines = 60) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---- the server ------------------------------------------------------------------

/**
 * Starts the Matala server jar with a fresh data directory on a free port and
 * waits for GET /health. Returns
 *   { baseUrl, demoPassword, logFile, dataDir, readLog(), api(method, path, opts), login(user), stop() }.
 */
export async function startServer(name = 'e2e', { env = {} } = {}) {
  if (process.env.MATALA_E2E_BASE_URL) {
    const baseUrl = process.env.MATALA_E2E_BASE_URL.replace(/\/$/, '');
    const demoPassword = process.env.MATALA_E2E_DEMO_PASSWORD ?? '';
    return serverHandle({ baseUrl, demoPassword, logFile: null, dataDir: null, stop: async () => {} });
  }

  const jar = resolve(webClient, process.env.MATALA_JAR ?? '../chat-server/target/matala.jar');
  if (!existsSync(jar)) {
    throw new Error(
      `Matala server jar not found at ${jar}. Build it first (cd .. && mvn -B -q -DskipTests package) ` +
        'or set MATALA_JAR to its path.',
    );
  }

  const dataDir = mkdtempSync(join(tmpdir(), `matala-${name}-`));
  const logDir = join(webClient, 'target', 'e2e-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  const logFd = openSync(logFile, 'a');
  const port = await freePort();
  const demoPassword = `e2e-Demo-${randomBytes(9).toString('base64url')}`;
  const baseUrl = `https://127.0.0.1:${port}`;

  const javaOpts = (process.env.MATALA_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(javaBinary(), [...javaOpts, '-jar', jar], {
    cwd: dataDir,
    env: {
      ...process.env,
      MATALA_DATA_DIR: dataDir,
      MATALA_HTTPS_PORT: String(port),
      MATALA_BIND_HOST: '127.0.0.1',
      MATALA_DEMO_PASSWORD: demoPassword,
      // the made-up municipal site of routeHostPages may frame the citizen page (the widget)
      MATALA_EMBEDDING_ORIGINS: HOST_ORIGIN,
      ...env,
    },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  children.add(child);
  let spawnError = null;
  child.on('error', (error) => {
    spawnError = error;
  });
  child.on('exit', () => children.delete(child));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + Number(process.env.MATALA_E2E_STARTUP_MS ?? 90_000);
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`could not start java (${javaBinary()}): ${spawnError.message}`);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`Matala server exited (${child.exitCode ?? child.signalCode}) before /health was up. Log ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await httpJson(baseUrl, 'GET', '/health', { timeoutMs: 2_000 });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Matala server did not answer /health in time. Log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  return serverHandle({ baseUrl, demoPassword, logFile, dataDir, stop });
}

function serverHandle({ baseUrl, demoPassword, logFile, dataDir, stop }) {
  return {
    baseUrl,
    demoPassword,
    logFile,
    /** The server's MATALA_DATA_DIR (null for an outside server); removed by stop(). */
    dataDir,
    readLog: () => (logFile ? readFileSync(logFile, 'utf8') : ''),
    api: (method, path, opts) => httpJson(baseUrl, method, path, opts),
    /** Signs in from node; returns the login response body. */
    async login(username, password = demoPassword) {
      const res = await httpJson(baseUrl, 'POST', '/api/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    stop,
  };
}

// ---- the browser -------------------------------------------------------------------

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install Debian's package (apt-get install -y chromium) ` +
        'or set CHROMIUM_PATH. The tests never download a browser.',
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A new page in its own context. `problems` collects uncaught page errors and
 * Content-Security-Policy violations reported on the console.
 */
export async function newPage(browser, { locale = 'fi-FI', bypassCSP = false, viewport } = {}) {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    locale,
    bypassCSP,
    ...(viewport ? { viewport } : {}),
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply|frame)/i.test(text)) problems.push(`console: ${text}`);
  });
  return { context, page, problems };
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) and returns its violations. */
export async function axeViolations(page, { exclude = [] } = {}) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (excluded) => {
    const result = await window.axe.run(
      { include: [document], exclude: excluded.map((selector) => [selector]) },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    );
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  }, exclude);
}

export function formatViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');
}

/**
 * Serves host pages (e.g. a "municipal" page embedding /widget.js) on a made-up
 * HTTPS origin inside the browser context: the requests are answered by
 * Playwright's routing and never reach the network. The server started by
 * startServer lets this origin frame the citizen page (MATALA_EMBEDDING_ORIGINS);
 * an outside server (MATALA_E2E_BASE_URL) must be configured so itself.
 * `pages` maps a path ("/", "/bare") to its HTML. Returns the origin.
 */
export const HOST_ORIGIN = 'https://kunta.example.test';

export async function routeHostPages(context, pages) {
  // In production both sites are public; here Matala listens on loopback, and
  // Chromium's Local Network Access rules would block a public origin's
  // request to it unless the (made-up) host origin is allowed to.
  await context.grantPermissions(['local-network-access'], { origin: HOST_ORIGIN });
  await context.route(`${HOST_ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const html = pages[path];
    if (html === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
  return HOST_ORIGIN;
}

/**
 * The set-up every browser-test file shares: one server (named for its data
 * directory and log) and one browser for the file, closed with every page
 * context afterwards. The browser starts first so that a machine without
 * Chromium fails fast. Read `server` and `browser` inside tests (they exist
 * once the file's `before` has run).
 */
/** `options.env`: extra environment for the server (e.g. MATALA_KB_DIR). */
export function browserSuite(name, options = {}) {
  const contexts = [];
  const suite = {
    server: null,
    browser: null,
    /** A new page in its own context (cookies, storage), closed after the file. */
    async newPage(options) {
      const handle = await newPage(suite.browser, options);
      contexts.push(handle.context);
      return handle;
    },
  };
  before(async () => {
    suite.browser = await launchBrowser();
    suite.server = await startServer(name, options);
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await suite.browser?.close().catch(() => {});
    await suite.server?.stop();
  });
  return suite;
}
