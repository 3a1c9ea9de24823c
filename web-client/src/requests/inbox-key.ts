// The team's request inbox key (docs/requests.md, "Keys"): an X25519 key pair
// made in an admin's browser; the private key goes to the server only wrapped
// with AES-256-GCM under PBKDF2-SHA256 (600 000 iterations) of the inbox
// passphrase. The passphrase never leaves the browser.
import { x25519 } from '@noble/curves/ed25519.js';
import { fromBase64, toBase64 } from '../chat/base64';
import { aesDecrypt, aesEncrypt, buf, randomBytes, sha256Bytes, utf8 } from './crypto';
import type { KeyPair } from './code';

export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 12;
/** Iteration counts accepted when unwrapping (a stored key from a future, stronger setting still opens). */
const MIN_ITERATIONS = 100_000;
const MAX_ITERATIONS = 10_000_000;

export interface WrappedKey {
  v: 1;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  iv: string;
  ct: string;
}

export class WrongPassphraseError extends Error {
  constructor(options?: ErrorOptions) {
    super('the passphrase does not open the key', options);
    this.name = 'WrongPassphraseError';
  }
}

export function generateInboxKeyPair(): KeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { privateKey: secretKey, publicKey };
}

/** The passphrase as typed, in Unicode NFC (the same letters typed on another keyboard give the same key). */
function passphraseBytes(passphrase: string): Uint8Array {
  return utf8(passphrase.normalize('NFC'));
}

async function kek(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', buf(passphraseBytes(passphrase)), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: buf(salt), iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function wrapPrivateKey(privateKey: Uint8Array, passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const ct = await aesEncrypt(await kek(passphrase, salt, iterations), iv, privateKey);
  return { v: 1, kdf: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), iv: toBase64(iv), ct: toBase64(ct) };
}

/**
 * Unwraps a private key. When `publicKey` is given, the key must match it.
 * Throws WrongPassphraseError when the passphrase (or the record) does not fit.
 */
export async function unwrapPrivateKey(wrapped: unknown, passphrase: string, publicKey?: Uint8Array): Promise<Uint8Array> {
  const w = (wrapped && typeof wrapped === 'object' ? wrapped : {}) as Partial<Record<keyof WrappedKey, unknown>>;
  if (w.v !== 1 || w.kdf !== 'PBKDF2-SHA256' || typeof w.iterations !== 'number' || !Number.isInteger(w.iterations)) {
    throw new Error('unknown wrapped key format');
  }
  if (w.iterations < MIN_ITERATIONS || w.iterations > MAX_ITERATIONS) throw new Error('unacceptable iteration count');
  if (typeof w.salt !== 'string' || typeof w.iv !== 'string' || typeof w.ct !== 'string') throw new Error('unknown wrapped key format');
  const salt = fromBase64(w.salt);
  const iv = fromBase64(w.iv);
  const ct = fromBase64(w.ct);
  let key: Uint8Array;
  try {
    key = await aesDecrypt(await kek(passphrase, salt, w.iterations), iv, ct);
  } catch (cause) {
    throw new WrongPassphraseError({ cause });
  }
  if (key.length !== 32) throw new WrongPassphraseError();
  if (publicKey) {
    const derived = x25519.getPublicKey(key);
    if (derived.length !== publicKey.length || derived.some((b, i) => b !== publicKey[i])) throw new WrongPassphraseError();
  }
  return key;
}

/**
 * A short fingerprint of an inbox public key: the first 16 bytes of its SHA-256 in hex, in groups
 * of four. The proposing and the approving admin compare it (by phone, in person) so that the
 * approver knows the waiting key is the one their colleague made.
 */
export async function keyFingerprint(publicKeyBase64: string): Promise<string> {
  const digest = await sha256Bytes(fromBase64(publicKeyBase64));
  const hex = Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
  return hex.match(/.{4}/g)!.join(' ');
}
