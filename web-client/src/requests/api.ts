// HTTP API of encrypted requests (docs/requests.md, "HTTP API"). The public
// calls need no sign-in; the staff calls go through the console's authorised
// request function (ConsoleContext.authed). Only sealed boxes and the lookup
// travel; codes, passphrases and keys stay in the page.
import { ApiError, request, type FetchLike, type RequestOptions } from '../staff/api';
import type { Lang } from '../i18n/lang';
import { isSealedBox, type SealedBox } from './sealed';
import type { WrappedKey } from './inbox-key';

/** The inbox key as the API serves it: to be verified (trusted-key.ts) before anything is sealed to it. */
export interface InboxKey {
  keyId: string;
  /** base64 of the X25519 public key. */
  publicKey: string;
  /** base64 DER, [inbox key certificate, issuing CA]; empty when the API sent none. */
  certificateChain: string[];
}

export interface RequestStatus {
  status: 'open' | 'answered';
  createdAt: number;
  answer?: SealedBox;
  answeredAt?: number;
}

export interface NewRequest {
  queue: string;
  lang: Lang;
  lookup: string;
  keyId: string;
  sealed: SealedBox;
}

export interface StoredKey {
  keyId: string;
  /** base64 of the X25519 public key. */
  publicKey: string;
  wrappedPrivateKey: unknown;
}

export interface StaffRequest {
  id: string;
  queue: string;
  lang: string;
  keyId: string;
  sealed: SealedBox;
  status: 'open' | 'answered';
  createdAt: number;
  answeredAt?: number;
}

/** An authorised request (the console's ConsoleContext.authed). */
export type Authed = <T>(path: string, options?: Omit<RequestOptions, 'token'>) => Promise<T>;

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const asStatus = (value: unknown): 'open' | 'answered' => (value === 'answered' ? 'answered' : 'open');

/** The inbox public key with its certificate chain, or null when requests are not set up (404). */
export async function getInboxKey(fetchImpl?: FetchLike): Promise<InboxKey | null> {
  try {
    const body = record(await request<unknown>('/api/public/inbox-key', { fetchImpl }));
    if (typeof body.keyId !== 'string' || typeof body.publicKey !== 'string') throw new Error('not an inbox key');
    const chain = Array.isArray(body.certificateChain) && body.certificateChain.every((c) => typeof c === 'string')
      ? (body.certificateChain as string[])
      : [];
    return { keyId: body.keyId, publicKey: body.publicKey, certificateChain: chain };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function postRequest(body: NewRequest, fetchImpl?: FetchLike): Promise<void> {
  await request<unknown>('/api/public/requests', { method: 'POST', body, fetchImpl });
}

export function parseRequestStatus(value: unknown): RequestStatus {
  const b = record(value);
  const answer = isSealedBox(b.answer) ? b.answer : undefined;
  return {
    status: asStatus(b.status),
    createdAt: num(b.createdAt),
    ...(answer ? { answer } : {}),
    ...(typeof b.answeredAt === 'number' ? { answeredAt: b.answeredAt } : {}),
  };
}

/** The request's status for the holder of the code; null when there is none (404). */
export async function getRequestStatus(lookup: string, fetchImpl?: FetchLike): Promise<RequestStatus | null> {
  try {
    return parseRequestStatus(await request<unknown>(`/api/public/requests/${encodeURIComponent(lookup)}`, { fetchImpl }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Deletes the request now; a request that is already gone counts as deleted. */
export async function deleteRequest(lookup: string, fetchImpl?: FetchLike): Promise<void> {
  try {
    await request<unknown>(`/api/public/requests/${encodeURIComponent(lookup)}`, { method: 'DELETE', fetchImpl });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return;
    throw error;
  }
}

// ---- staff -----------------------------------------------------------------

export interface KeyPerson {
  id: string;
  displayName: string;
}

/** The admin console's view of the inbox key (GET /api/admin/inbox-key). */
export interface InboxKeyAdminState {
  /** The key citizens seal to now (its certificate verifies), or null. */
  active: { keyId: string; publicKey: string; notAfter: number; activatedAt: number; proposedBy: KeyPerson; approvedBy: KeyPerson } | null;
  /** The proposal waiting for a second admin, or null. */
  pending: { keyId: string; publicKey: string; proposedAt: number; proposedBy: KeyPerson } | null;
}

const person = (value: unknown): KeyPerson => {
  const p = record(value);
  return { id: typeof p.id === 'string' ? p.id : '', displayName: typeof p.displayName === 'string' ? p.displayName : '' };
};

export function parseInboxKeyAdminState(value: unknown): InboxKeyAdminState {
  const body = record(value);
  const a = body.active ? record(body.active) : null;
  const p = body.pending ? record(body.pending) : null;
  return {
    active:
      a && typeof a.keyId === 'string' && typeof a.publicKey === 'string'
        ? { keyId: a.keyId, publicKey: a.publicKey, notAfter: num(a.notAfter), activatedAt: num(a.activatedAt), proposedBy: person(a.proposedBy), approvedBy: person(a.approvedBy) }
        : null,
    pending:
      p && typeof p.keyId === 'string' && typeof p.publicKey === 'string'
        ? { keyId: p.keyId, publicKey: p.publicKey, proposedAt: num(p.proposedAt), proposedBy: person(p.proposedBy) }
        : null,
  };
}

export async function getInboxKeyAdminState(authed: Authed): Promise<InboxKeyAdminState> {
  return parseInboxKeyAdminState(await authed<unknown>('/api/admin/inbox-key'));
}

/** Proposes a new inbox key; it is used only after another admin approves it. Resolves the key id. */
export async function proposeInboxKey(authed: Authed, publicKey: string, wrappedPrivateKey: WrappedKey): Promise<string> {
  const body = record(await authed<unknown>('/api/admin/inbox-key/proposals', { method: 'POST', body: { publicKey, wrappedPrivateKey } }));
  return typeof body.keyId === 'string' ? body.keyId : '';
}

/** Another admin's proposal: approve (the CA certifies it and citizens start sealing to it) or reject. */
export async function decideInboxKey(authed: Authed, keyId: string, decision: 'approve' | 'reject'): Promise<void> {
  await authed<unknown>(`/api/admin/inbox-key/proposals/${encodeURIComponent(keyId)}/${decision}`, { method: 'POST' });
}

export function parseStoredKeys(value: unknown): StoredKey[] {
  const keys = record(value).keys;
  if (!Array.isArray(keys)) return [];
  return keys.map(record).flatMap((k): StoredKey[] =>
    typeof k.keyId === 'string' && typeof k.publicKey === 'string'
      ? [{ keyId: k.keyId, publicKey: k.publicKey, wrappedPrivateKey: k.wrappedPrivateKey }]
      : [],
  );
}

export async function getInboxKeys(authed: Authed): Promise<StoredKey[]> {
  return parseStoredKeys(await authed<unknown>('/api/inbox-keys'));
}

export function parseStaffRequests(value: unknown): StaffRequest[] {
  const list = record(value).requests;
  if (!Array.isArray(list)) return [];
  return list.map(record).flatMap((r): StaffRequest[] => {
    if (typeof r.id !== 'string' || !isSealedBox(r.sealed)) return [];
    return [
      {
        id: r.id,
        queue: typeof r.queue === 'string' ? r.queue : '',
        lang: typeof r.lang === 'string' ? r.lang : '',
        keyId: typeof r.keyId === 'string' ? r.keyId : '',
        sealed: r.sealed,
        status: asStatus(r.status),
        createdAt: num(r.createdAt),
        ...(typeof r.answeredAt === 'number' ? { answeredAt: r.answeredAt } : {}),
      },
    ];
  });
}

export async function listRequests(authed: Authed): Promise<StaffRequest[]> {
  return parseStaffRequests(await authed<unknown>('/api/requests'));
}

export async function answerRequest(authed: Authed, id: string, sealed: SealedBox): Promise<void> {
  await authed<unknown>(`/api/requests/${encodeURIComponent(id)}/answer`, { method: 'POST', body: { sealed } });
}
