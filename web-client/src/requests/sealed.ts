// Sealed boxes (docs/requests.md, "Sealed box"): an ephemeral X25519 key
// agreement with the recipient's public key, HKDF-SHA256 (salt = epk ‖
// recipient public key, info "matala-sealed-v1"), AES-256-GCM over the chat's
// padded UTF-8 JSON. Requests are sealed to the inbox key, answers to the
// citizen's reply key.
import { x25519 } from '@noble/curves/ed25519.js';
import { fromBase64, toBase64 } from '../chat/base64';
import { pad, unpad } from '../e2ee/padding';
import { aesDecrypt, aesEncrypt, aesKey, concat, hkdf, randomBytes, utf8 } from './crypto';

const INFO = utf8('matala-sealed-v1');
/** The server accepts ciphertexts up to 16 KiB: padded plaintext ≤ 8 KiB (the next bucket is too big). */
export const MAX_SEALED_PLAINTEXT = 8192 - 5;

export interface SealedBox {
  v: 1;
  epk: string;
  iv: string;
  ct: string;
}

export class SealedBoxError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SealedBoxError';
  }
}

export class TooLargeError extends Error {
  constructor() {
    super('sealed content too large');
    this.name = 'TooLargeError';
  }
}

export function isSealedBox(value: unknown): value is SealedBox {
  if (!value || typeof value !== 'object') return false;
  const s = value as Record<string, unknown>;
  return s.v === 1 && typeof s.epk === 'string' && typeof s.iv === 'string' && typeof s.ct === 'string';
}

async function boxKey(shared: Uint8Array, epk: Uint8Array, recipient: Uint8Array): Promise<CryptoKey> {
  return aesKey(await hkdf(shared, concat(epk, recipient), INFO, 32));
}

/** Seals a JSON value to an X25519 public key (32 bytes). */
export async function seal(recipientPublicKey: Uint8Array, content: unknown): Promise<SealedBox> {
  if (recipientPublicKey.length !== 32) throw new SealedBoxError('recipient key must be 32 bytes');
  const plaintext = utf8(JSON.stringify(content));
  if (plaintext.length > MAX_SEALED_PLAINTEXT) throw new TooLargeError();
  const ephemeral = x25519.utils.randomSecretKey();
  const epk = x25519.getPublicKey(ephemeral);
  const shared = x25519.getSharedSecret(ephemeral, recipientPublicKey);
  const key = await boxKey(shared, epk, recipientPublicKey);
  const iv = randomBytes(12);
  const ct = await aesEncrypt(key, iv, pad(plaintext));
  ephemeral.fill(0);
  shared.fill(0);
  return { v: 1, epk: toBase64(epk), iv: toBase64(iv), ct: toBase64(ct) };
}

/** Opens a sealed box with the recipient's X25519 private key; throws SealedBoxError when it cannot. */
export async function open(recipientPrivateKey: Uint8Array, box: unknown): Promise<unknown> {
  if (!isSealedBox(box)) throw new SealedBoxError('not a sealed box');
  try {
    const epk = fromBase64(box.epk);
    const iv = fromBase64(box.iv);
    const ct = fromBase64(box.ct);
    if (epk.length !== 32 || iv.length !== 12) throw new Error('bad sizes');
    const recipient = x25519.getPublicKey(recipientPrivateKey);
    const shared = x25519.getSharedSecret(recipientPrivateKey, epk);
    const key = await boxKey(shared, epk, recipient);
    shared.fill(0);
    const frame = await aesDecrypt(key, iv, ct);
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(unpad(frame))) as unknown;
  } catch (cause) {
    throw new SealedBoxError('cannot open the sealed box', { cause });
  }
}
