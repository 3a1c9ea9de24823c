import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/chat/outbox';
import { clearMatalaKeys, matalaKeys } from '../../src/chat/storage';
import { parseTranscript, type TranscriptEntry } from '../../src/chat/transcript';
import {
  CITIZEN_STORAGE_KEY,
  decodeCitizenRecord,
  encodeCitizenRecord,
  parseMemberAdd,
  type CitizenRecord,
} from '../../src/citizen/chat-store';
import { memberAddKey } from '../../src/citizen/member-add';
import {
  clearStaffChat,
  conversationKey,
  parseConversationRecord,
  parseDeviceRecord,
  pruneConversations,
} from '../../src/staff/chat/store';
import { MemoryStorage } from '../helpers/memory-storage';

const transcript: TranscriptEntry[] = [
  { k: 'member', id: 'n1', at: 1000, event: 'joined', name: 'Tiina Työntekijä', role: 'worker' },
  { k: 'client-name', id: 'n2', at: 1001, name: 'Aino', self: true },
  { k: 'msg', id: 'm1', at: 1002, self: true, senderKind: 'citizen', name: 'Aino', body: 'Hei\nrivi 2', status: 'sent', seq: 4 },
  { k: 'msg', id: 'r1', at: 1003, self: false, senderKind: 'staff', name: 'Tiina', role: 'worker', body: 'Moi', seq: 5 },
  { k: 'handover', id: 'h1', at: 1004, summary: 'Yhteenveto', author: 'Tiina', authorRole: 'worker', forwarded: false, self: false },
  { k: 'sys', id: 's1', at: 1005, key: 'chat.addFailed', args: { name: 'X' } },
  { k: 'msg', id: 'm2', at: 1006, self: true, senderKind: 'citizen', name: 'Aino', body: 'odottaa', status: 'sending' },
];

function citizenRecord(): CitizenRecord {
  const outbox = new Outbox();
  outbox.addSealed({ id: 'o1', kind: 'app', data: 'AAECAw==', localId: 'm2' });
  outbox.addDraft({ id: 'o2', payload: { t: 'text', body: 'luonnos', ts: 5 } });
  return {
    v: 1,
    conversation: 'conv_123-abc',
    secret: 'c2VjcmV0LXNlY3JldA',
    queue: 'mental-health',
    lang: 'fi',
    lastSeq: 5,
    mlsState: 'TVRMQwE=',
    nickname: 'Aino',
    status: 'active',
    endedBy: null,
    transcript,
    outbox: outbox.toJSON(),
    handled: ['abc', 'def'],
    refusedAdds: [{ key: 'def', staff: 'w9', reason: 'identity_mismatch' }],
    addJob: { staff: { id: 'w2', displayName: 'Ville', role: 'worker' }, keyPackages: ['AAAA'], remove: ['w1'], reason: 'taken' },
    nextJob: null,
    lastHandover: { summary: 'Yhteenveto', author: 'Tiina', authorRole: 'worker', at: 1004 },
  };
}

describe('citizen record codec', () => {
  it('round-trips everything needed to resume', () => {
    const record = citizenRecord();
    expect(decodeCitizenRecord(encodeCitizenRecord(record))).toEqual(record);
  });

  it('reads a record written before member.refused existed', () => {
    const { refusedAdds: _, ...older } = citizenRecord();
    expect(decodeCitizenRecord(JSON.stringify(older))?.refusedAdds).toEqual([]);
  });

  it('keeps an ended chat without keys', () => {
    const ended = { ...citizenRecord(), status: 'ended' as const, endedBy: 'staff' as const, mlsState: null };
    expect(decodeCitizenRecord(encodeCitizenRecord(ended))?.mlsState).toBeNull();
  });

  it('rejects what it cannot trust', () => {
    const good = citizenRecord();
    const bad = (patch: Record<string, unknown>) => decodeCitizenRecord(JSON.stringify({ ...good, ...patch }));
    expect(decodeCitizenRecord(null)).toBeNull();
    expect(decodeCitizenRecord('not json')).toBeNull();
    expect(bad({ v: 2 })).toBeNull();
    expect(bad({ conversation: 'has space' })).toBeNull();
    expect(bad({ secret: '' })).toBeNull();
    expect(bad({ lang: 'de' })).toBeNull();
    expect(bad({ lastSeq: -1 })).toBeNull();
    expect(bad({ lastSeq: 1.5 })).toBeNull();
    expect(bad({ refusedAdds: [{ key: 'def', staff: 'w9', reason: 'because' }] })).toBeNull();
    expect(bad({ mlsState: 'not base64!' })).toBeNull();
    expect(bad({ mlsState: null })).toBeNull(); // an active chat needs its keys
    expect(bad({ status: 'waiting' })).toBeNull();
    expect(bad({ transcript: [{ k: 'msg', id: 'x', at: 1 }] })).toBeNull();
    expect(bad({ outbox: { sealed: [{ id: 'a', kind: 'app' }], drafts: [] } })).toBeNull();
    expect(bad({ handled: 'x' })).toBeNull();
  });

  it('parses member.add frames', () => {
    const req = parseMemberAdd({
      type: 'member.add',
      conversation: 'c',
      staff: { id: 'w1', displayName: 'Tiina', role: 'worker' },
      keyPackages: ['AAAA', 'BBBB'],
      reason: 'taken',
    });
    expect(req).toEqual({ staff: { id: 'w1', displayName: 'Tiina', role: 'worker' }, keyPackages: ['AAAA', 'BBBB'], remove: [], reason: 'taken' });
    expect(parseMemberAdd({ staff: null, keyPackages: [], remove: ['w1'], reason: 'transfer' }).staff).toBeNull();
    expect(() => parseMemberAdd({ staff: { id: 5 } })).toThrow();
    expect(() => parseMemberAdd({ staff: null, keyPackages: 'x' })).toThrow();
  });

  it('identifies a member.add by its key packages, not by the order of removals', () => {
    const a = parseMemberAdd({ staff: { id: 'w2' }, keyPackages: ['K1'], remove: ['w1', 'w3'] });
    const b = parseMemberAdd({ staff: { id: 'w2' }, keyPackages: ['K1'], remove: ['w3', 'w1'] });
    const c = parseMemberAdd({ staff: { id: 'w2' }, keyPackages: ['K2'], remove: ['w1', 'w3'] });
    expect(memberAddKey(a)).toBe(memberAddKey(b));
    expect(memberAddKey(a)).not.toBe(memberAddKey(c));
    expect(memberAddKey(a)).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('transcript validation', () => {
  it('accepts every kind and refuses junk', () => {
    expect(parseTranscript(JSON.parse(JSON.stringify(transcript)))).toEqual(transcript);
    expect(() => parseTranscript({})).toThrow();
    expect(() => parseTranscript([{ k: 'unknown', id: 'x', at: 1 }])).toThrow();
    expect(() => parseTranscript([{ k: 'msg', id: 'x', at: 1, self: 'yes', senderKind: 'citizen', name: '', body: '' }])).toThrow();
    expect(() => parseTranscript([{ k: 'sys', id: 'x', at: 1, key: 'a', args: { n: {} } }])).toThrow();
    expect(() => parseTranscript([{ k: 'member', id: 'x'.repeat(65), at: 1, event: 'joined', name: 'n' }])).toThrow();
  });
});

describe('staff records', () => {
  it('device record', () => {
    const good = { v: 1, staffId: 'staff-1', deviceId: 'dev_ABCDEFGH', state: 'TVRMRA==', notAfter: 5 };
    expect(parseDeviceRecord(JSON.stringify(good))).toEqual(good);
    expect(parseDeviceRecord(JSON.stringify({ ...good, deviceId: 'short' }))).toBeNull();
    expect(parseDeviceRecord(JSON.stringify({ ...good, state: '***' }))).toBeNull();
    expect(parseDeviceRecord('{')).toBeNull();
    expect(parseDeviceRecord(null)).toBeNull();
  });

  it('conversation record', () => {
    const good = {
      v: 1,
      staffId: 'staff-1',
      conversation: 'conv1',
      queue: 'families',
      lang: 'sv',
      status: 'active',
      closedReason: null,
      lastSeq: 7,
      mlsState: 'TVRMQwE=',
      clientName: 'Aino',
      transcript,
      outbox: { sealed: [], drafts: [] },
    };
    expect(parseConversationRecord(JSON.stringify(good))).toEqual(good);
    expect(parseConversationRecord(JSON.stringify({ ...good, status: 'active', mlsState: null }))).toBeNull();
    expect(parseConversationRecord(JSON.stringify({ ...good, status: 'joining', mlsState: null }))?.status).toBe('joining');
    expect(parseConversationRecord(JSON.stringify({ ...good, conversation: '../x' }))).toBeNull();
    expect(parseConversationRecord(JSON.stringify({ ...good, lastSeq: '7' }))).toBeNull();
  });

  it('prunes and clears only Matala chat keys', () => {
    const storage = new MemoryStorage();
    storage.setItem('matala.staff.session', 'token');
    storage.setItem('matala.staff.device', 'd');
    storage.setItem(conversationKey('a'), '1');
    storage.setItem(conversationKey('b'), '2');
    storage.setItem('other.app', 'x');
    pruneConversations(storage, new Set(['a']));
    expect(storage.getItem(conversationKey('a'))).toBe('1');
    expect(storage.getItem(conversationKey('b'))).toBeNull();
    clearStaffChat(storage);
    expect([...storage.data.keys()].sort()).toEqual(['matala.staff.session', 'other.app']);
  });
});

describe('Quick exit storage clean-up', () => {
  it('removes every matala.* key from both storages and nothing else', () => {
    const session = new MemoryStorage();
    const local = new MemoryStorage();
    session.setItem(CITIZEN_STORAGE_KEY, '{}');
    session.setItem('matala.x', '1');
    session.setItem('site.pref', 'keep');
    local.setItem('matala.y', '1');
    expect(matalaKeys(session).sort()).toEqual([CITIZEN_STORAGE_KEY, 'matala.x']);
    clearMatalaKeys(session, local, null);
    expect([...session.data.keys()]).toEqual(['site.pref']);
    expect(local.length).toBe(0);
  });
});
