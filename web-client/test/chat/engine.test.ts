// The citizen and staff chat engines with real MLS, against the in-memory
// delivery service: adding a worker, messages both ways, reloads at awkward
// moments, lost acknowledgements, transfer with a forwarded handover summary.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMlsClient, type MlsClient } from '../../src/e2ee';
import { fromBase64, toBase64 } from '../../src/chat/base64';
import type { Frame } from '../../src/chat/connection';
import { messageCount, type TranscriptEntry } from '../../src/chat/transcript';
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

const bodies = (entries: readonly TranscriptEntry[]): string[] =>
  entries.flatMap((e) => (e.k === 'msg' ? [e.body] : []));

function citizenOptions(server: FakeServer, storage: MemoryStorage) {
  return { client, storage, url: 'wss://fake/ws', connection: { createSocket: server.connect, random: () => 0 } };
}

function worker(server: FakeServer, staffId: string, displayName: string) {
  const storage = new MemoryStorage();
  const options: ConstructorParameters<typeof StaffChatService>[0] = {
    client,
    storage,
    staffId,
    token: async () => staffId,
    certify: async (deviceId, publicKeyB64) => ({
      certificateChain: pki
        .chain({ publicKey: fromBase64(publicKeyB64), displayName, staffId, role: 'worker', deviceId })
        .map(toBase64),
      notAfter: Date.now() + 12 * 3600_000,
    }),
    url: 'wss://fake/ws',
    connection: { createSocket: server.connect, random: () => 0 },
  };
  return { service: new StaffChatService(options), storage, options };
}

async function started(service: StaffChatService): Promise<void> {
  await service.start();
  await until(() => service.keysReady, 'key packages uploaded');
}

async function takeAndJoin(service: StaffChatService, citizen: CitizenChat) {
  const c = await service.take();
  await until(() => c.status === 'active', 'worker joined from the Welcome');
  await until(() => citizen.phase === 'active' && citizen.outbox.isEmpty, 'citizen sees the worker');
  return c;
}

describe('chat engines over real MLS', () => {
  it('adds the worker, tells the chosen name, and delivers both ways', async () => {
    const server = new FakeServer();
    const citizen = await CitizenChat.open(citizenOptions(server, new MemoryStorage()), { queue: 'q', lang: 'fi', nickname: 'Aino' });
    citizen.send('typed while waiting');
    await until(() => citizen.phase === 'queued' && citizen.conversation !== null, 'queued');
    expect(citizen.outbox.draftCount).toBe(1); // nothing is encrypted to a group of one

    const { service } = worker(server, 'w1', 'Tiina');
    await started(service);
    const conv = await takeAndJoin(service, citizen);
    await until(() => bodies(conv.transcript).includes('typed while waiting'), 'worker got the early message');
    expect(conv.clientName).toBe('Aino');
    expect(conv.transcript.find((e) => e.k === 'client-name')).toMatchObject({ name: 'Aino' });
    expect(citizen.transcript.find((e) => e.k === 'member')).toMatchObject({ event: 'joined', name: 'Tiina', role: 'worker' });

    conv.send('Miten voin auttaa?');
    await until(() => bodies(citizen.transcript).includes('Miten voin auttaa?'), 'citizen got the reply');
    citizen.send('Kiitos');
    await until(() => bodies(conv.transcript).includes('Kiitos'), 'worker got the message');
    await until(() => citizen.transcript.every((e) => e.k !== 'msg' || e.status !== 'sending'), 'all acknowledged');
    expect(bodies(conv.transcript)).toEqual(['typed while waiting', 'Miten voin auttaa?', 'Kiitos']);

    // the Welcome went to the worker only, and before anything of the new epoch
    // (commit, Welcome, the name, the early message, the reply, the last message)
    const log = server.conv(citizen.conversation!).log;
    expect(log.map((m) => (m.to ? `welcome:${m.to}` : m.sender))).toEqual(['citizen', 'welcome:w1', 'citizen', 'citizen', 'w1', 'citizen']);
    citizen.stop();
    service.stop();
  });

  it('resumes after a reload while the commit had not reached the server', async () => {
    const server = new FakeServer();
    const storage = new MemoryStorage();
    const first = await CitizenChat.open(citizenOptions(server, storage), { queue: 'q', lang: 'sv', nickname: null });
    await until(() => first.conversation !== null, 'opened');
    // The commit never arrives; the page is reloaded before anything else happens.
    server.loseIncoming = (frame) => frame.type === 'msg.send' && String(frame.rid).startsWith('c');
    const { service } = worker(server, 'w1', 'Tiina');
    await started(service);
    const conv = await service.take();
    await until(() => first.conv!.hasPendingCommit && first.outbox.entries()[0]?.attempts === 1, 'commit sent once');
    first.stop();
    server.loseIncoming = () => false;

    const record = CitizenChat.stored(storage)!;
    expect(record.outbox.sealed.map((e) => e.kind)).toEqual(['commit', 'welcome']);
    const second = await CitizenChat.resume(citizenOptions(server, storage), record);
    // member.add arrives again on resume: it is recognised and not committed a second time.
    await until(() => conv.status === 'active', 'worker joined after the reload');
    await until(() => second.phase === 'active' && second.outbox.isEmpty, 'citizen caught up');
    const commits = server.conv(second.conversation!).log.filter((m) => m.sender === 'citizen' && m.to === null);
    expect(commits).toHaveLength(1);
    second.send('hej');
    await until(() => bodies(conv.transcript).includes('hej'), 'message after resume');
    second.stop();
    service.stop();
  });

  it('resumes after a reload when the commit was stored but neither its ack nor its echo arrived', async () => {
    const server = new FakeServer();
    const storage = new MemoryStorage();
    const first = await CitizenChat.open(citizenOptions(server, storage), { queue: 'q', lang: 'fi', nickname: 'Aino' });
    await until(() => first.conversation !== null, 'opened');
    let commitData: string | null = null;
    server.loseIncoming = (frame) => {
      if (frame.type === 'msg.send' && String(frame.rid).startsWith('c')) commitData = String(frame.data);
      return false;
    };
    server.loseReply = (reply) => reply.type === 'msg.ack' && String(reply.rid).startsWith('c');
    server.losePush = (frame) => frame.type === 'msg' && frame.data === commitData;
    const { service } = worker(server, 'w1', 'Tiina');
    await started(service);
    const conv = await service.take();
    await until(() => server.conv(first.conversation!).log.length === 1, 'commit stored');
    first.stop();
    server.loseIncoming = () => false;
    server.loseReply = () => false;
    server.losePush = () => false;

    const second = await CitizenChat.resume(citizenOptions(server, storage), CitizenChat.stored(storage)!);
    await until(() => conv.status === 'active' && conv.clientName === 'Aino', 'worker joined');
    await until(() => second.phase === 'active' && second.outbox.isEmpty, 'citizen caught up');
    const log = server.conv(second.conversation!).log;
    expect(log.filter((m) => m.data === commitData)).toHaveLength(1);
    expect(log[1].to).toBe('w1');
    second.stop();
    service.stop();
  });

  it('neither loses nor doubles a message whose ack is lost, across a dropped connection and a reload', async () => {
    const server = new FakeServer();
    const storage = new MemoryStorage();
    let citizen = await CitizenChat.open(citizenOptions(server, storage), { queue: 'q', lang: 'en', nickname: 'Ann' });
    await until(() => citizen.conversation !== null, 'opened');
    const { service } = worker(server, 'w1', 'Tiina');
    await started(service);
    const conv = await takeAndJoin(service, citizen);

    // 1) ack lost, connection drops right after
    server.loseReply = (reply) => reply.type === 'msg.ack' && String(reply.rid).startsWith('o');
    citizen.send('one');
    await until(() => bodies(conv.transcript).includes('one'), 'stored and delivered');
    server.loseReply = () => false;
    server.drop({ citizenOf: citizen.conversation! });
    await until(() => citizen.transcript.some((e) => e.k === 'msg' && e.body === 'one' && e.status === 'sent'), 'marked sent from the replay');

    // 2) ack and echo lost, then a reload
    server.loseReply = (reply) => reply.type === 'msg.ack' && String(reply.rid).startsWith('o');
    const conversationId = citizen.conversation!;
    const lose = new Set<string>();
    server.loseIncoming = (frame) => {
      if (frame.type === 'msg.send') lose.add(String(frame.data));
      return false;
    };
    server.losePush = (frame, socket) => frame.type === 'msg' && socket.citizenOf !== null && lose.has(String(frame.data));
    citizen.send('two');
    await until(() => bodies(conv.transcript).includes('two'), 'stored and delivered');
    citizen.stop();
    server.loseReply = () => false;
    server.loseIncoming = () => false;
    server.losePush = () => false;
    const record = CitizenChat.stored(storage)!;
    expect(record.transcript.find((e) => e.k === 'msg' && e.body === 'two')).toMatchObject({ status: 'sending' });
    citizen = await CitizenChat.resume(citizenOptions(server, storage), record);
    await until(() => citizen.transcript.some((e) => e.k === 'msg' && e.body === 'two' && e.status === 'sent'), 'marked sent after reload');
    citizen.send('three');
    await until(() => bodies(conv.transcript).includes('three'), 'next message');

    expect(bodies(conv.transcript)).toEqual(['one', 'two', 'three']);
    expect(bodies(citizen.transcript)).toEqual(['one', 'two', 'three']);
    const stored = server.conv(conversationId).log.filter((m) => lose.has(m.data));
    expect(stored.length).toBe(new Set(stored.map((m) => m.data)).size); // nothing stored twice
    expect(conv.transcript.some((e) => e.k === 'sys')).toBe(false); // nothing undecryptable
    citizen.stop();
    service.stop();
  });

  it('transfers to the queue: the next worker gets the forwarded summary but not the history', async () => {
    const server = new FakeServer();
    const storage = new MemoryStorage();
    const citizen = await CitizenChat.open(citizenOptions(server, storage), { queue: 'q', lang: 'fi', nickname: 'Aino' });
    await until(() => citizen.conversation !== null, 'opened');
    const a = worker(server, 'w1', 'Tiina');
    await started(a.service);
    const convA = await takeAndJoin(a.service, citizen);
    citizen.send('secret history');
    await until(() => bodies(convA.transcript).includes('secret history'), 'A got it');

    await a.service.transfer(convA, { toQueue: 'q' }, 'Asiakas kysyi unesta.');
    await until(() => convA.status === 'closed' && convA.closedReason === 'transferred', 'A lost the chat');
    await until(() => citizen.phase === 'queued' && citizen.outbox.isEmpty, 'citizen removed A');
    expect(citizen.transcript.some((e) => e.k === 'handover' && e.summary === 'Asiakas kysyi unesta.')).toBe(true);
    expect(citizen.transcript.some((e) => e.k === 'member' && e.event === 'left' && e.name === 'Tiina')).toBe(true);
    citizen.send('anyone there?');

    const b = worker(server, 'w2', 'Ville');
    await started(b.service);
    const convB = await takeAndJoin(b.service, citizen);
    await until(() => bodies(convB.transcript).includes('anyone there?'), 'B got the waiting message');
    const handover = convB.transcript.find((e) => e.k === 'handover');
    expect(handover).toMatchObject({ summary: 'Asiakas kysyi unesta.', author: 'Tiina', authorRole: 'worker', forwarded: true });
    expect(convB.clientName).toBe('Aino');
    expect(bodies(convB.transcript)).toEqual(['anyone there?']);
    // the citizen's group now has exactly the citizen and B
    expect(citizen.staffInChat().map((m) => m.staffId)).toEqual(['w2']);

    // B's console reloads: same device, same chat, nothing repeated
    b.service.stop();
    const b2 = new StaffChatService(b.options); // same sessionStorage
    await started(b2);
    await until(() => b2.conversations.get(convB.id)?.status === 'active', 'restored');
    const convB2 = b2.conversations.get(convB.id)!;
    citizen.send('after reload');
    await until(() => bodies(convB2.transcript).includes('after reload'), 'B after reload');
    expect(bodies(convB2.transcript)).toEqual(['anyone there?', 'after reload']);
    expect(messageCount(convB2.transcript)).toBe(2);

    await b2.end(convB2, 'advice');
    await until(() => citizen.status === 'ended', 'ended');
    expect(CitizenChat.stored(storage)?.mlsState).toBeNull(); // the keys are dropped once it ends
    b2.stop();
    a.service.stop();
  });

  it('refuses to open when the server says the queue is closed', async () => {
    const server = new FakeServer();
    server.loseIncoming = (frame, socket) => {
      if (frame.type !== 'citizen.open') return false;
      socket.push({ type: 'error', rid: frame.rid, error: 'queue_closed', message: 'closed' } as Frame);
      return true;
    };
    const citizen = await CitizenChat.open(citizenOptions(server, new MemoryStorage()), { queue: 'q', lang: 'fi', nickname: null });
    await until(() => citizen.phase === 'refused', 'refused');
    expect(citizen.refusal).toBe('queue_closed');
    expect(citizen.connection).toBe('stopped');
  });
});
