// Steps shared by the browser tests: pages in their own contexts, axe checks,
// staff sign-in, starting a citizen chat, reading the chat log.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, formatViolations, newPage } from './harness.mjs';

/** UI texts the flows look for, per page language. */
export const TEXTS = {
  en: {
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    chats: 'Chats',
    startChat: 'Start chat',
    nickname: 'Name or nickname (optional)',
    queued: /You are number \d+ in the queue/,
    message: 'Message',
    send: 'Send',
    take: 'Take next chat',
  },
  fi: {
    username: 'Käyttäjätunnus',
    password: 'Salasana',
    signIn: 'Kirjaudu',
    chats: 'Chatit',
    startChat: 'Aloita chat',
    nickname: 'Nimi tai nimimerkki (vapaaehtoinen)',
    queued: /Olet jonossa sijalla \d+/,
    message: 'Viesti',
    send: 'Lähetä',
    take: 'Ota seuraava chat',
  },
};

/**
 * Opens `path` of the suite's server in a new browser context (closed with the
 * suite). Options go to newPage (locale, bypassCSP, viewport).
 */
export async function openPage(suite, path, options = {}) {
  const handle = await suite.newPage({ locale: 'en-GB', bypassCSP: true, ...options });
  await handle.page.goto(new URL(path, suite.server.baseUrl).href);
  return handle;
}

export async function expectNoViolations(page, what, options) {
  const violations = await axeViolations(page, options);
  assert.deepEqual(violations, [], `${what}:\n${formatViolations(violations)}`);
}

/** Signs a demo user in on the staff page and waits for the console's chats. */
export async function signIn(page, server, username, lang = 'en') {
  const text = TEXTS[lang];
  await page.getByLabel(text.username).fill(username);
  await page.getByLabel(text.password).fill(server.demoPassword);
  await page.getByRole('button', { name: text.signIn, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: text.chats }).waitFor();
}

/** On the citizen page: chooses the topic, gives a nickname and waits to be in the queue. */
export async function startCitizenChat(page, { topic, nickname, lang = 'en' }) {
  const text = TEXTS[lang];
  await page.getByRole('radio', { name: topic }).check();
  if (nickname) await page.getByLabel(text.nickname).fill(nickname);
  await page.getByRole('button', { name: text.startChat }).click();
  await page.locator('.chat__status').getByText(text.queued).waitFor();
}

/** Sends a chat message from the page's composer. */
export async function sendMessage(page, body, lang = 'en') {
  const text = TEXTS[lang];
  await page.getByRole('textbox', { name: text.message }).fill(body);
  await page.getByRole('button', { name: text.send, exact: true }).click();
}

/** Texts of the chat messages shown (not notices). */
export function messageTexts(page) {
  return page.locator('.chat-log .msg .msg__body').allTextContents();
}

/** Every file under `dir` (recursively). */
export function allFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue; // removed meanwhile
    }
    if (st.isDirectory()) out.push(...allFiles(path));
    else if (st.isFile()) out.push(path);
  }
  return out;
}

/** A text as UTF-8, UTF-16LE and UTF-16BE bytes (how it could sit in a data file). */
export function encodings(text) {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [Buffer.from(text, 'utf8'), le, be];
}

/**
 * Asserts that none of `secrets` is in any file of the server's data
 * directory or in its output. `searchable` is a text that must be found in the
 * data files, to show the scan can see plaintext at all.
 */
export function assertNotOnServer(server, secrets, searchable) {
  assert.ok(server.dataDir, 'the server data directory');
  const files = allFiles(server.dataDir);
  assert.ok(files.some((f) => statSync(f).size > 0), 'the data directory has data');
  if (searchable) {
    assert.ok(
      files.some((f) => readFileSync(f).includes(Buffer.from(searchable))),
      `the data files are searchable (${searchable} is found in them)`,
    );
  }
  for (const secret of secrets) {
    const needles = encodings(secret);
    for (const file of files) {
      let bytes;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      for (const needle of needles) assert.equal(bytes.indexOf(needle), -1, `${secret} found in ${file}`);
    }
    if (server.logFile) assert.ok(!server.readLog().includes(secret), `${secret} in the server output`);
  }
}
