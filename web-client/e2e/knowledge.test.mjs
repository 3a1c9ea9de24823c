// The knowledge bank in the browser, against the real server: the citizen
// reads self-help articles while waiting; the worker's console suggests
// articles from the citizen's (decrypted) messages, "Use reply" fills the
// message box without sending, and risk signs mark the chat.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { browserSuite } from './harness.mjs';
import { expectNoViolations, messageTexts, openPage, sendMessage, signIn, startCitizenChat } from './flows.mjs';

const suite = browserSuite(`knowledge-${randomBytes(4).toString('hex')}`);

const open = (path, options) => openPage(suite, path, { locale: 'fi-FI', ...options });

describe('knowledge bank', () => {
  test('self-help while waiting; suggestions, "Use reply" and the risk mark in the console', async () => {
    const nickname = `Kb${randomBytes(3).toString('hex')}`;

    // ---- citizen: self-help is there from the topic choice ----
    const { page: citizen, problems: citizenProblems } = await open('/?lang=fi');
    await citizen.getByRole('radio', { name: /Päihteet ja riippuvuudet/ }).waitFor();
    await citizen.getByText('Lue oma-apuartikkeleita').click();
    await citizen.getByRole('searchbox', { name: 'Hae oma-apuartikkeleita' }).waitFor();

    // ---- citizen: waiting in the queue, searches and reads ----
    await startCitizenChat(citizen, { topic: /Päihteet ja riippuvuudet/, nickname, lang: 'fi' });
    const search = citizen.getByRole('searchbox', { name: 'Hae oma-apuartikkeleita' });
    await search.fill('ahdistus');
    await citizen.getByRole('button', { name: 'Hae', exact: true }).click();
    await citizen.getByText(/Artikkeleita löytyi: \d+\./).waitFor();
    const results = citizen.getByRole('list', { name: 'Hakutulokset' });
    const first = results.getByRole('link').first();
    const firstTitle = (await first.textContent()).trim();
    assert.match(firstTitle, /ahdistu/i, `an anxiety article first, got "${firstTitle}"`);
    await expectNoViolations(citizen, 'citizen: self-help results while waiting');
    await first.click();
    const articleTitle = citizen.getByRole('heading', { level: 4, name: firstTitle });
    await articleTitle.waitFor();
    assert.equal(await articleTitle.evaluate((el) => el === document.activeElement), true, 'focus on the article title');
    assert.ok((await citizen.locator('.self-help .kb-article__body p').count()) > 0, 'the article body is shown');
    await expectNoViolations(citizen, 'citizen: self-help article');
    if (process.env.KB_SCREENSHOT_DIR) await citizen.screenshot({ path: `${process.env.KB_SCREENSHOT_DIR}/citizen-article.png`, fullPage: true });
    await citizen.getByRole('button', { name: 'Takaisin hakutuloksiin' }).click();
    assert.equal(await first.evaluate((el) => el === document.activeElement), true, 'focus back on the result');
    const stored = await citizen.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + location.href);
    assert.ok(!stored.includes('ahdistus'), 'the search words are not stored');

    // ---- worker takes the chat ----
    const { page: worker, problems: workerProblems } = await open('/staff/?lang=fi');
    await signIn(worker, suite.server, 'worker', 'fi');
    await worker.getByRole('button', { name: 'Ota seuraava chat' }).click();
    await worker.getByRole('heading', { level: 3, name: `Keskustelu: ${nickname}` }).waitFor();
    await citizen.locator('.chat__status').getByText(/Keskustelussa:/).waitFor();
    assert.equal(await citizen.locator('.self-help').filter({ visible: true }).count(), 0, 'self-help steps aside once the chat starts');
    const panel = worker.getByRole('region', { name: 'Ehdotukset' });
    await panel.getByText('Ehdotuksia näkyy, kun asiakas kirjoittaa.').waitFor();

    // ---- the citizen writes: an alcohol article is suggested ----
    await sendMessage(citizen, 'mä juon liikaa kaljaa joka viikonloppu', 'fi');
    await worker.locator('.msg--other .msg__body', { hasText: 'mä juon liikaa kaljaa' }).waitFor();
    const alcohol = panel.locator('[data-suggestion*="alkoholi"]').first();
    await alcohol.waitFor();
    const suggestionId = await alcohol.getAttribute('data-suggestion');
    const { token } = await suite.server.login('worker');
    const served = await suite.server.api('GET', `/api/kb/articles/${encodeURIComponent(suggestionId)}`, { token });
    assert.equal(served.status, 200);
    assert.equal(await panel.getByRole('button', { name: 'Käytä vastausta' }).first().isVisible(), true);
    await expectNoViolations(worker, 'console with suggestions');

    const messageBox = worker.getByRole('textbox', { name: 'Viesti' });
    assert.equal(await messageBox.inputValue(), '');
    await alcohol.getByRole('button', { name: 'Käytä vastausta' }).click();
    const inserted = await messageBox.inputValue();
    assert.ok(inserted.length > 20, 'the reply is in the message box');
    assert.equal(await messageBox.evaluate((el) => el === document.activeElement), true, 'focus in the message box');
    assert.equal(inserted, served.body.reply, "the message box holds the article's reply");
    const preview = (await alcohol.locator('.kb-suggestion__reply').textContent()).replace(/…$/, '');
    assert.ok(inserted.replace(/\s+/g, ' ').startsWith(preview.trim()), 'the preview shows the same reply');
    // wide screen: the suggestions beside the chat
    const logBox = await worker.locator('.chat-log').boundingBox();
    const panelBox = await worker.locator('.kb-suggestions').boundingBox();
    assert.ok(panelBox.x >= logBox.x + logBox.width, 'suggestions beside the chat on a wide screen');
    assert.deepEqual(await messageTexts(citizen), ['mä juon liikaa kaljaa joka viikonloppu'], 'nothing was sent');

    // ---- "Open article" beside the chat; closing returns focus ----
    const openButton = alcohol.getByRole('button', { name: 'Avaa artikkeli' });
    await openButton.click();
    const article = panel.locator('.kb-article');
    await article.locator('.kb-article__body p').first().waitFor();
    const title = article.getByRole('heading', { level: 4 });
    assert.equal(await title.evaluate((el) => el === document.activeElement), true, 'focus on the article title');
    assert.match(await title.textContent(), /alkoholi/i);
    await expectNoViolations(worker, 'console with an article open');
    await article.getByRole('button', { name: 'Sulje artikkeli' }).click();
    await panel.locator('.kb-article').waitFor({ state: 'detached' });
    assert.equal(
      await panel.locator('[data-suggestion*="alkoholi"]').first().getByRole('button', { name: 'Avaa artikkeli' }).evaluate((el) => el === document.activeElement),
      true,
      'focus back on "Open article"',
    );
    await messageBox.fill('');

    // ---- risk signs: the chat is marked and the crisis article leads ----
    assert.equal(await worker.locator('.kb-chat-head [data-risk-badge], .work-tab [data-risk-badge]').count(), 0, 'no risk mark yet');
    await sendMessage(citizen, 'en jaksa enää, haluan kuolla', 'fi');
    const badge = worker.locator('.kb-chat-head [data-risk-badge]');
    await badge.waitFor();
    assert.equal((await badge.textContent()).includes('Riskimerkkejä'), true);
    await worker.locator('.work-tab [data-risk-badge]', { hasText: 'Riskimerkkejä' }).waitFor();
    const live = worker.locator('[data-risk-live]');
    assert.equal(await live.getAttribute('aria-live'), 'assertive');
    await live.getByText(`Riskimerkkejä keskustelussa: ${nickname}.`).waitFor();
    assert.match(await worker.title(), /^● Riskimerkkejä keskustelussa/, 'the title alert');
    if (process.env.KB_SCREENSHOT_DIR) await worker.screenshot({ path: `${process.env.KB_SCREENSHOT_DIR}/console-risk.png`, fullPage: true });
    const lead = panel.locator('.kb-suggestion').first();
    assert.match(await lead.getAttribute('data-suggestion'), /itsetuhoiset-ajatukset/, 'the crisis guidance leads');
    await expectNoViolations(worker, 'console with the risk mark');

    // ---- narrow screen: the suggestions below the chat, nothing sideways ----
    await worker.setViewportSize({ width: 360, height: 760 });
    const narrowLog = await worker.locator('.chat-log').boundingBox();
    const narrowPanel = await worker.locator('.kb-suggestions').boundingBox();
    assert.ok(narrowPanel.y >= narrowLog.y + narrowLog.height, 'suggestions below the chat on a narrow screen');
    if (process.env.KB_SCREENSHOT_DIR) await worker.screenshot({ path: `${process.env.KB_SCREENSHOT_DIR}/console-narrow.png`, fullPage: true });
    const overflow = await worker.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 360px`);

    assert.deepEqual(citizenProblems, [], 'citizen page: no errors or CSP violations');
    assert.deepEqual(workerProblems, [], 'console: no errors or CSP violations');
  });
});
