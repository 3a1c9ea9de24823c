/**
 * The request inbox key certificate (docs/requests.md, "The inbox key's certificate"): the
 * organisation CA certifies the team's X25519 inbox key once two admins approved it, and the
 * citizen's browser seals a request only to a key whose certificate verifies to the organisation
 * root that ships with the page — never to a key the API merely names.
 *
 * Profile: chain [leaf, issuing CA] (the root may follow, byte-identical to the anchor), names
 * chained by exact DER bytes, Ed25519 signatures, as for staff devices. The leaf:
 *  - subject key X25519 (OID 1.3.101.110), the key requests are sealed to;
 *  - basicConstraints absent or cA=FALSE; keyUsage with keyAgreement and without
 *    digitalSignature, keyCertSign and cRLSign (so a device certificate never passes, nor this
 *    one as a device certificate: its key is not Ed25519);
 *  - subjectAltName: exactly one URI, urn:matala:inbox-key:<keyId>;
 *  - valid now (with the clock skew), for at most MAX_INBOX_KEY_VALIDITY_MS.
 */
import { bytesEqual } from "./bytes.js";
import { fail } from "./errors.js";
import { checkCa, checkTime, KU, parseCertificate, verifyCertSignature, type TrustAnchor } from "./x509.js";

export const INBOX_KEY_URN_PREFIX = "urn:matala:inbox-key:";
/** The server issues 365 days; anything much longer is not one of ours. */
export const MAX_INBOX_KEY_VALIDITY_MS = 400 * 24 * 60 * 60 * 1000;
const KEY_ID_RE = /^[A-Za-z0-9-]{1,64}$/;

export interface CertifiedInboxKey {
  readonly keyId: string;
  /** The raw X25519 public key, taken from the certificate. */
  readonly publicKey: Uint8Array;
  readonly notAfter: number;
}

export interface InboxKeyVerifyOptions {
  readonly nowMs: number;
  readonly clockSkewMs: number;
}

/** Verifies the chain (leaf first) to the anchor and returns what the certificate states. Throws E2eeError. */
export function verifyInboxKeyChain(
  chainDer: readonly Uint8Array[],
  anchor: TrustAnchor,
  opts: InboxKeyVerifyOptions,
): CertifiedInboxKey {
  let ders = chainDer;
  if (ders.length === 3 && bytesEqual(ders[2]!, anchor.cert.der)) ders = ders.slice(0, 2);
  if (ders.length !== 2) fail("cert-chain-invalid", "chain must be the inbox key certificate and its issuing CA");
  const leaf = parseCertificate(ders[0]!, "X25519");
  const issuing = parseCertificate(ders[1]!);

  if (!bytesEqual(leaf.issuerDer, issuing.subjectDer)) fail("cert-chain-invalid", "inbox key certificate issuer does not match");
  if (!bytesEqual(issuing.issuerDer, anchor.cert.subjectDer)) fail("cert-untrusted-root", "issuing CA is not issued by the root");
  if (!verifyCertSignature(leaf, issuing.publicKey)) fail("cert-bad-signature", "inbox key certificate signature invalid");
  if (!verifyCertSignature(issuing, anchor.cert.publicKey)) fail("cert-bad-signature", "issuing CA signature invalid");

  checkTime(anchor.cert, opts.nowMs, opts.clockSkewMs, "root");
  checkTime(issuing, opts.nowMs, opts.clockSkewMs, "issuing CA");
  checkTime(leaf, opts.nowMs, opts.clockSkewMs, "inbox key certificate");
  checkCa(issuing, 0, "issuing CA");
  checkCa(anchor.cert, 1, "root");

  if (leaf.basicConstraints?.ca) fail("cert-leaf-is-ca", "inbox key certificate is a CA");
  const usage = leaf.keyUsage;
  if (usage === undefined || !usage.has(KU.keyAgreement)) fail("cert-profile", "inbox key certificate must allow keyAgreement");
  if (usage.has(KU.digitalSignature) || usage.has(KU.keyCertSign) || usage.has(KU.cRLSign)) {
    fail("cert-profile", "inbox key certificate allows more than keyAgreement");
  }
  if (leaf.notAfter - leaf.notBefore > MAX_INBOX_KEY_VALIDITY_MS) fail("cert-validity-too-long", "inbox key certificate valid too long");
  if (leaf.sanUris.length !== 1 || !leaf.sanUris[0]!.startsWith(INBOX_KEY_URN_PREFIX)) {
    fail("cert-profile", "inbox key certificate must name exactly one urn:matala:inbox-key: URI");
  }
  const keyId = leaf.sanUris[0]!.slice(INBOX_KEY_URN_PREFIX.length);
  if (!KEY_ID_RE.test(keyId)) fail("cert-profile", "invalid inbox key id");
  return { keyId, publicKey: leaf.publicKey, notAfter: leaf.notAfter };
}
