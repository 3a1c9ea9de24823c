// Which key packages of a member.add the citizen adds: only devices whose
// verified certificate names the staff member the server announced. Real
// MLS key packages with real device certificates from a test organisation CA.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMlsClient, generateDeviceSigningKey, type MlsClient, type SecureConversation } from '../../src/e2ee';
import { toBase64 } from '../../src/chat/base64';
import { screenKeyPackages } from '../../src/citizen/member-check';
import { makePki, type TestPki } from '../e2ee/helpers/pki';

let pki: TestPki;
let client: MlsClient;

beforeAll(async () => {
  pki = makePki();
  client = await createMlsClient({ trustAnchorDer: pki.root.der });
});

/** One base64 key package of a device certified for this staff member and role. */
async function keyPackage(staffId: string, role: string, deviceId = `dev-${staffId}`): Promise<string> {
  const signingKey = generateDeviceSigningKey();
  const certificateChain = pki.chain({ publicKey: signingKey.publicKey, displayName: staffId, staffId, role, deviceId });
  const device = await client.openStaffDevice({ signingKey, certificateChain });
  const [kp] = await device.generateKeyPackages(1);
  return toBase64(kp!);
}

const anna = { id: 's-anna', displayName: 'Anna Aalto', role: 'worker' };
const staffIds = (conv: SecureConversation) => conv.members().map((m) => (m.kind === 'staff' ? m.staffId : 'citizen'));

describe('screenKeyPackages', () => {
  it("refuses staff B's key package announced as staff A: nothing to add, group unchanged", async () => {
    const conv = await client.createCitizenConversation();
    const screened = await screenKeyPackages(conv, anna, [await keyPackage('s-bert', 'worker')]);
    expect(screened).toEqual({ accepted: [], mismatched: 1, invalid: 0 });
    expect(staffIds(conv)).toEqual(['citizen']);
    expect(conv.hasPendingCommit).toBe(false);
  });

  it("adds a key package whose certificate names the announced staff member", async () => {
    const conv = await client.createCitizenConversation();
    const screened = await screenKeyPackages(conv, anna, [await keyPackage('s-anna', 'worker')]);
    expect(screened.accepted).toHaveLength(1);
    expect(screened.mismatched).toBe(0);
    const out = await conv.addMembers(screened.accepted);
    expect(out.welcome).toBeDefined();
    conv.confirmPendingCommit();
    expect(staffIds(conv)).toEqual(['citizen', 's-anna']);
  });

  it('refuses the right person certified for another role than announced', async () => {
    const conv = await client.createCitizenConversation();
    const screened = await screenKeyPackages(conv, anna, [await keyPackage('s-anna', 'supervisor')]);
    expect(screened).toEqual({ accepted: [], mismatched: 1, invalid: 0 });
  });

  it('checks only the staff id when the frame announces no role', async () => {
    const conv = await client.createCitizenConversation();
    const screened = await screenKeyPackages(conv, { ...anna, role: '' }, [await keyPackage('s-anna', 'supervisor')]);
    expect(screened.accepted).toHaveLength(1);
  });

  it('in a mixed request adds only the matching devices', async () => {
    const conv = await client.createCitizenConversation();
    const offered = [
      await keyPackage('s-anna', 'worker', 'anna-laptop'),
      await keyPackage('s-bert', 'worker', 'bert-laptop'),
      await keyPackage('s-anna', 'peer', 'anna-phone'),
      await keyPackage('s-anna', 'worker', 'anna-phone'),
      'not base64!',
    ];
    const screened = await screenKeyPackages(conv, anna, offered);
    expect(screened.mismatched).toBe(2);
    expect(screened.invalid).toBe(1);
    expect(screened.accepted).toHaveLength(2);
    await conv.addMembers(screened.accepted);
    conv.confirmPendingCommit();
    expect(conv.members().flatMap((m) => (m.kind === 'staff' ? [`${m.staffId}/${m.role}/${m.deviceId}`] : []))).toEqual([
      's-anna/worker/anna-laptop',
      's-anna/worker/anna-phone',
    ]);
  });

  it('refuses every key package when the request names nobody', async () => {
    const conv = await client.createCitizenConversation();
    const screened = await screenKeyPackages(conv, null, [await keyPackage('s-anna', 'worker')]);
    expect(screened).toEqual({ accepted: [], mismatched: 1, invalid: 0 });
  });

  it('counts a key package from another organisation as invalid, not as a mismatch', async () => {
    const other = makePki();
    const otherClient = await createMlsClient({ trustAnchorDer: other.root.der });
    const signingKey = generateDeviceSigningKey();
    const device = await otherClient.openStaffDevice({
      signingKey,
      certificateChain: other.chain({ publicKey: signingKey.publicKey, staffId: 's-anna', role: 'worker' }),
    });
    const [kp] = await device.generateKeyPackages(1);
    const conv = await client.createCitizenConversation();
    expect(await screenKeyPackages(conv, anna, [toBase64(kp!)])).toEqual({ accepted: [], mismatched: 0, invalid: 1 });
  });
});
