// The steps of the two sides, on top of the formats and the API:
// the citizen leaves a request and later reads the answer with the code;
// staff unlock the inbox keys with the passphrase, open requests and answer.
import { fromBase64, toBase64 } from '../chat/base64';
import type { Lang } from '../i18n/lang';
import type { FetchLike } from '../staff/api';
import { getRequestStatus, postRequest, type StaffRequest, type StoredKey } from './api';
import { generateCode, lookupFor, replyKeyPair } from './code';
import { parseAnswerContent, parseRequestContent, type AnswerContent, type RequestContent } from './content';
import { unwrapPrivateKey, WrongPassphraseError } from './inbox-key';
import { open, seal, type SealedBox } from './sealed';
import type { TrustedInboxKey } from './trusted-key';

export interface RequestDraft {
  queue: string;
  lang: Lang;
  message: string;
  name?: string;
  contact?: string;
}

/**
 * Seals the request to the inbox key and posts it; resolves the return code (normalised).
 * Only a key whose certificate verified can be given, and only while the certificate is valid
 * (UntrustedInboxKeyError otherwise, before anything is sealed).
 */
export async function leaveRequest(draft: RequestDraft, inboxKey: TrustedInboxKey, fetchImpl?: FetchLike, now = new Date()): Promise<string> {
  const recipient = inboxKey.publicKeyAt(now.getTime());
  const code = generateCode();
  const reply = await replyKeyPair(code);
  const content: RequestContent = {
    message: draft.message,
    ...(draft.name ? { name: draft.name } : {}),
    ...(draft.contact ? { contact: draft.contact } : {}),
    replyKey: toBase64(reply.publicKey),
    lang: draft.lang,
    at: now.toISOString(),
  };
  reply.privateKey.fill(0);
  const sealed = await seal(recipient, content);
  await postRequest({ queue: draft.queue, lang: draft.lang, lookup: await lookupFor(code), keyId: inboxKey.keyId, sealed }, fetchImpl);
  return code;
}

export type ReadResult =
  | { kind: 'none' }
  | { kind: 'open'; createdAt: number }
  | { kind: 'answered'; createdAt: number; answeredAt: number; answer: AnswerContent };

/** What the holder of a (normalised) code can see. Throws SealedBoxError when the answer does not open. */
export async function readWithCode(code: string, fetchImpl?: FetchLike): Promise<ReadResult> {
  const status = await getRequestStatus(await lookupFor(code), fetchImpl);
  if (!status) return { kind: 'none' };
  if (status.status !== 'answered' || !status.answer) return { kind: 'open', createdAt: status.createdAt };
  const { privateKey } = await replyKeyPair(code);
  try {
    const answer = parseAnswerContent(await open(privateKey, status.answer));
    return { kind: 'answered', createdAt: status.createdAt, answeredAt: status.answeredAt ?? 0, answer };
  } finally {
    privateKey.fill(0);
  }
}

/** The inbox private keys of this page, by keyId; kept in memory only. */
export class UnlockedInbox {
  private constructor(private readonly keys: Map<string, Uint8Array>) {}

  /**
   * Unwraps every stored key the passphrase opens. Throws WrongPassphraseError
   * when it opens none of them (keys made with another passphrase are skipped).
   */
  static async unlock(stored: readonly StoredKey[], passphrase: string): Promise<UnlockedInbox> {
    const keys = new Map<string, Uint8Array>();
    for (const key of stored) {
      try {
        keys.set(key.keyId, await unwrapPrivateKey(key.wrappedPrivateKey, passphrase, fromBase64(key.publicKey)));
      } catch {
        /* another passphrase or an unreadable record */
      }
    }
    if (keys.size === 0) throw new WrongPassphraseError();
    return new UnlockedInbox(keys);
  }

  has(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  /** Opens a request; throws when its key is not unlocked or the box does not open. */
  async open(request: StaffRequest): Promise<RequestContent> {
    const key = this.keys.get(request.keyId);
    if (!key) throw new WrongPassphraseError();
    return parseRequestContent(await open(key, request.sealed));
  }

  /** Forgets the keys (overwritten in memory). */
  lock(): void {
    for (const key of this.keys.values()) key.fill(0);
    this.keys.clear();
  }
}

/** Seals an answer to the citizen's reply key (from the opened request). */
export function sealAnswer(request: RequestContent, message: string, by: string, now = new Date()): Promise<SealedBox> {
  const answer: AnswerContent = { message, by, at: now.toISOString() };
  return seal(fromBase64(request.replyKey), answer);
}
