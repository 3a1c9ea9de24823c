import { describe, expect, it } from 'vitest';
import type { CitizenMemberInfo, StaffMemberInfo } from '../../src/e2ee';
import { receivedHandover, receivedText, uniqueStaff } from '../../src/chat/received';

function staff(staffId: string, deviceId: string, role = 'worker'): StaffMemberInfo {
  return {
    kind: 'staff',
    credentialType: 'x509',
    leafIndex: 1,
    isSelf: false,
    displayName: `Name ${staffId}`,
    staffId,
    role,
    deviceId,
    certificateNotAfter: new Date(0),
    signatureKey: new Uint8Array(0),
  };
}

const citizen: CitizenMemberInfo = { kind: 'citizen', credentialType: 'basic', leafIndex: 0, isSelf: false, displayName: 'Fox', pseudonym: 'Fox', signatureKey: new Uint8Array(0) };

describe('received entries', () => {
  it('lists each staff member once, whatever their number of devices', () => {
    expect(uniqueStaff([citizen, staff('a', 'd1'), staff('a', 'd2'), staff('b', 'd3')]).map((m) => m.deviceId)).toEqual(['d1', 'd3']);
  });

  it('names a text by the credential, with the role only for staff', () => {
    expect(receivedText('r1', staff('a', 'd1'), 'hi', { at: 5, seq: 7 })).toEqual({
      k: 'msg', id: 'r1', at: 5, self: false, senderKind: 'staff', name: 'Name a', role: 'worker', body: 'hi', seq: 7,
    });
    expect(receivedText('r2', citizen, 'hello', { at: 6, seq: 8 })).not.toHaveProperty('role');
  });

  it('takes a direct handover author from the credential, a forwarded one from the payload', () => {
    const payload = { t: 'handover', summary: 'S', author: 'Claimed', authorRole: 'therapist', ts: 1 } as const;
    expect(receivedHandover('h1', staff('a', 'd1'), payload, { at: 2 })).toEqual({
      k: 'handover', id: 'h1', at: 2, summary: 'S', author: 'Name a', authorRole: 'worker', forwarded: false, self: false,
    });
    expect(receivedHandover('h2', citizen, payload, { at: 3 })).toMatchObject({ author: 'Claimed', authorRole: 'therapist', forwarded: true });
    expect(receivedHandover('h3', citizen, { t: 'handover', summary: 'S', ts: 1 }, { at: 3 })).toEqual({
      k: 'handover', id: 'h3', at: 3, summary: 'S', author: 'Fox', forwarded: true, self: false,
    });
  });
});
