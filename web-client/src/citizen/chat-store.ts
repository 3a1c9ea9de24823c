// The citizen's chat as kept in sessionStorage (one key, written in one go
// after every change of the MLS state, so the parts can never disagree):
//
//   {v, conversation, secret, queue, lang, lastSeq, mlsState (base64 of
//    SecureConversation.exportState()), nickname, status, endedBy,
//    transcript (decrypted messages: they cannot be decrypted again),
//    outbox (drafts and encrypted messages not yet acknowledged),
//    handled / addJob / nextJob (member changes the server asked for),
//    refusedAdds (requests whose staff member none of whose devices passed
//    the check: member.refused is sent again if the server asks again),
//    lastHandover}
//
// sessionStorage belongs to this tab only and is gone when the tab closes;
// Quick exit removes it at once. It holds private keys and plaintext, like
// the page itself.
import { LANGUAGES, type Lang } from '../i18n/lang';
import { parseOutboxState, type OutboxState } from '../chat/outbox';
import { parseTranscript, type TranscriptEntry } from '../chat/transcript';

export const CITIZEN_STORAGE_KEY = 'matala.citizen.chat';
export const CITIZEN_RECORD_VERSION = 1;

export interface StaffRef {
  readonly id: string;
  readonly displayName: string;
  readonly role: string;
}

/** A `member.add` from the server (docs/protocol.md). `staff` is null for a removal only. */
export interface MemberAddRequest {
  readonly staff: StaffRef | null;
  readonly keyPackages: readonly string[];
  readonly remove: readonly string[];
  readonly reason: string;
}

export interface HandoverNote {
  readonly summary: string;
  readonly author: string;
  readonly authorRole?: string;
  readonly at: number;
}

export type CitizenStatus = 'queued' | 'active' | 'ended';

/** Why every device of an announced staff member was refused (docs/protocol.md, member.refused). */
export type RefusalReason = 'identity_mismatch' | 'invalid';

/** A member.add whose staff member was not added at all: the server is told (member.refused). */
export interface RefusedAdd {
  /** memberAddKey of the request. */
  readonly key: string;
  readonly staff: string;
  readonly reason: RefusalReason;
}

export interface CitizenRecord {
  readonly v: 1;
  readonly conversation: string;
  readonly secret: string;
  readonly queue: string;
  readonly lang: Lang;
  /** Highest server sequence number processed; resume asks for what comes after it. */
  readonly lastSeq: number;
  /** Base64 MLS state; null once the chat has ended (the keys are no longer needed). */
  readonly mlsState: string | null;
  readonly nickname: string | null;
  readonly status: CitizenStatus;
  readonly endedBy: 'citizen' | 'staff' | null;
  readonly transcript: readonly TranscriptEntry[];
  readonly outbox: OutboxState;
  readonly handled: readonly string[];
  /** Absent in records written before member.refused existed. */
  readonly refusedAdds?: readonly RefusedAdd[];
  readonly addJob: MemberAddRequest | null;
  readonly nextJob: MemberAddRequest | null;
  readonly lastHandover: HandoverNote | null;
}

export function encodeCitizenRecord(record: CitizenRecord): string {
  return JSON.stringify(record);
}

/** Parses a stored record; null when absent, unreadable or of another version. */
export function decodeCitizenRecord(text: string | null): CitizenRecord | null {
  if (text == null) return null;
  try {
    return parseCitizenRecord(JSON.parse(text));
  } catch {
    return null;
  }
}

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function str(value: unknown, name: string, max = 256): string {
  if (typeof value !== 'string' || value.length > max) throw new Error(`bad ${name}`);
  return value;
}

function nullable<T>(value: unknown, parse: (v: unknown) => T): T | null {
  return value === null || value === undefined ? null : parse(value);
}

export function parseMemberAdd(value: unknown): MemberAddRequest {
  if (!value || typeof value !== 'object') throw new Error('bad member.add');
  const v = value as Record<string, unknown>;
  const staff = nullable(v.staff, (s) => {
    if (!s || typeof s !== 'object') throw new Error('bad staff');
    const o = s as Record<string, unknown>;
    return { id: str(o.id, 'staff.id', 64), displayName: str(o.displayName ?? '', 'staff.displayName'), role: str(o.role ?? '', 'staff.role', 64) };
  });
  const list = (x: unknown, name: string, max: number): string[] => {
    if (x === undefined || x === null) return [];
    if (!Array.isArray(x) || x.length > 64) throw new Error(`bad ${name}`);
    return x.map((item) => str(item, name, max));
  };
  return {
    staff,
    keyPackages: list(v.keyPackages, 'keyPackages', 16_384),
    remove: list(v.remove, 'remove', 64),
    reason: typeof v.reason === 'string' ? v.reason.slice(0, 32) : '',
  };
}

export function parseCitizenRecord(value: unknown): CitizenRecord {
  if (!value || typeof value !== 'object') throw new Error('not an object');
  const v = value as Record<string, unknown>;
  if (v.v !== CITIZEN_RECORD_VERSION) throw new Error('version');
  const conversation = str(v.conversation, 'conversation', 64);
  const secret = str(v.secret, 'secret', 64);
  if (!TOKEN.test(conversation) || !TOKEN.test(secret)) throw new Error('bad ids');
  const lang = v.lang as Lang;
  if (!(LANGUAGES as readonly string[]).includes(lang)) throw new Error('bad lang');
  if (typeof v.lastSeq !== 'number' || !Number.isSafeInteger(v.lastSeq) || v.lastSeq < 0) throw new Error('bad lastSeq');
  const mlsState = nullable(v.mlsState, (s) => {
    const text = str(s, 'mlsState', 4_000_000);
    if (!BASE64.test(text)) throw new Error('bad mlsState');
    return text;
  });
  const status = v.status;
  if (status !== 'queued' && status !== 'active' && status !== 'ended') throw new Error('bad status');
  if (status !== 'ended' && mlsState === null) throw new Error('missing mlsState');
  const endedBy = v.endedBy ?? null;
  if (endedBy !== null && endedBy !== 'citizen' && endedBy !== 'staff') throw new Error('bad endedBy');
  if (!Array.isArray(v.handled)) throw new Error('bad handled');
  const handled = v.handled.map((h) => str(h, 'handled', 128));
  const refusedAdds = (Array.isArray(v.refusedAdds) ? v.refusedAdds : []).map((r: unknown): RefusedAdd => {
    if (!r || typeof r !== 'object') throw new Error('bad refusedAdds');
    const o = r as Record<string, unknown>;
    if (o.reason !== 'identity_mismatch' && o.reason !== 'invalid') throw new Error('bad refusal reason');
    return { key: str(o.key, 'refusedAdds.key', 128), staff: str(o.staff, 'refusedAdds.staff', 64), reason: o.reason };
  });
  const lastHandover = nullable(v.lastHandover, (h) => {
    if (!h || typeof h !== 'object') throw new Error('bad handover');
    const o = h as Record<string, unknown>;
    const authorRole = o.authorRole === undefined ? undefined : str(o.authorRole, 'authorRole', 64);
    if (typeof o.at !== 'number') throw new Error('bad handover');
    return {
      summary: str(o.summary, 'summary', 16_000),
      author: str(o.author, 'author', 128),
      ...(authorRole !== undefined ? { authorRole } : {}),
      at: o.at,
    };
  });
  return {
    v: CITIZEN_RECORD_VERSION,
    conversation,
    secret,
    queue: str(v.queue, 'queue', 64),
    lang,
    lastSeq: v.lastSeq,
    mlsState,
    nickname: nullable(v.nickname, (n) => str(n, 'nickname', 128)),
    status,
    endedBy,
    transcript: parseTranscript(v.transcript),
    outbox: parseOutboxState(v.outbox),
    handled,
    refusedAdds,
    addJob: nullable(v.addJob, parseMemberAdd),
    nextJob: nullable(v.nextJob, parseMemberAdd),
    lastHandover,
  };
}
