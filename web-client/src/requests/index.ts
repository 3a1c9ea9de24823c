// Encrypted requests when nobody can answer now (docs/requests.md): formats,
// keys and the HTTP API. No DOM here.
export { CODE_ALPHABET, CODE_LENGTH, formatCode, generateCode, lookupFor, normaliseCode, replyKeyPair, type KeyPair } from './code';
export { isSealedBox, MAX_SEALED_PLAINTEXT, open, seal, SealedBoxError, TooLargeError, type SealedBox } from './sealed';
export {
  generateInboxKeyPair,
  keyFingerprint,
  MIN_PASSPHRASE_LENGTH,
  PBKDF2_ITERATIONS,
  unwrapPrivateKey,
  wrapPrivateKey,
  WrongPassphraseError,
  type WrappedKey,
} from './inbox-key';
export * from './content';
export * from './api';
export * from './flows';
export { checkInboxKey, CLOCK_SKEW_MS, TrustedInboxKey, UntrustedInboxKeyError, type InboxKeyState, type UntrustedReason } from './trusted-key';
