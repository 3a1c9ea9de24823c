// The central promise, checked from outside the pages: nothing a citizen or a
// worker writes in a chat, and nothing either of them searches for, leaves
// their browser unencrypted. Every HTTP request (URL, headers, body) and every
// WebSocket frame both pages send is recorded while they chat with canary
// words, the console suggests articles and raises the risk flag, the worker
// searches the knowledge bank and the citizen searches self-help; no canary
// may appear in any of them, in plain text, lower case or base64, nor in the
// server's data files and output.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { browserSuite } from './harness.mjs';
import { assertNotOnServer, expectNoViolations, sendMessage, signIn, startCitizenChat } from './flows.mjs';

const suite = browserSuite(`privacy-${randomBytes(4).toString('hex')}`);

/** Records what a page's context sends: every request and every WebSocket frame. */
async function watchedPage(path) {
  const handle = await suite.newPage({ locale: 'fi-FI', bypassCSP: true });
  const sent = [];
  handle.context.on('request', (request) => {
    sent.push({ what: `${request.method()} ${request.url()}`, bytes: Buffer.from(request.url()) });
    sent.push({ what: `headers of ${request.url()}`, bytes: Buffer.from(JSON.stringify(request.headers())) });
    const body = request.postDataBuffer();
    if (body) sent.push({ what: `body of ${request.url()}`, bytes: body });
  });
  handle.page.on('websocket', (ws) => {
    ws.on('framesent', (frame) => sent.push({ what: `frame to ${ws.url()}`, bytes: Buffer.from(frame.payload) }));
  });
  await handle.page.goto(new URL(path, suite.server.baseUrl).href);
  return { ...handle, sent };
}

/** The ways a word could travel: as typed, lower-cased, and inside base64 at any alignment. */
function needles(word) {
  const out = [word, word.toLowerCase()].map((w) => Buffer.from(w));
  for (const w of [word, word.toLowerCase()]) {
    for (let shift = 0; shift < 3; shift++) {
      const b64 = Buffer.concat([Buffer.alloc(shift), Buffer.from(w)]).toString('base64');
      const inner = b64.slice(4, -4); // the part that does not depend on the neighbouring bytes
      out.push(Buffer.from(inner), Buffer.from(inner.replace(/\+/g, '-').replace(/\//g, '_')));
    }
  }
  return out;
}

function assertNeverSent(sent, words, who) {
  assert.ok(sent.length > 10, `${who}: the watch saw the traffic (${sent.length} items)`);
  // the same scan does find what really is sent in the clear: the frame type of every chat message
  assert.ok(sent.some((s) => s.bytes.includes(Buffer.from('"msg.send"'))), `${who}: the scan sees the frames' text`);
  for (const word of words) {
    for (const needle of needles(word)) {
      const leak = sent.find((s) => s.bytes.includes(needle));
      assert.equal(leak, undefined, `${who} sent "${word}" (as "${needle}") in ${leak?.what}`);
    }
  }
}

describe('privacy of what people write', () => {
  test('chat text and searches never leave the browsers unencrypted; suggestions and the risk flag still work', async () => {
    const tag = randomBytes(6).toString('hex').toUpperCase();
    const citizenCanary = `Kanarialintu${tag}`;
    const workerCanary = `Pajulintu${tag}`;
    const staffSearchCanary = `Peipponen${tag}`;
    const selfHelpCanary = `Tikli${tag}`;
    const nickname = `Priv${tag.slice(0, 4)}`;

    const worker = await watchedPage('/staff/?lang=fi');
    await signIn(worker.page, suite.server, 'worker', 'fi');
    const citizen = await watchedPage('/?lang=fi');

    // the citizen searches self-help while choosing a topic: on the device
    await citizen.page.getByText('Lue oma-apuartikkeleita').click();
    const selfHelp = citizen.page.getByRole('searchbox', { name: 'Hae oma-apuartikkeleita' });
    await selfHelp.fill(`${selfHelpCanary} en saa nukuttua`);
    await citizen.page.getByRole('button', { name: 'Hae', exact: true }).click();
    await citizen.page.getByText(/Artikkeleita löytyi: \d+\./).waitFor();
    const firstHit = citizen.page.getByRole('list', { name: 'Hakutulokset' }).getByRole('link').first();
    assert.match(await firstHit.textContent(), /unettomuus|uni|yöun/i, 'a sleep article for a sleep problem');

    await startCitizenChat(citizen.page, { topic: /Mielenterveys/, nickname, lang: 'fi' });
    await worker.page.getByRole('button', { name: 'Ota seuraava chat' }).click();
    await worker.page.getByRole('heading', { level: 3, name: `Keskustelu: ${nickname}` }).waitFor();
    await citizen.page.locator('.chat__status').getByText(/Keskustelussa:/).waitFor();

    // an indirect warning sign, with the canary in it
    await sendMessage(citizen.page, `${citizenCanary} mä en jaksa enää elää, oon jo kirjottanu kirjeet`, 'fi');
    await worker.page.locator('.msg--other .msg__body', { hasText: citizenCanary }).waitFor();
    const panel = worker.page.getByRole('region', { name: 'Ehdotukset' });
    await worker.page.locator('.kb-chat-head [data-risk-badge]').waitFor();
    const lead = panel.locator('.kb-suggestion').first();
    await lead.waitFor();
    assert.match(await lead.getAttribute('data-suggestion'), /itsetuhoiset-ajatukset/, 'the crisis guidance leads');

    // the worker answers and searches the knowledge bank beside the chat
    await sendMessage(worker.page, `${workerCanary} olen tässä ja kuuntelen sinua.`, 'fi');
    await citizen.page.locator('.msg--other .msg__body', { hasText: workerCanary }).waitFor();
    await panel.getByRole('searchbox', { name: 'Hae tietopankista' }).fill(`${staffSearchCanary} ulosotto palkasta`);
    await panel.getByRole('button', { name: 'Hae', exact: true }).click();
    await panel.locator('.kb-suggestions__status', { hasText: /Tuloksia: \d+\./ }).waitFor();
    assert.match(await panel.locator('.kb-suggestion').first().getAttribute('data-suggestion'), /velka/, 'a debt article for the search');
    await expectNoViolations(worker.page, 'console with the worker’s search');

    // whatever went over the network, none of it carried the words
    const words = [citizenCanary, workerCanary, staffSearchCanary, selfHelpCanary];
    assertNeverSent(worker.sent, words, 'the console');
    assertNeverSent(citizen.sent, words, 'the citizen page');
    assert.ok(worker.sent.some((s) => s.what.includes('/api/kb/index/staff')), 'the console fetched the staff index');
    assert.ok(citizen.sent.some((s) => s.what.includes('/api/kb/index/citizen')), 'the citizen page fetched the citizen index');
    assert.ok(!worker.sent.some((s) => /\/api\/kb\/(search|suggest)/.test(s.what)), 'no search or suggestion request exists');
    assertNotOnServer(suite.server, words, 'mental-health');
  });
});
