// A supervisor joins a running chat visibly from the staff console: they see
// the open conversation (no content), join it, the citizen's page shows who
// joined, and the supervisor reads only what is sent after joining, can write
// to both the citizen and the worker, and leaves visibly.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { browserSuite } from './harness.mjs';
import { expectNoViolations, messageTexts, openPage, sendMessage, signIn as signInAs, startCitizenChat } from './flows.mjs';

const suite = browserSuite('join');

const open = (path, options = {}) => openPage(suite, path, options);
const signIn = (page, username) => signInAs(page, suite.server, username);

describe('joining a chat visibly', () => {
  test('supervisor sees the open chat, joins visibly, reads only later messages and writes to both', async () => {
    const tag = randomBytes(4).toString('hex');
    const nickname = `Nimi${tag}`;

    // ---- citizen opens a chat, a worker takes it, messages both ways ----
    const { page: citizen } = await open('/?lang=en');
    await startCitizenChat(citizen, { topic: /Mental health/, nickname });
    const { page: worker } = await open('/staff/?lang=en');
    await signIn(worker, 'worker');
    const workerName = (await worker.getByTestId('staff-name').textContent()).trim();
    await worker.getByText('1 waiting, longest wait').waitFor();
    await worker.getByRole('button', { name: 'Take next chat' }).click();
    await worker.getByRole('heading', { level: 3, name: `Chat with ${nickname}` }).waitFor();
    await citizen.getByText(`${workerName} (Worker) joined`).waitFor();
    await sendMessage(citizen, `Before ${tag}`);
    await worker.locator('.msg--other .msg__body', { hasText: `Before ${tag}` }).waitFor();
    await sendMessage(worker, `Worker reply ${tag}`);
    await citizen.locator('.msg--other .msg__body', { hasText: `Worker reply ${tag}` }).waitFor();

    // ---- supervisor: the open chats ----
    const { page: supervisor } = await open('/staff/?lang=en');
    await signIn(supervisor, 'supervisor');
    const supervisorName = (await supervisor.getByTestId('staff-name').textContent()).trim();
    await supervisor.getByRole('heading', { level: 3, name: 'Open chats' }).waitFor();
    assert.equal(await supervisor.getByRole('button', { name: 'Take next chat' }).count(), 0, 'no take for a supervisor');
    const item = supervisor.locator('.join-item', { hasText: `${workerName} (Worker)` });
    await item.getByRole('heading', { level: 4, name: 'Mental health' }).waitFor();
    await item.getByText(`In the chat: ${workerName} (Worker)`).waitFor();
    await item.getByText(/^Started /).waitFor();
    await supervisor.getByText('The client will see that you joined the chat, with your name and role.').waitFor();
    const joinButton = item.getByRole('button', { name: 'Join visibly' });
    // Usable once the device is certified and its key packages are on the server.
    await item.locator('[data-join]:not([aria-disabled])').waitFor();
    assert.match(await joinButton.getAttribute('aria-describedby'), /\S+ \S+/);
    assert.ok(!(await supervisor.content()).includes(`Before ${tag}`), 'no content in the list');
    await expectNoViolations(supervisor, 'supervisor: open chats');

    // ---- joining visibly ----
    await joinButton.click();
    await citizen.getByText(`${supervisorName} (Supervisor) joined`).waitFor();
    await supervisor.getByRole('heading', { level: 3, name: `Chat with ${nickname}` }).waitFor();
    await supervisor.getByRole('textbox', { name: 'Message' }).waitFor();
    await item.getByText('You are in this chat').waitFor();
    assert.equal(await supervisor.getByRole('button', { name: 'Transfer' }).count(), 0, 'no transfer for a joiner');
    assert.equal(await supervisor.getByRole('button', { name: 'End chat' }).count(), 0, 'no end for a joiner');

    // ---- a new citizen message reaches the supervisor; the earlier ones do not ----
    await sendMessage(citizen, `After ${tag}`);
    await supervisor.locator('.msg--other .msg__body', { hasText: `After ${tag}` }).waitFor();
    await worker.locator('.msg--other .msg__body', { hasText: `After ${tag}` }).waitFor();
    const seen = await messageTexts(supervisor);
    assert.ok(!seen.some((text) => text.includes(`Before ${tag}`)), `earlier citizen message not shown: ${seen}`);
    assert.ok(!seen.some((text) => text.includes(`Worker reply ${tag}`)), `earlier worker message not shown: ${seen}`);
    await expectNoViolations(supervisor, 'supervisor: chat');

    // ---- the supervisor writes; the citizen and the worker read it ----
    await sendMessage(supervisor, `Supervisor here ${tag}`);
    await citizen.locator('.msg--other .msg__body', { hasText: `Supervisor here ${tag}` }).waitFor();
    await worker.locator('.msg--other .msg__body', { hasText: `Supervisor here ${tag}` }).waitFor();
    await supervisor.locator('.msg--self[data-status="sent"]', { hasText: `Supervisor here ${tag}` }).waitFor();

    // ---- the supervisor leaves visibly; nothing sent afterwards reaches them ----
    await supervisor.getByRole('button', { name: 'Leave chat' }).click();
    await supervisor.getByText('You left this chat. The client sees that you left.').waitFor();
    await citizen.getByText(`${supervisorName} (Supervisor) left`).waitFor();
    assert.equal(await supervisor.getByRole('textbox', { name: 'Message' }).count(), 0, 'no composer after leaving');
    await sendMessage(citizen, `After leaving ${tag}`);
    await worker.locator('.msg--other .msg__body', { hasText: `After leaving ${tag}` }).waitFor();
    await sendMessage(worker, `Worker after ${tag}`);
    await citizen.locator('.msg--other .msg__body', { hasText: `Worker after ${tag}` }).waitFor();
    await supervisor.waitForTimeout(1000);
    const afterLeaving = await messageTexts(supervisor);
    assert.ok(!afterLeaving.some((text) => text.includes(`leaving ${tag}`) || text.includes(`Worker after ${tag}`)),
      `nothing after leaving: ${afterLeaving}`);
    // the chat is offered to join again
    await supervisor.locator('.join-item', { hasText: `${workerName} (Worker)` })
      .getByRole('button', { name: 'Join visibly' }).waitFor();
    await expectNoViolations(supervisor, 'supervisor: after leaving');
  });
});
