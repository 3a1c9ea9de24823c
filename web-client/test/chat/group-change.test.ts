// A staff member's client tries to change who is in the chat, past a server
// that relays anything (the real one refuses it: SenderRulesTest). The
// citizen's page refuses it, says so in the chat and in the console (who, not
// what was said), and the chat goes on; the staff console does the same.
// Real MLS and real device certificates; only the delivery service is simulated.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeMlsMessage } from 'ts-mls';
import { createMlsClient, type MlsClient } from '../../src/e2ee';
import { fromBase64, toBase64 } from '../../src/chat/base64';
import { CitizenChat } from '../../src/citizen/chat';
import { StaffChatService } from '../../src/staff/chat/service';
import { makePki, type TestPki } from '../e2ee/helpers/pki';
import { propose, rawState } from '../e2ee/helpers/raw-member';
import { FakeServer, until } from './helpers/fake-server';
import { MemoryStorage } from '../helpers/memory-storage';

let pki: TestPki;
let client: MlsClient;

beforeAll(async () => {
  pki = makePki();
  client = await createMlsClient({ trustAnchorDer: pki.root.der });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function worker(server: FakeServer, staffId: string): Promise<StaffChatService> {
  const service = new StaffChatService({
    client,
    storage: new MemoryStorage(),
    staffId,
    token: async () => staffId,
    certify: async (deviceId, publicKeyB64) => ({
      certificateChain: pki.chain({ publicKey: fromBase64(publicKeyB64), displayName: staffId, staffId, role: 'worker', deviceId }).map(toBase64),
      notAfter: Date.now() + 12 * 3600_000,
    }),
    url: 'wss://fake/ws',
    connection: { createSocket: server.connect, random: () => 0 },
  });
  await service.start();
  await until(() => service.keysReady, 'key packages uploaded');
  return service;
}

const sysLines = (transcript: readonly { k: string; key?: string; args?: Readonly<Record<string, string | number>> }[]) =>
  transcript.flatMap((e) => (e.k === 'sys' ? [`${e.key} ${e.args?.name ?? ''}`] : []));
const texts = (transcript: readonly { k: string; body?: string }[]) => transcript.flatMap((e) => (e.k === 'msg' ? [e.body] : []));

describe('a group change from a staff member', () => {
  it('is refused by the citizen and by the console, reported without content, and the chat goes on', async () => {
    const warnings: unknown[][] = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
    const server = new FakeServer();
    const storage = new MemoryStorage();
    const citizen = await CitizenChat.open({ client, storage, url: 'wss://fake/ws', connection: { createSocket: server.connect, random: () => 0 } }, {
      queue: 'q',
      lang: 'en',
      nickname: null,
    });
    await until(() => citizen.phase === 'queued' && citizen.conversation !== null, 'queued');
    const anna = await worker(server, 'anna');
    const eve = await worker(server, 'eve');
    const chat = await anna.take();
    await until(() => citizen.phase === 'active' && chat.status === 'active', 'anna in the chat');
    citizen.send('hello anna');
    await until(() => texts(chat.transcript).includes('hello anna'), 'anna reads the citizen');

    // Anna's client (or a copy of its state) proposes to add Eve's device.
    const [eveKp] = server.claim('eve');
    const kp = decodeMlsMessage(fromBase64(eveKp!), 0)![0];
    if (kp.wireformat !== 'mls_key_package') throw new Error('key package');
    const add = await propose(rawState(chat.conv!), { proposalType: 'add', add: { keyPackage: kp.keyPackage } });
    server.inject(citizen.conversation!, 'anna', toBase64(add.bytes));

    await until(() => sysLines(citizen.transcript).includes('chat.changeRefused anna'), 'the citizen told');
    await until(() => sysLines(chat.transcript).includes('work.changeRefused anna'), 'the console told');
    expect(sysLines(citizen.transcript)).not.toContain('chat.undecryptable ');
    const refusals = warnings.filter((w) => String(w[0]).includes('refused a group change'));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    for (const w of refusals) {
      expect(w.join(' ')).toContain('anna (worker)');
      expect(w.join(' ')).not.toContain('hello anna');
    }

    // The chat goes on, also after the citizen's page reloads, and Eve is in nobody's group.
    chat.send('hello again');
    await until(() => texts(citizen.transcript).includes('hello again'), 'the citizen reads anna');
    citizen.stop();
    const reloaded = await CitizenChat.resume(
      { client, storage, url: 'wss://fake/ws', connection: { createSocket: server.connect, random: () => 0 } },
      CitizenChat.stored(storage)!,
    );
    reloaded.send('after reload');
    await until(() => texts(chat.transcript).includes('after reload'), 'anna reads the reloaded citizen');
    expect(reloaded.staffInChat().map((m) => m.staffId)).toEqual(['anna']);
    expect(chat.conv!.members().map((m) => m.displayName)).toEqual([reloaded.conv!.self().displayName, 'anna']);
    expect(sysLines(reloaded.transcript).filter((l) => l.startsWith('chat.changeRefused'))).toHaveLength(1);
    reloaded.stop();
    anna.stop();
    eve.stop();
  });
});
