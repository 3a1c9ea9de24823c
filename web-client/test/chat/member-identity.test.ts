// A dishonest server announces one staff member in member.add but hands the
// citizen someone else's device key packages. The citizen's client must add
// only devices whose certificate names the announced staff member, tell the
// citizen, carry on with the rest of the request, and tell the server when
// the announced person was not added at all (member.refused), so that nobody
// waits for them. Real MLS and real device certificates; only the delivery
// service is simulated.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMlsClient, type MlsClient } from '../../src/e2ee';
import { fromBase64, toBase64 } from '../../src/chat/base64';
import { CitizenChat } from '../../src/citizen/chat';
import { StaffChatService } from '../../src/staff/chat/service';
import { makePki, type TestPki } from '../e2ee/helpers/pki';
import { FakeServer, until } from './helpers/fake-server';
import { MemoryStorage } from '../helpers/memory-storage';

let pki: TestPki;
let client: MlsClient;

beforeAll(async () => {
  pki = makePki();
  client = await createMlsClient({ trustAnchorDer: pki.root.der });
});

function citizenOptions(server: FakeServer, storage: MemoryStorage) {
  return { client, storage, url: 'wss://fake/ws', connection: { createSocket: server.connect, random: () => 0 } };
}

/** A signed-in worker whose devices are certified as `role` (or as the role of the moment). */
async function worker(server: FakeServer, staffId: string, role: string | (() => string) = 'worker', renewToken?: () => Promise<void>): Promise<StaffChatService> {
  const roleNow = typeof role === 'string' ? () => role : role;
  const service = new StaffChatService({
    client,
    storage: new MemoryStorage(),
    staffId,
    token: async () => staffId,
    renewToken,
    certify: async (deviceId, publicKeyB64) => ({
      certificateChain: pki.chain({ publicKey: fromBase64(publicKeyB64), displayName: staffId, staffId, role: roleNow(), deviceId }).map(toBase64),
      notAfter: Date.now() + 12 * 3600_000,
    }),
    url: 'wss://fake/ws',
    connection: { createSocket: server.connect, random: () => 0 },
  });
  await service.start();
  await until(() => service.keysReady, 'key packages uploaded');
  return service;
}

async function queuedCitizen(server: FakeServer, storage = new MemoryStorage()): Promise<CitizenChat> {
  const citizen = await CitizenChat.open(citizenOptions(server, storage), { queue: 'q', lang: 'en', nickname: null });
  await until(() => citizen.phase === 'queued' && citizen.conversation !== null, 'queued');
  return citizen;
}

const sysLines = (citizen: CitizenChat) => citizen.transcript.flatMap((e) => (e.k === 'sys' ? [`${e.key} ${e.args?.name ?? ''}`] : []));
const welcomes = (server: FakeServer, citizen: CitizenChat) =>
  server.conv(citizen.conversation!).log.filter((m) => m.to !== null).map((m) => m.to);
const inChat = (citizen: CitizenChat) => citizen.staffInChat().map((m) => m.staffId);
const refusals = (server: FakeServer) => server.refusals.map((f) => `${f.staff} ${f.reason}`);

describe('member.add names one staff member, the key packages are of another', () => {
  it("refuses B's device announced as A: nobody is added, no Welcome, the citizen is told once, the server too", async () => {
    const server = new FakeServer();
    const storage = new MemoryStorage();
    const citizen = await queuedCitizen(server, storage);
    const anna = await worker(server, 'anna');
    const bert = await worker(server, 'bert');
    server.tamperAdd = (pending) => ({ ...pending, keyPackages: server.claim('bert') });
    // The first member.refused is lost on the way, as if the connection had dropped under it.
    let lost = 0;
    server.loseIncoming = (frame) => frame.type === 'member.refused' && lost++ === 0;

    const taken = await anna.take();
    await until(() => sysLines(citizen).length > 0 && lost === 1, 'citizen told, member.refused sent and lost');
    expect(sysLines(citizen)).toEqual(['chat.addMismatch anna']);
    expect(inChat(citizen)).toEqual([]);
    expect(citizen.conv!.members()).toHaveLength(1);
    expect(citizen.conv!.hasPendingCommit).toBe(false);
    expect(server.conv(citizen.conversation!).log).toEqual([]);
    expect(citizen.phase).toBe('queued');
    const record = CitizenChat.stored(storage)!;
    expect(record.handled).toHaveLength(1);
    expect(record.refusedAdds).toEqual([{ key: record.handled[0], staff: 'anna', reason: 'identity_mismatch' }]);
    expect(record.addJob).toBeNull();
    expect(record.transcript.some((e) => e.k === 'sys' && e.key === 'chat.addMismatch')).toBe(true);
    expect(server.conv(citizen.conversation!).status).toBe('active'); // the server never heard
    expect(taken.status).not.toBe('closed');

    // The page reloads: the request is still pending on the server and comes again on resume.
    // It is not tried again (no second line), but the refusal is said again.
    citizen.stop();
    const reloaded = await CitizenChat.resume(citizenOptions(server, storage), CitizenChat.stored(storage)!);
    await until(() => server.conv(reloaded.conversation!).status === 'queued', 'chat back in the queue');
    expect(refusals(server)).toEqual(['anna identity_mismatch']);
    await until(() => taken.status === 'closed', "anna's console closed the chat");
    expect(taken.closedReason).toBe('refused');
    expect(server.conv(reloaded.conversation!).assignedTo).toBeNull();
    expect(server.conv(reloaded.conversation!).members.has('anna')).toBe(false);
    expect(sysLines(reloaded)).toEqual(['chat.addMismatch anna']);
    expect(server.conv(reloaded.conversation!).log).toEqual([]);
    expect(reloaded.phase).toBe('queued');
    await until(() => reloaded.position === 1, 'queue position from the answer');

    // Nothing pending any more: a later reconnect sends nothing.
    server.drop({ citizenOf: reloaded.conversation! });
    await until(() => reloaded.connection === 'online', 'reconnected');
    await new Promise((r) => setTimeout(r, 100));
    expect(lost).toBe(2); // both member.refused frames that ever arrived (the first one lost)
    expect(server.refusals).toHaveLength(1);
    reloaded.stop();
    anna.stop();
    bert.stop();
  });

  it('says "invalid" when the key packages do not verify at all', async () => {
    const server = new FakeServer();
    const citizen = await queuedCitizen(server);
    const anna = await worker(server, 'anna');
    server.tamperAdd = (pending) => ({ ...pending, keyPackages: [toBase64(new Uint8Array(64).fill(7))] });
    const taken = await anna.take();
    await until(() => server.refusals.length > 0, 'member.refused');
    expect(refusals(server)).toEqual(['anna invalid']);
    expect(sysLines(citizen)).toEqual(['chat.addFailed anna']);
    await until(() => taken.status === 'closed', 'closed on the console');
    expect(taken.closedReason).toBe('refused');
    expect(server.conv(citizen.conversation!).status).toBe('queued');
    citizen.stop();
    anna.stop();
  });

  it("adds A's own device and refuses the one of B slipped in with it", async () => {
    const server = new FakeServer();
    const citizen = await queuedCitizen(server);
    const anna = await worker(server, 'anna');
    const bert = await worker(server, 'bert');
    server.tamperAdd = (pending) => ({ ...pending, keyPackages: [...(pending.keyPackages as string[]), ...server.claim('bert')] });

    const conv = await anna.take();
    await until(() => conv.status === 'active' && citizen.phase === 'active' && citizen.outbox.isEmpty, 'anna joined');
    expect(inChat(citizen)).toEqual(['anna']);
    expect(citizen.conv!.members()).toHaveLength(2);
    expect(welcomes(server, citizen)).toEqual(['anna']);
    expect(sysLines(citizen)).toEqual(['chat.deviceMismatch anna']);
    expect(server.refusals).toEqual([]); // anna was added: nothing to refuse
    citizen.stop();
    anna.stop();
    bert.stop();
  });

  it('refuses a device of the announced person certified for another role', async () => {
    const server = new FakeServer();
    const citizen = await queuedCitizen(server);
    const anna = await worker(server, 'anna', 'peer'); // the server announces 'worker'
    await anna.take();
    await until(() => sysLines(citizen).length > 0, 'citizen told');
    expect(sysLines(citizen)).toEqual(['chat.addMismatch anna']);
    expect(inChat(citizen)).toEqual([]);
    expect(welcomes(server, citizen)).toEqual([]);
    await until(() => server.refusals.length > 0, 'member.refused');
    expect(refusals(server)).toEqual(['anna identity_mismatch']);
    expect(server.conv(citizen.conversation!).status).toBe('queued');
    citizen.stop();
    anna.stop();
  });

  it('after a role change the console renews its device, and the chat it lost is taken and opened', async () => {
    const server = new FakeServer();
    const citizen = await queuedCitizen(server);
    let role = 'peer'; // certified before an admin made anna a worker; the server announces 'worker'
    let renewals = 0;
    const anna = await worker(server, 'anna', () => role, async () => void renewals++);
    const oldDevice = anna.handle!.deviceId;
    const lost = await anna.take();
    await until(() => lost.status === 'closed', 'refused and closed');
    expect(lost.closedReason).toBe('refused');
    expect(server.conv(citizen.conversation!).status).toBe('queued');

    role = 'worker';
    server.rolesChanged('anna');
    await until(() => anna.handle!.deviceId !== oldDevice && anna.keysReady, 'a new device with key packages');
    expect(renewals).toBe(1);
    const again = await anna.take();
    await until(() => again.status === 'active' && citizen.phase === 'active', 'anna joined with her new device');
    expect(inChat(citizen)).toEqual(['anna']);
    expect(refusals(server)).toEqual(['anna identity_mismatch']);
    citizen.stop();
    anna.stop();
  });

  it('still removes the previous worker when the incoming one is refused (transfer)', async () => {
    const server = new FakeServer();
    const citizen = await queuedCitizen(server);
    const anna = await worker(server, 'anna');
    const bert = await worker(server, 'bert');
    const conv = await anna.take();
    await until(() => conv.status === 'active' && citizen.phase === 'active' && citizen.outbox.isEmpty, 'anna joined');

    // Anna transfers; the server claims to hand the chat to Carl but offers Bert's device.
    server.tamperAdd = (pending) => ({
      ...pending,
      staff: { id: 'carl', displayName: 'Carl', role: 'worker' },
      keyPackages: server.claim('bert'),
    });
    await anna.transfer(conv, { toQueue: 'q' }, 'summary');
    await until(() => inChat(citizen).length === 0 && citizen.outbox.isEmpty, 'anna removed');
    expect(citizen.conv!.members()).toHaveLength(1);
    expect(sysLines(citizen)).toEqual(['chat.addMismatch Carl', 'chat.backInQueue ']);
    expect(welcomes(server, citizen)).toEqual(['anna']);
    expect(citizen.phase).toBe('queued');
    await until(() => server.refusals.length > 0, 'member.refused');
    expect(refusals(server)).toEqual(['carl identity_mismatch']);
    citizen.stop();
    anna.stop();
    bert.stop();
  });
});
