// The end-to-end encrypted chat against the real server: a citizen and two
// workers in independent browser contexts. Checks the messages arrive
// decrypted on the other side, a reload loses and duplicates nothing, a
// transfer hands over a summary but not the history, and that the plaintext
// never reaches the server's data directory or its output.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { browserSuite, routeHostPages } from './harness.mjs';
import { assertNotOnServer, expectNoViolations, messageTexts, openPage, signIn as signInAs } from './flows.mjs';

const NEUTRAL_SITE = 'https://www.google.com/';

const suite = browserSuite('chat');

const open = (path, options = {}) => openPage(suite, path, options);
const signIn = (page, username) => signInAs(page, suite.server, username);

describe('end-to-end encrypted chat', () => {
  test('citizen and workers: messages, reload, transfer with handover, end; nothing in clear on the server', async () => {
    const canary = `CANARY-${randomBytes(8).toString('hex')}`;
    const nickname = `Nimi${randomBytes(3).toString('hex')}`;

    // ---- citizen: topic choice ----
    const { page: citizen, problems: citizenProblems } = await open('/?lang=en');
    // the organisation root comes with the page, never from the API at run time
    const rootRequests = [];
    citizen.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/e2ee/root') rootRequests.push(request.url());
    });
    await citizen.getByRole('heading', { level: 2, name: 'Start a chat' }).waitFor();
    await citizen.getByRole('radio', { name: /Mental health/ }).waitFor();
    await expectNoViolations(citizen, 'citizen: topic choice');
    // what the encryption protects, and its limit, in plain words
    await citizen.getByText('How is my chat protected?').click();
    await citizen.getByText(/^The encryption runs in this page, which the service delivers/).waitFor();
    await expectNoViolations(citizen, 'citizen: how the chat is protected');

    await citizen.getByRole('radio', { name: /Mental health/ }).check();
    await citizen.getByLabel('Name or nickname (optional)').fill(nickname);
    await citizen.getByRole('button', { name: 'Start chat' }).click();

    // ---- waiting ----
    const citizenStatus = citizen.locator('.chat__status');
    await citizenStatus.getByText('You are number 1 in the queue.').waitFor();
    await citizenStatus.getByText(/Estimated wait/).waitFor();
    assert.equal(await citizenStatus.getAttribute('aria-live'), 'polite');
    await citizen.getByRole('button', { name: 'Quick exit' }).waitFor();
    await expectNoViolations(citizen, 'citizen: waiting');

    // ---- worker takes it ----
    const { page: worker, problems: workerProblems } = await open('/staff/?lang=en');
    await signIn(worker, 'worker');
    const workerName = await worker.getByTestId('staff-name').textContent();
    await worker.getByText('1 waiting, longest wait').waitFor();
    await worker.locator('[data-queue-id="mental-health"] [data-queue-live]').getByText(/^1 waiting/).waitFor();
    await worker.getByRole('button', { name: 'Take next chat' }).click();
    await worker.getByText(`Name given by the client: ${nickname}`).waitFor();
    await worker.getByRole('heading', { level: 3, name: `Chat with ${nickname}` }).waitFor();
    await citizen.getByText(`${workerName} (Worker) joined`).waitFor();
    await citizenStatus.getByText(`In the chat: ${workerName} (Worker)`).waitFor();
    assert.deepEqual(rootRequests, [], 'the citizen page verified the worker without asking the API for a root');

    // ---- messages both ways ----
    const citizenBox = citizen.getByRole('textbox', { name: 'Message' });
    const workerBox = worker.getByRole('textbox', { name: 'Message' });
    await citizenBox.fill(`Hello ${canary}`);
    await citizen.getByRole('button', { name: 'Send' }).click();
    await worker.locator('.msg--other .msg__body', { hasText: `Hello ${canary}` }).waitFor();
    await workerBox.fill('How can I help?');
    await worker.getByRole('button', { name: 'Send' }).click();
    await citizen.locator('.msg--other .msg__body', { hasText: 'How can I help?' }).waitFor();
    await citizenBox.fill(`Second ${canary}`);
    await citizen.keyboard.press('Enter');
    await worker.locator('.msg--other .msg__body', { hasText: `Second ${canary}` }).waitFor();
    await citizen.locator('.msg--self[data-status="sent"]', { hasText: `Second ${canary}` }).waitFor();
    assert.equal(await citizen.locator('.msg[data-status="sending"]').count(), 0);

    await expectNoViolations(citizen, 'citizen: conversation');
    await expectNoViolations(worker, 'worker console with a chat open');

    // ---- citizen reloads mid-conversation: nothing lost, nothing doubled ----
    const before = await messageTexts(citizen);
    assert.deepEqual(before, [`Hello ${canary}`, 'How can I help?', `Second ${canary}`]);
    await citizen.reload();
    await citizen.getByRole('heading', { level: 2, name: 'Chat' }).waitFor();
    await citizen.locator('.msg').nth(2).waitFor();
    await citizenStatus.getByText(`In the chat: ${workerName} (Worker)`).waitFor();
    assert.deepEqual(await messageTexts(citizen), before, 'same messages after reload');
    await citizenBox.fill('After reload');
    await citizen.getByRole('button', { name: 'Send' }).click();
    await worker.locator('.msg--other .msg__body', { hasText: 'After reload' }).waitFor();
    await workerBox.fill('Got it');
    await worker.getByRole('button', { name: 'Send' }).click();
    await citizen.locator('.msg--other .msg__body', { hasText: 'Got it' }).waitFor();
    assert.deepEqual(await messageTexts(citizen), [...before, 'After reload', 'Got it']);
    assert.deepEqual(await messageTexts(worker), [...before, 'After reload', 'Got it'], 'worker sees each message once');

    // ---- the worker's console reloads too ----
    await worker.reload();
    await worker.getByRole('heading', { level: 3, name: `Chat with ${nickname}` }).waitFor();
    await worker.locator('.msg').nth(4).waitFor();
    assert.deepEqual(await messageTexts(worker), [...before, 'After reload', 'Got it']);
    await workerBox.fill('Still here');
    await worker.getByRole('button', { name: 'Send' }).click();
    await citizen.locator('.msg--other .msg__body', { hasText: 'Still here' }).waitFor();

    // ---- transfer to a queue with a handover summary ----
    const { page: worker2 } = await open('/staff/?lang=en');
    await signIn(worker2, 'worker2');
    const worker2Name = await worker2.getByTestId('staff-name').textContent();
    await worker.getByRole('button', { name: 'Transfer' }).click();
    await worker.getByRole('radio', { name: 'A queue' }).check();
    await worker.getByLabel('Queue', { exact: true }).selectOption('mental-health');
    await worker.getByLabel('Handover summary for the next worker').fill(`Summary ${canary}: asked about sleep.`);
    await worker.getByRole('button', { name: 'Transfer chat' }).click();
    await worker.getByText('The chat was transferred.').waitFor();
    await citizen.getByText(`${workerName} (Worker) left`).waitFor();
    await citizen.getByText('The chat was moved back to the queue.', { exact: false }).waitFor();
    await citizen.locator('.handover', { hasText: `Summary ${canary}` }).waitFor();

    await worker2.getByText('1 waiting, longest wait').waitFor();
    assert.match(await worker2.title(), /^● New chat waiting/, 'a waiting chat shows in the title');
    await worker2.getByRole('button', { name: 'Take next chat' }).click();
    await worker2.getByText(`Name given by the client: ${nickname}`).waitFor();
    const handover = worker2.locator('.handover', { hasText: `Summary ${canary}: asked about sleep.` });
    await handover.waitFor();
    assert.match(await handover.textContent(), new RegExp(`${workerName} \\(Worker\\).*forwarded`));
    await citizen.getByText(`${worker2Name} (Worker) joined`).waitFor();
    assert.deepEqual(await messageTexts(worker2), [], 'the new worker does not see the earlier messages');
    const worker2Log = await worker2.locator('.chat-log').textContent();
    assert.equal(worker2Log.split(canary).length - 1, 1, 'only the forwarded summary carries the canary');

    await citizenBox.fill('Hello again');
    await citizen.getByRole('button', { name: 'Send' }).click();
    await worker2.locator('.msg--other .msg__body', { hasText: 'Hello again' }).waitFor();
    await worker2.getByRole('textbox', { name: 'Message' }).fill('Hi, I continue from here');
    await worker2.getByRole('button', { name: 'Send' }).click();
    await citizen.locator('.msg--other .msg__body', { hasText: 'Hi, I continue from here' }).waitFor();
    assert.deepEqual(await messageTexts(worker2), ['Hello again', 'Hi, I continue from here']);

    // ---- transfer to a named colleague (remove + add in one commit) ----
    await worker.getByRole('button', { name: 'Close chat' }).click();
    await worker.getByText('You have no open chats.').waitFor();
    await worker2.getByRole('button', { name: 'Transfer' }).click();
    await worker2.getByRole('radio', { name: 'A colleague' }).check();
    const colleague = worker2.getByLabel('Colleague', { exact: true });
    await colleague.locator('option', { hasText: workerName }).waitFor({ state: 'attached' });
    await colleague.selectOption({ label: `${workerName} (Available)` });
    await worker2.getByLabel('Handover summary for the next worker').fill('Second summary: continue tomorrow.');
    await worker2.getByRole('button', { name: 'Transfer chat' }).click();
    await worker2.getByText('The chat was transferred.').waitFor();
    await worker.getByRole('heading', { level: 3, name: `Chat with ${nickname}` }).waitFor();
    assert.match(await worker.title(), /^● New chat waiting/, 'the colleague is alerted in the title');
    await worker.locator('.handover', { hasText: 'Second summary: continue tomorrow.' }).waitFor();
    await worker.getByText(`Name given by the client: ${nickname}`).waitFor();
    await citizen.getByText(`${worker2Name} (Worker) left`).waitFor();
    await citizenStatus.getByText(`In the chat: ${workerName} (Worker)`).waitFor();
    assert.deepEqual(await messageTexts(worker), [], 'back in the chat, but not its history');
    await worker.getByRole('textbox', { name: 'Message' }).fill('Back with you');
    await worker.getByRole('button', { name: 'Send' }).click();
    await citizen.locator('.msg--other .msg__body', { hasText: 'Back with you' }).waitFor();

    // ---- end with an outcome ----
    await worker.getByRole('button', { name: 'End chat' }).click();
    await worker.getByRole('button', { name: 'End and record the outcome' }).click();
    await worker.getByText('Choose an outcome.').waitFor();
    await worker.getByLabel('Outcome').selectOption('advice');
    await worker.getByRole('button', { name: 'End and record the outcome' }).click();
    await worker.getByText('The chat has ended.').first().waitFor();
    await citizen.locator('.chat__status').getByText('The chat has ended.').waitFor();
    assert.equal(await citizen.getByRole('textbox', { name: 'Message' }).count(), 0, 'no composer after the end');

    // the transcript is made in the browser from the decrypted messages
    const [download] = await Promise.all([
      citizen.waitForEvent('download'),
      citizen.getByRole('button', { name: 'Save transcript' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^matala-chat-\d{4}-\d{2}-\d{2}\.txt$/);
    const transcript = readFileSync(await download.path(), 'utf8');
    for (const text of [`Hello ${canary}`, 'How can I help?', 'After reload', 'Hi, I continue from here', `Summary ${canary}`, 'Back with you']) {
      assert.ok(transcript.includes(text), `transcript has "${text}"`);
    }

    assert.deepEqual(citizenProblems, []);
    assert.deepEqual(workerProblems, []);

    // ---- the server never saw the plaintext ----
    if (process.env.MATALA_E2E_BASE_URL) return; // an outside server: its files are not ours to read
    // the queue of the chat is stored in clear (it is not secret): it shows the scan can see plaintext
    assertNotOnServer(suite.server, [canary, nickname], 'mental-health');
  });

  test('a message whose ack is lost is neither lost nor doubled (reconnect and reload)', async () => {
    const nickname = `Lost${randomBytes(3).toString('hex')}`;
    // Both pages with the real Content-Security-Policy (no axe here).
    const handle = await suite.newPage({ locale: 'en-GB' });
    const { page: citizen, context, problems } = handle;
    // Between the page and the server: can swallow the answer to the next chat
    // message (its msg.ack, and in 'keep' mode also its echo in the stream) and
    // then, in 'drop' mode, cut the connection. Chat messages are outbox drafts: rid "o…".
    let swallow = null; // null | 'drop' | 'keep'
    let sockets = 0;
    await context.routeWebSocket(/\/ws$/, (ws) => {
      sockets += 1;
      const upstream = ws.connectToServer();
      let watched = null; // {rid, data} of the chat message being swallowed
      ws.onMessage((message) => {
        const frame = JSON.parse(String(message));
        if (swallow && frame.type === 'msg.send' && /^o/.test(frame.rid ?? '')) watched = { rid: frame.rid, data: frame.data, mode: swallow };
        upstream.send(message);
      });
      upstream.onMessage((message) => {
        const frame = JSON.parse(String(message));
        if (watched && frame.type === 'msg.ack' && frame.rid === watched.rid) {
          if (watched.mode === 'drop') {
            swallow = null;
            watched = null;
            ws.close({ code: 4001, reason: 'test: connection lost' }).catch(() => {});
            upstream.close().catch(() => {});
          }
          return;
        }
        if (watched && watched.mode === 'keep' && frame.type === 'msg' && frame.data === watched.data) {
          swallow = null;
          return; // the echo: never seen on this connection
        }
        ws.send(message);
      });
    });
    await citizen.goto(`${suite.server.baseUrl}/?lang=en`);
    await citizen.getByRole('radio', { name: /Adult social work/ }).check();
    await citizen.getByLabel('Name or nickname (optional)').fill(nickname);
    await citizen.getByRole('button', { name: 'Start chat' }).click();
    await citizen.locator('.chat__status').getByText(/You are number \d+ in the queue/).waitFor();

    const { page: worker, problems: workerProblems } = await open('/staff/?lang=en', { bypassCSP: false });
    await signIn(worker, 'worker2');
    await worker.getByRole('button', { name: 'Take next chat' }).click();
    await worker.getByText(`Name given by the client: ${nickname}`).waitFor();
    await citizen.getByText(/\(Worker\) joined/).waitFor();

    // 1) the ack is lost with the connection: after reconnecting, the replayed stream shows it was stored
    const connectionsBefore = sockets;
    swallow = 'drop';
    await citizen.getByRole('textbox', { name: 'Message' }).fill('Only once');
    await citizen.getByRole('button', { name: 'Send' }).click();
    await worker.locator('.msg--other .msg__body', { hasText: 'Only once' }).waitFor();
    await citizen.locator('.msg--self[data-status="sent"]', { hasText: 'Only once' }).waitFor();
    assert.ok(sockets > connectionsBefore, 'the citizen reconnected');

    // 2) the ack never comes and the citizen reloads while it shows "sending…"
    swallow = 'keep';
    await citizen.getByRole('textbox', { name: 'Message' }).fill('Reload while sending');
    await citizen.getByRole('button', { name: 'Send' }).click();
    await worker.locator('.msg--other .msg__body', { hasText: 'Reload while sending' }).waitFor();
    await citizen.locator('.msg--self[data-status="sending"]', { hasText: 'Reload while sending' }).waitFor();
    await citizen.reload();
    await citizen.locator('.msg--self[data-status="sent"]', { hasText: 'Reload while sending' }).waitFor();

    await citizen.getByRole('textbox', { name: 'Message' }).fill('Still working');
    await citizen.getByRole('button', { name: 'Send' }).click();
    await worker.locator('.msg--other .msg__body', { hasText: 'Still working' }).waitFor();
    const expected = ['Only once', 'Reload while sending', 'Still working'];
    assert.deepEqual(await messageTexts(worker), expected, 'the worker got each message once');
    assert.deepEqual(await messageTexts(citizen), expected);
    assert.equal(await worker.getByText('could not be decrypted').count(), 0);
    assert.equal(await citizen.getByText('could not be decrypted').count(), 0);

    await worker.getByRole('button', { name: 'End chat' }).click();
    await worker.getByLabel('Outcome').selectOption('listened');
    await worker.getByRole('button', { name: 'End and record the outcome' }).click();
    await citizen.locator('.chat__status').getByText('The chat has ended.').waitFor();
    const [download] = await Promise.all([
      citizen.waitForEvent('download'),
      citizen.getByRole('button', { name: 'Save transcript' }).click(),
    ]);
    assert.match(readFileSync(await download.path(), 'utf8'), /Reload while sending/);
    assert.deepEqual(problems, [], 'citizen page: no errors or CSP violations');
    assert.deepEqual(workerProblems, [], 'console: no errors or CSP violations');
  });

  test('Quick exit leaves at once and forgets the chat', async () => {
    const { page, context } = await open('/?lang=en');
    await context.route(`${NEUTRAL_SITE}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Neutral</title><p>neutral</p>' }),
    );
    await page.getByRole('radio', { name: /Families with children/ }).check();
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.locator('.chat__status').getByText(/You are number \d+ in the queue/).waitFor();
    await page.evaluate(() => localStorage.setItem('matala.test', '1'));
    assert.ok(await page.evaluate(() => sessionStorage.getItem('matala.citizen.chat')), 'chat kept in sessionStorage');

    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL(NEUTRAL_SITE);
    // back does not return to the chat (location.replace)
    await page.goBack().catch(() => null);
    assert.ok(!page.url().startsWith(suite.server.baseUrl), `Back returned to ${page.url()}`);

    await page.goto(`${suite.server.baseUrl}/?lang=en`);
    await page.getByRole('heading', { level: 2, name: 'Start a chat' }).waitFor();
    const left = await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)].filter((k) => k.startsWith('matala.')));
    assert.deepEqual(left, []);
  });

  test('closed and full topics are shown honestly, with crisis numbers', async () => {
    const queues = (status) => ({
      queues: [
        { id: 'mental-health', name: { fi: 'Mielenterveys', sv: 'Psykisk hälsa', en: 'Mental health' }, status: status[0], waiting: 3 },
        { id: 'families', name: { fi: 'Lapsiperheet', sv: 'Barnfamiljer', en: 'Families with children' }, status: status[1], waiting: 30 },
      ],
    });
    const { page, context } = await open('/?lang=en', { viewport: { width: 320, height: 640 } });
    let current = queues(['closed', 'full']);
    await context.route('**/api/public/queues', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(current) }),
    );
    await page.reload();
    await page.getByText('Closed right now').waitFor();
    await page.getByText('The queue is full right now').waitFor();
    await page.getByText('Nobody can answer in the chat right now.', { exact: false }).waitFor();
    await page.locator('.start-closed').getByRole('link', { name: 'Call 09 2525 0111' }).waitFor();
    await page.locator('.start-closed').getByRole('link', { name: 'Call 112' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: /Mental health/ }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Start chat' }).count(), 0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 320px`);
    await expectNoViolations(page, 'topics closed/full');

    current = queues(['open', 'full']);
    await page.reload();
    await page.getByText('Open · 3 waiting').waitFor();
    await page.getByRole('button', { name: 'Start chat' }).waitFor();
    assert.equal(await page.locator('.start-closed .crisis-inline').count(), 0);
  });

  test('the chat opens inside the /widget.js panel', async () => {
    const handle = await suite.newPage({ locale: 'en-GB' });
    const origin = await routeHostPages(handle.context, {
      '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>City</title></head>
<body><main><h1>City services</h1></main><script src="${suite.server.baseUrl}/widget.js" defer></script></body></html>`,
    });
    await handle.page.goto(`${origin}/`);
    await handle.page.getByRole('button', { name: 'Ask for help' }).click();
    const frame = handle.page.frameLocator('matala-help-widget >> iframe');
    await frame.getByRole('heading', { level: 2, name: 'Start a chat' }).waitFor();
    await frame.getByRole('radio', { name: /Mental health/ }).waitFor();
    await frame.getByRole('button', { name: 'Quick exit' }).waitFor();
    assert.deepEqual(handle.problems, []);
  });
});
