// An admin changes a signed-in worker's roles. The device certificate of the
// open console states the old role, and a citizen's client would refuse it;
// so the console is told (staff.changed, then the server closes its
// connection), renews its token and its device certificate by itself, and the
// next chat it takes is added with the new role, without the worker signing
// out. An admin disabling a signed-in worker signs their console out at once.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { browserSuite } from './harness.mjs';
import { openPage, sendMessage, signIn as signInAs, startCitizenChat } from './flows.mjs';

const suite = browserSuite('role-change');

const open = (path, options = {}) => openPage(suite, path, options);
const deviceId = (page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('matala.staff.device') ?? '{}').deviceId ?? null);

describe('a role change while signed in', () => {
  test('the console renews its device certificate and the citizen adds it with the new role', async () => {
    const tag = randomBytes(4).toString('hex');
    const { page: worker } = await open('/staff/?lang=en');
    await signInAs(worker, suite.server, 'worker2');
    const workerName = (await worker.getByTestId('staff-name').textContent()).trim();
    const take = worker.getByRole('button', { name: 'Take next chat' });
    await worker.locator('button[aria-disabled="true"]', { hasText: 'Take next chat' }).waitFor({ state: 'detached' });
    const before = await deviceId(worker);
    assert.ok(before, 'a device is stored');

    const admin = await suite.server.login('admin');
    const list = await suite.server.api('GET', '/api/admin/staff', { token: admin.token });
    const id = list.body.staff.find((s) => s.username === 'worker2').id;
    const patched = await suite.server.api('PATCH', `/api/admin/staff/${id}`, { token: admin.token, body: { roles: ['therapist'] } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));

    await worker.waitForFunction(
      (old) => JSON.parse(sessionStorage.getItem('matala.staff.device') ?? '{}').deviceId !== old,
      before,
      { timeout: 15_000 },
    );
    await worker.getByTestId('staff-roles').getByText('Therapist').waitFor();

    const { page: citizen } = await open('/?lang=en');
    await startCitizenChat(citizen, { topic: /Mental health/, nickname: `Asiakas${tag}` });
    await worker.locator('button[aria-disabled="true"]', { hasText: 'Take next chat' }).waitFor({ state: 'detached' });
    await take.click();
    await citizen.getByText(`${workerName} (Therapist) joined`).waitFor();
    await sendMessage(citizen, `Hello ${tag}`);
    await worker.locator('.msg--other .msg__body', { hasText: `Hello ${tag}` }).waitFor();
    assert.ok(!suite.server.readLog().includes('refused the devices'), 'no refusal was needed');
  });

  test('disabling a signed-in worker signs their open console out with a message', async () => {
    const admin = await suite.server.login('admin');
    const username = `disabled-${randomBytes(3).toString('hex')}`;
    const password = `Salasana-${randomBytes(6).toString('hex')}`;
    const created = await suite.server.api('POST', '/api/admin/staff', {
      token: admin.token,
      body: { username, password, displayName: 'Kaisa Käytöstä', roles: ['worker'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    const { page: worker } = await open('/staff/?lang=en');
    await worker.getByLabel('Username').fill(username);
    await worker.getByLabel('Password').fill(password);
    await worker.getByRole('button', { name: 'Sign in', exact: true }).click();
    const take = worker.getByRole('button', { name: 'Take next chat' });
    await take.waitFor();
    await worker.locator('button[aria-disabled="true"]', { hasText: 'Take next chat' }).waitFor({ state: 'detached' });

    const patched = await suite.server.api('PATCH', `/api/admin/staff/${created.body.id}`, { token: admin.token, body: { disabled: true } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    await worker.getByRole('heading', { level: 1, name: 'Staff sign-in' }).waitFor({ timeout: 5_000 });
    await worker.getByText('Your account has been disabled, so you were signed out.', { exact: false }).waitFor();
    assert.equal(await worker.evaluate(() => sessionStorage.getItem('matala.staff.session')), null, 'the session is forgotten');
  });
});
