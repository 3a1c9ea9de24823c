// A console keeps its chat connection across token refreshes: with 10-second
// access tokens the server would close a connection whose token expired, so
// the console renews its session in-band (staff.renew) every time it
// refreshes its token, and the connection it signed in on stays open.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSuite } from './harness.mjs';
import { openPage, signIn } from './flows.mjs';

const suite = browserSuite('session-renew', { env: { MATALA_ACCESS_TOKEN_TTL: 'PT10S' } });

describe('a console with short-lived tokens', () => {
  test('renews its chat session in-band and keeps the one connection', async () => {
    const { page } = await openPage(suite, '/staff/?lang=en');
    const sent = [];
    const closed = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => {
        try {
          const frame = JSON.parse(String(payload));
          if (frame.type === 'staff.auth' || frame.type === 'staff.renew') sent.push(frame.type);
        } catch {
          /* not JSON */
        }
      });
      ws.on('close', () => closed.push(Date.now()));
    });
    await signIn(page, suite.server, 'worker');
    await page.locator('button[aria-disabled="true"]', { hasText: 'Take next chat' }).waitFor({ state: 'detached' });

    // three token lifetimes: without renewals the connection would have been closed at least twice
    await page.waitForTimeout(25_000);
    assert.deepEqual(closed, [], 'the connection was never closed');
    assert.equal(sent.filter((t) => t === 'staff.auth').length, 1, `one sign-in: ${sent}`);
    assert.ok(sent.filter((t) => t === 'staff.renew').length >= 3, `renewed in-band: ${sent}`);
    // and the console still works on it
    await page.locator('button[aria-disabled="true"]', { hasText: 'Take next chat' }).waitFor({ state: 'detached' });
  });
});
