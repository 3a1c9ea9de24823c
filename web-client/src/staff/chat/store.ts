// The staff console's chat state in sessionStorage (this tab only):
//   matala.staff.device          this tab's MLS device (signing key, certificate chain, unused key packages)
//   matala.staff.conv.<id>       one conversation: MLS state, lastSeq, transcript, outbox
// so that a reload of the console resumes every open chat. Removed on sign-out.
import { parseOutboxState, type OutboxState } from '../../chat/outbox';
import { matalaKeys, removeItem, type StorageLike } from '../../chat/storage';
import { parseTranscript, type TranscriptEntry } from '../../chat/transcript';

export const DEVICE_STORAGE_KEY = 'matala.staff.device';
export const CONVERSATION_KEY_PREFIX = 'matala.staff.conv.';
export const STAFF_CHAT_PREFIX = 'matala.staff.';

export interface DeviceRecord {
  readonly v: 1;
  readonly staffId: string;
  readonly deviceId: string;
  /** Base64 of StaffDevice.exportState(). */
  readonly state: string;
  /** Certificate expiry, ms since epoch. */
  readonly notAfter: number;
}

export type StaffConversationStatus = 'joining' | 'active' | 'closed' | 'unreadable';

export interface StaffConversationRecord {
  readonly v: 1;
  readonly staffId: string;
  readonly conversation: string;
  readonly queue: string;
  readonly lang: string;
  readonly status: StaffConversationStatus;
  /** Why it closed: transferred, ended, removed. */
  readonly closedReason: string | null;
  /** Highest sequence number processed (the Welcome's, before anything else). */
  readonly lastSeq: number;
  readonly mlsState: string | null;
  readonly clientName: string | null;
  readonly transcript: readonly TranscriptEntry[];
  readonly outbox: OutboxState;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ID = /^[A-Za-z0-9._-]{1,64}$/;

function text(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.length > max) throw new Error(`bad ${name}`);
  return value;
}

export function parseDeviceRecord(raw: string | null): DeviceRecord | null {
  if (raw == null) return null;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (v.v !== 1) return null;
    const state = text(v.state, 'state', 1_000_000);
    if (!BASE64.test(state) || typeof v.notAfter !== 'number') return null;
    const deviceId = text(v.deviceId, 'deviceId', 64);
    const staffId = text(v.staffId, 'staffId', 64);
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(deviceId) || !ID.test(staffId)) return null;
    return { v: 1, staffId, deviceId, state, notAfter: v.notAfter };
  } catch {
    return null;
  }
}

export function conversationKey(id: string): string {
  return `${CONVERSATION_KEY_PREFIX}${id}`;
}

export function parseConversationRecord(raw: string | null): StaffConversationRecord | null {
  if (raw == null) return null;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (v.v !== 1) return null;
    const status = v.status;
    if (status !== 'joining' && status !== 'active' && status !== 'closed' && status !== 'unreadable') return null;
    if (typeof v.lastSeq !== 'number' || !Number.isSafeInteger(v.lastSeq) || v.lastSeq < 0) return null;
    const mlsState = v.mlsState == null ? null : text(v.mlsState, 'mlsState', 4_000_000);
    if (mlsState !== null && !BASE64.test(mlsState)) return null;
    if (status === 'active' && mlsState === null) return null;
    const conversation = text(v.conversation, 'conversation', 64);
    if (!ID.test(conversation)) return null;
    return {
      v: 1,
      staffId: text(v.staffId, 'staffId', 64),
      conversation,
      queue: text(v.queue ?? '', 'queue', 64),
      lang: text(v.lang ?? '', 'lang', 8),
      status,
      closedReason: v.closedReason == null ? null : text(v.closedReason, 'closedReason', 32),
      lastSeq: v.lastSeq,
      mlsState,
      clientName: v.clientName == null ? null : text(v.clientName, 'clientName', 128),
      transcript: parseTranscript(v.transcript),
      outbox: parseOutboxState(v.outbox),
    };
  } catch {
    return null;
  }
}

/** Removes every conversation record that is not in `keep` (e.g. after staff.authed). */
export function pruneConversations(storage: StorageLike | null, keep: ReadonlySet<string>): void {
  for (const key of matalaKeys(storage, CONVERSATION_KEY_PREFIX)) {
    if (!keep.has(key.slice(CONVERSATION_KEY_PREFIX.length))) removeItem(storage, key);
  }
}

/** Removes the device and every conversation (sign-out). */
export function clearStaffChat(storage: StorageLike | null): void {
  removeItem(storage, DEVICE_STORAGE_KEY);
  for (const key of matalaKeys(storage, CONVERSATION_KEY_PREFIX)) removeItem(storage, key);
}
