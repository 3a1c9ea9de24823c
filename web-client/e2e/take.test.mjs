// A worker takes a specific waiting chat from the console's list, not the
// next one: two citizens wait in one queue, the worker takes the second with
// its own "Take" button, that citizen is connected and messages flow, and the
// first is still waiting, now as number 1. The console has no axe violations
// with the list showing, and supervisors get no take buttons. A worker whose
// list is out of date and takes a chat a colleague already took is told so.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { browserSuite } from './harness.mjs';
import { expectNoViolations, openPage, sendMessage, signIn as signInAs, startCitizenChat } from './flows.mjs';

const suite = browserSuite('take');

const open = (path, options = {}) => openPage(suite, path, options);
const signIn = (page, username) => signInAs(page, suite.server, username);

describe('taking a specific waiting chat', () => {
  test('the worker takes the second chat in the queue with its own button', async () => {
    const tag = randomBytes(4).toString('hex');
    const firstName = `Eka${tag}`;
    const secondName = `Toka${tag}`;

    // ---- two citizens wait in the same queue ----
    const { page: first } = await open('/?lang=en');
    await startCitizenChat(first, { topic: /Mental health/, nickname: firstName });
    await first.locator('.chat__status').getByText('You are number 1 in the queue.').waitFor();
    const { page: second } = await open('/?lang=en');
    await startCitizenChat(second, { topic: /Mental health/, nickname: secondName });
    await second.locator('.chat__status').getByText('You are number 2 in the queue.').waitFor();

    // ---- the worker's console lists both, in order ----
    const { page: worker } = await open('/staff/?lang=en');
    await signIn(worker, 'worker');
    const workerName = (await worker.getByTestId('staff-name').textContent()).trim();
    const block = worker.locator('[data-waiting-chats]');
    await block.getByRole('heading', { level: 3, name: 'Waiting chats' }).waitFor();
    const queue = block.locator('[data-waiting-queue="mental-health"]');
    await queue.getByRole('heading', { level: 4, name: 'Mental health' }).waitFor();
    const items = queue.locator('.waiting-item__text');
    await items.nth(1).waitFor();
    const texts = await items.allTextContents();
    assert.equal(texts.length, 2, `two waiting: ${texts}`);
    assert.match(texts[0], /^No\. 1 · waiting \d+ s · English$/);
    assert.match(texts[1], /^No\. 2 · waiting \d+ s · English$/);
    const takeSecond = worker.getByRole('button', { name: /^Take chat 2 in Mental health, waiting \d+ s$/ });
    assert.equal(await takeSecond.textContent(), 'Take');
    assert.equal(await worker.getByRole('button', { name: /^Take chat 1 in Mental health/ }).count(), 1);
    // Usable once the device is certified and its key packages are on the server.
    await queue.locator('[data-take]:not([aria-disabled])').first().waitFor();
    assert.ok(!(await worker.content()).includes(secondName), 'nothing about the citizen in the list');
    await expectNoViolations(worker, 'worker: waiting chats listed');

    // ---- live: the focus stays on a button while the figures update ----
    await takeSecond.focus();
    const secondId = await takeSecond.getAttribute('data-take');
    await worker.waitForTimeout(5500); // the list re-renders its waits every 5 s
    assert.equal(await worker.evaluate(() => document.activeElement?.getAttribute('data-take')), secondId, 'focus kept');

    // ---- taking the second ----
    await worker.keyboard.press('Enter');
    await worker.getByRole('heading', { level: 3, name: `Chat with ${secondName}` }).waitFor();
    await second.getByText(`${workerName} (Worker) joined`).waitFor();
    await sendMessage(second, `Hello ${tag}`);
    await worker.locator('.msg--other .msg__body', { hasText: `Hello ${tag}` }).waitFor();
    await sendMessage(worker, `Reply ${tag}`);
    await second.locator('.msg--other .msg__body', { hasText: `Reply ${tag}` }).waitFor();

    // ---- the first still waits, now as number 1, and is the only one listed ----
    await first.locator('.chat__status').getByText('You are number 1 in the queue.').waitFor();
    assert.equal(await first.getByText(`${workerName} (Worker) joined`).count(), 0, 'the first citizen was not taken');
    await worker.waitForFunction(
      () => document.querySelectorAll('[data-waiting-queue="mental-health"] .waiting-item').length === 1,
    );
    assert.match(await items.first().textContent(), /^No\. 1 · /);
    await expectNoViolations(worker, 'worker: chat open, one still waiting');

    // ---- supervisors join chats; they get no take buttons ----
    const { page: supervisor } = await open('/staff/?lang=en');
    await signIn(supervisor, 'supervisor');
    await supervisor.getByRole('heading', { level: 3, name: 'Open chats' }).waitFor();
    await supervisor.locator('.join-item').first().waitFor();
    assert.equal(await supervisor.locator('[data-waiting-chats], [data-take]').count(), 0, 'no waiting list for a supervisor');
  });

  test('a chat a colleague already took: a clear message and the list no longer offers it', async () => {
    const tag = randomBytes(4).toString('hex');
    const { page: citizen } = await open('/?lang=en');
    await startCitizenChat(citizen, { topic: /Families with children/, nickname: `Perhe${tag}` });

    // The slow console: its queue.stats are held back while `holdStats` is set, so its list goes stale.
    let holdStats = false;
    const handle = await suite.newPage({ locale: 'en-GB', bypassCSP: true });
    await handle.context.routeWebSocket(/\/ws$/, (ws) => {
      const toServer = ws.connectToServer();
      toServer.onMessage((message) => {
        if (holdStats && String(message).includes('"type":"queue.stats"')) return;
        ws.send(message);
      });
    });
    const slow = handle.page;
    await slow.goto(new URL('/staff/?lang=en', suite.server.baseUrl).href);
    await signIn(slow, 'therapist');
    const slowQueue = slow.locator('[data-waiting-queue="families"]');
    await slowQueue.locator('[data-take]:not([aria-disabled])').waitFor();
    holdStats = true;

    // ---- a colleague takes it first ----
    const { page: quick } = await open('/staff/?lang=en');
    await signIn(quick, 'worker2');
    const quickTake = quick.getByRole('button', { name: /^Take chat 1 in Families with children, waiting/ });
    await quick.locator('[data-waiting-queue="families"] [data-take]:not([aria-disabled])').waitFor();
    await quickTake.click();
    await quick.getByRole('heading', { level: 3, name: `Chat with Perhe${tag}` }).waitFor();

    // ---- the slow console still offers it; taking it fails clearly ----
    const stale = slow.getByRole('button', { name: /^Take chat 1 in Families with children, waiting/ });
    assert.equal(await stale.count(), 1, 'the stale list still offers the chat');
    await stale.click();
    await slow
      .getByRole('alert')
      .getByText('Someone else took this chat first, or it has ended. The list has been updated.')
      .waitFor();
    await slowQueue.waitFor({ state: 'detached' });
    assert.equal(
      await slow.evaluate(() => document.activeElement?.textContent),
      'Waiting chats',
      'the focus goes to the list heading, not lost',
    );
    assert.equal(await slow.getByRole('heading', { level: 3, name: `Chat with Perhe${tag}` }).count(), 0);
    await expectNoViolations(slow, 'worker: take failed');
    holdStats = false;
  });
});
