// Return codes of encrypted requests (docs/requests.md, "Keys"): 20 characters
// from an alphabet without look-alikes (no I, L, O, U, 0, 1), shown in groups
// of four. The normalised code gives the server's lookup handle and the
// citizen's reply key pair; the code itself never leaves the browser.
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf, sha256Bytes, utf8 } from './crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
export const CODE_LENGTH = 20;
const LOOKUP_PREFIX = 'matala-request-lookup|';
const REPLY_KEY_INFO = 'matala-request-reply-key';

/** A new random return code (normalised: no separators). Rejection sampling keeps it uniform. */
export function generateCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const n = CODE_ALPHABET.length; // 30; 240 = 8 × 30 is the largest multiple below 256
  const limit = 256 - (256 % n);
  let out = '';
  while (out.length < CODE_LENGTH) {
    const bytes = random(new Uint8Array(32));
    for (const byte of bytes) {
      if (byte >= limit) continue;
      out += CODE_ALPHABET[byte % n];
      if (out.length === CODE_LENGTH) break;
    }
  }
  return out;
}

/**
 * Upper case without spaces, dashes or other separators; null when the rest is
 * not a code (wrong length or characters outside the alphabet).
 */
export function normaliseCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s\-‐-―_.]/g, '');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** The code in groups of four, e.g. "ABCD-EFGH-JKMN-PQRS-TVWX". */
export function formatCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join('-');
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url(SHA-256("matala-request-lookup|" + code)): 43 characters. */
export async function lookupFor(code: string): Promise<string> {
  return base64url(await sha256Bytes(utf8(LOOKUP_PREFIX + code)));
}

export interface KeyPair {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** The citizen's reply key pair: X25519 private key = HKDF-SHA256(code, salt "", "matala-request-reply-key"). */
export async function replyKeyPair(code: string): Promise<KeyPair> {
  const privateKey = await hkdf(utf8(code), new Uint8Array(0), utf8(REPLY_KEY_INFO), 32);
  return { privateKey, publicKey: x25519.getPublicKey(privateKey) };
}
