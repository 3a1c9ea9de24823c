/**
 * Credential policy: which MLS credentials Matala accepts and what identity
 * they carry.
 *
 *  - Citizen: MLS `basic` credential whose identity is the UTF-8 string
 *    `matala-citizen:<pseudonym>`. It is ephemeral (fresh signature key per
 *    conversation) and accepted ONLY for the group creator (leaf 0).
 *  - Staff device: MLS `x509` credential (chain leaf first) verified with
 *    {@link verifyStaffChain}; the leaf certificate's Ed25519 key must equal
 *    the member's MLS signature key.
 */
import type { AuthenticationService, Credential } from "ts-mls";
import { bytesEqual, fromUtf8, randomBytes, utf8 } from "./bytes.js";
import { E2eeError, fail } from "./errors.js";
import { StaffIdentity, TrustAnchor, verifyStaffChain } from "./x509.js";

export const CITIZEN_IDENTITY_PREFIX = "matala-citizen:";
const PSEUDONYM_RE = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,39}$/u;

export function isValidPseudonym(p: string): boolean {
  return PSEUDONYM_RE.test(p) && p.trim() === p;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Random pseudonym such as `Asiakas-7K2QX9` (30 bits of randomness). */
export function randomPseudonym(prefix = "Asiakas"): string {
  const r = randomBytes(6);
  let s = "";
  for (const b of r) s += CROCKFORD[b & 31];
  const p = `${prefix}-${s}`;
  if (!isValidPseudonym(p)) throw new E2eeError("bad-argument", "invalid pseudonym prefix");
  return p;
}

export function citizenIdentityBytes(pseudonym: string): Uint8Array {
  if (!isValidPseudonym(pseudonym)) fail("bad-argument", "invalid pseudonym");
  return utf8(CITIZEN_IDENTITY_PREFIX + pseudonym);
}

/** Parses a basic credential identity; throws if it is not a citizen identity. */
export function parseCitizenIdentity(identity: Uint8Array): string {
  if (identity.length > 256) fail("credential-rejected", "citizen identity too long");
  let s: string;
  try {
    s = fromUtf8(identity);
  } catch {
    return fail("credential-rejected", "citizen identity is not UTF-8");
  }
  if (!s.startsWith(CITIZEN_IDENTITY_PREFIX)) fail("credential-rejected", "basic credential is not a citizen identity");
  const p = s.slice(CITIZEN_IDENTITY_PREFIX.length);
  if (!isValidPseudonym(p)) fail("credential-rejected", "invalid pseudonym");
  return p;
}

export type VerifiedCredential =
  | { readonly kind: "citizen"; readonly pseudonym: string }
  | { readonly kind: "staff"; readonly identity: StaffIdentity };

export interface CredentialPolicyOptions {
  readonly anchor: TrustAnchor;
  readonly now: () => number;
  readonly clockSkewMs: number;
}

/**
 * Full verification of one member credential. `creatorKey` is the signature
 * key of the group creator (leaf 0) when known; a basic credential is only
 * accepted for that key. When it is not known yet (while processing a
 * Welcome), basic credentials are format-checked here and the wrapper then
 * enforces that the only basic leaf is leaf 0 (see checkTreePolicy in mls.ts).
 */
export function verifyMemberCredential(
  credential: Credential,
  signaturePublicKey: Uint8Array,
  creatorKey: Uint8Array | undefined,
  opts: CredentialPolicyOptions,
): VerifiedCredential {
  if (credential.credentialType === "basic") {
    const pseudonym = parseCitizenIdentity(credential.identity);
    if (creatorKey !== undefined && !bytesEqual(creatorKey, signaturePublicKey)) {
      fail("credential-basic-not-allowed", "basic credentials are accepted only for the citizen who created the group");
    }
    return { kind: "citizen", pseudonym };
  }
  if (credential.credentialType === "x509") {
    const { leaf, identity } = verifyStaffChain(credential.certificates, opts.anchor, {
      nowMs: opts.now(),
      clockSkewMs: opts.clockSkewMs,
    });
    if (!bytesEqual(leaf.publicKey, signaturePublicKey)) {
      fail("credential-key-mismatch", "leaf certificate key differs from the MLS signature key");
    }
    return { kind: "staff", identity };
  }
  return fail("credential-unsupported", "unsupported credential type");
}

/**
 * ts-mls AuthenticationService adapter. ts-mls calls it for every leaf it
 * validates: the whole ratchet tree and GroupInfo signer on Welcome, every
 * added KeyPackage (on the committer and on receivers) and every new leaf
 * node in an Update proposal or commit path.
 * The reason for the last rejection is kept so the wrapper can report a
 * precise error code instead of ts-mls's generic "Could not validate".
 */
export class MatalaAuthService implements AuthenticationService {
  lastRejection: E2eeError | undefined;

  constructor(
    private readonly opts: CredentialPolicyOptions,
    private readonly creatorKey: () => Uint8Array | undefined,
  ) {}

  async validateCredential(credential: Credential, signaturePublicKey: Uint8Array): Promise<boolean> {
    try {
      verifyMemberCredential(credential, signaturePublicKey, this.creatorKey(), this.opts);
      return true;
    } catch (e) {
      this.lastRejection = e instanceof E2eeError ? e : new E2eeError("credential-rejected", String(e));
      return false;
    }
  }
}
