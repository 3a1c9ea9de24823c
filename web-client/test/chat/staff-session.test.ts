// The console's chat connection follows its sign-in session: it renews the
// session in-band (staff.renew) whenever the token is refreshed, reconnects
// when the server closes it at token expiry, signs out when the account is
// disabled, and renews its device certificate when the roles changed.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMlsClient, type MlsClient } from '../../src/e2ee';
import { fromBase64, toBase64 } from '../../src/chat/base64';
import { StaffChatService, type ServiceEvent } from '../../src/staff/chat/service';
import { makePki, type TestPki } from '../e2ee/helpers/pki';
import { FakeServer, until } from './helpers/fake-server';
import { MemoryStorage } from '../helpers/memory-storage';

let pki: TestPki;
let client: MlsClient;

beforeAll(async () => {
  pki = makePki();
  client = await createMlsClient({ trustAnchorDer: pki.root.der });
});

/** A signed-in console of `staffId` whose session hands out `token()` and announces refreshed tokens. */
function console_(server: FakeServer, staffId: string, token: () => Promise<string> = async () => staffId) {
  const listeners = new Set<(token: string) => void>();
  const events: ServiceEvent[] = [];
  let renewals = 0;
  const service = new StaffChatService({
    client,
    storage: new MemoryStorage(),
    staffId,
    token,
    renewToken: async () => void renewals++,
    onTokenRenewed: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    certify: async (deviceId, publicKeyB64) => ({
      certificateChain: pki.chain({ publicKey: fromBase64(publicKeyB64), displayName: staffId, staffId, role: 'worker', deviceId }).map(toBase64),
      notAfter: Date.now() + 12 * 3600_000,
    }),
    url: 'wss://fake/ws',
    connection: { createSocket: server.connect, random: () => 0 },
  });
  service.on((event) => events.push(event));
  return {
    service,
    events,
    renewals: () => renewals,
    listeners: () => listeners.size,
    refreshed: (t: string) => listeners.forEach((l) => l(t)),
  };
}

const signIns = (server: FakeServer) => server.staffSignIns.map((f) => `${f.type} ${f.token}`);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function started(c: ReturnType<typeof console_>): Promise<void> {
  await c.service.start();
  await until(() => c.service.keysReady, 'signed in with key packages');
}

describe('the console renews its chat session in-band', () => {
  it('sends staff.renew with every refreshed token, on the same connection', async () => {
    const server = new FakeServer();
    const anna = console_(server, 'anna');
    await started(anna);
    const sockets = server.sockets.size;

    anna.refreshed('anna#2');
    await until(() => signIns(server).includes('staff.renew anna#2'), 'renewed');
    anna.refreshed('anna#3');
    await until(() => signIns(server).includes('staff.renew anna#3'), 'renewed again');
    expect(signIns(server)).toEqual(['staff.auth anna', 'staff.renew anna#2', 'staff.renew anna#3']);
    expect(server.sockets.size).toBe(sockets);
    expect(anna.service.connection).toBe('online');

    anna.service.stop();
    expect(anna.listeners()).toBe(0); // no more renewals once the console is gone
  });

  it('renews right after signing in when the token was refreshed while it signed in with the old one', async () => {
    const server = new FakeServer();
    let c: ReturnType<typeof console_> | null = null;
    c = console_(server, 'anna', async () => {
      // the session refreshes just as the connection sends staff.auth with the old token
      setTimeout(() => c!.refreshed('anna#2'), 0);
      return 'anna';
    });
    await started(c);
    await until(() => signIns(server).includes('staff.renew anna#2'), 'renewed after staff.authed');
    expect(signIns(server)).toEqual(['staff.auth anna', 'staff.renew anna#2']);
    c.service.stop();
  });

  it('reconnects with a fresh token when the server closes the connection at token expiry (4401)', async () => {
    const server = new FakeServer();
    let n = 1;
    const anna = console_(server, 'anna', async () => `anna#${n++}`);
    await started(anna);
    server.closeStaff('anna', 4401, 'token expired');
    await until(() => signIns(server).length === 2 && anna.service.connection === 'online', 'signed in again');
    expect(signIns(server)).toEqual(['staff.auth anna#1', 'staff.auth anna#2']);
    expect(anna.events.some((e) => e.kind === 'session-ended')).toBe(false);
    anna.service.stop();
  });

  it('signs out when the account was disabled (4403): no reconnect, the session ends', async () => {
    const server = new FakeServer();
    const anna = console_(server, 'anna');
    await started(anna);
    server.closeStaff('anna', 4403, 'account disabled');
    await until(() => anna.service.connection === 'stopped', 'stopped');
    expect(anna.events.filter((e) => e.kind === 'session-ended')).toEqual([{ kind: 'session-ended', reason: 'disabled' }]);
    await pause(600); // longer than the first retry
    expect(signIns(server)).toEqual(['staff.auth anna']);
    expect(anna.service.connection).toBe('stopped');
  });

  it('after a role change renews its token and device once, then signs in with them (4409)', async () => {
    const server = new FakeServer();
    const anna = console_(server, 'anna');
    await started(anna);
    const oldDevice = anna.service.handle!.deviceId;
    server.rolesChanged('anna'); // staff.changed, then the close
    await until(() => anna.service.handle!.deviceId !== oldDevice && anna.service.keysReady, 'a new device, signed in');
    expect(anna.renewals()).toBe(1);
    const auths = server.staffSignIns.filter((f) => f.type === 'staff.auth');
    expect(auths.map((f) => f.device)).toEqual([oldDevice, anna.service.handle!.deviceId]);
    anna.service.stop();
  });

  it('renews its device also when only the close says the roles changed', async () => {
    const server = new FakeServer();
    const anna = console_(server, 'anna');
    await started(anna);
    const oldDevice = anna.service.handle!.deviceId;
    server.rolesChanged('anna', false);
    await until(() => anna.service.handle!.deviceId !== oldDevice && anna.service.keysReady, 'a new device, signed in');
    expect(anna.renewals()).toBe(1);
    expect(server.staffSignIns.filter((f) => f.type === 'staff.auth').map((f) => f.device)).toEqual([oldDevice, anna.service.handle!.deviceId]);
    anna.service.stop();
  });
});
