// The citizen's side of the inbox key's authentication (docs/requests.md, "The
// inbox key's certificate"): the key the API names is used only when its
// certificate verifies to the organisation root that ships with the page (the
// same root staff device certificates chain to; chat/trust.ts), and only the
// key the certificate states is sealed to. A key that does not verify is
// refused: nothing is sealed.
import { fromBase64 } from '../chat/base64';
// Imported from the files, not the e2ee index: the request page needs no MLS code.
import { bytesEqual } from '../e2ee/bytes';
import { E2eeError } from '../e2ee/errors';
import { verifyInboxKeyChain } from '../e2ee/inbox-key-cert';
import { loadTrustAnchor } from '../e2ee/x509';
import type { InboxKey } from './api';

/** The tolerance for a citizen's clock, as for staff device certificates. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export type UntrustedReason = 'no-root' | 'no-certificate' | 'invalid' | 'expired' | 'mismatch';

export class UntrustedInboxKeyError extends Error {
  constructor(
    readonly reason: UntrustedReason,
    options?: ErrorOptions,
  ) {
    super(`the inbox key is not trusted: ${reason}`, options);
    this.name = 'UntrustedInboxKeyError';
  }
}

/** An inbox key whose certificate verified; only TrustedInboxKey.verify makes one. */
export class TrustedInboxKey {
  private constructor(
    readonly keyId: string,
    private readonly key: Uint8Array,
    /** End of the certificate's validity, epoch ms. */
    readonly notAfter: number,
  ) {}

  /**
   * Verifies the served key's certificate chain to the root (DER) and checks that the
   * certificate states the served key id and public key. Throws UntrustedInboxKeyError.
   */
  static verify(served: InboxKey, rootDer: Uint8Array | null, nowMs = Date.now()): TrustedInboxKey {
    if (!rootDer) throw new UntrustedInboxKeyError('no-root');
    if (served.certificateChain.length === 0) throw new UntrustedInboxKeyError('no-certificate');
    let certified;
    try {
      const chain = served.certificateChain.map((c) => fromBase64(c));
      certified = verifyInboxKeyChain(chain, loadTrustAnchor(rootDer), { nowMs, clockSkewMs: CLOCK_SKEW_MS });
    } catch (error) {
      const expired = error instanceof E2eeError && (error.code === 'cert-expired' || error.code === 'cert-not-yet-valid');
      throw new UntrustedInboxKeyError(expired ? 'expired' : 'invalid', { cause: error });
    }
    let servedKey: Uint8Array | null = null;
    try {
      servedKey = fromBase64(served.publicKey);
    } catch {
      /* unreadable: a mismatch below */
    }
    if (certified.keyId !== served.keyId || !servedKey || !bytesEqual(servedKey, certified.publicKey)) {
      throw new UntrustedInboxKeyError('mismatch');
    }
    return new TrustedInboxKey(certified.keyId, certified.publicKey, certified.notAfter);
  }

  /** The certified X25519 public key (a copy); throws UntrustedInboxKeyError once the certificate has expired. */
  publicKeyAt(nowMs = Date.now()): Uint8Array {
    if (nowMs - CLOCK_SKEW_MS > this.notAfter) throw new UntrustedInboxKeyError('expired');
    return this.key.slice();
  }
}

export type InboxKeyState =
  | { kind: 'none' }
  | { kind: 'trusted'; key: TrustedInboxKey }
  | { kind: 'untrusted'; reason: UntrustedReason };

/** What the page can offer: no requests (404), requests to a verified key, or a refused key. */
export function checkInboxKey(served: InboxKey | null, rootDer: () => Uint8Array, nowMs = Date.now()): InboxKeyState {
  if (!served) return { kind: 'none' };
  let root: Uint8Array | null = null;
  try {
    root = rootDer();
  } catch {
    /* the page carries no root: refuse */
  }
  try {
    return { kind: 'trusted', key: TrustedInboxKey.verify(served, root, nowMs) };
  } catch (error) {
    return { kind: 'untrusted', reason: error instanceof UntrustedInboxKeyError ? error.reason : 'invalid' };
  }
}
