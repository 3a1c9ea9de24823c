/**
 * X.509 certificate parsing and chain verification for Matala staff devices.
 *
 * Certificate profile (see docs/e2ee.md, "Certificate profile"):
 *
 *  - X.509 v3, every certificate signed with Ed25519 (OID 1.3.101.112,
 *    AlgorithmIdentifier without parameters, RFC 8410); subject public keys are
 *    Ed25519 as well. Nothing else is accepted.
 *  - Chain: organisation ROOT (self-signed, the trust anchor shipped in the web
 *    bundle) -> ISSUING CA -> device leaf. The MLS x509 credential carries the
 *    chain leaf first: [leaf, issuing CA] (the root may be appended; it must
 *    then be byte-identical to the trust anchor).
 *  - Name chaining is by exact DER bytes: a certificate's issuer Name must be
 *    byte-identical to its issuer's subject Name.
 *  - CA certificates: basicConstraints critical with cA=TRUE (pathLenConstraint
 *    respected when present), keyUsage with keyCertSign.
 *  - Device leaf: basicConstraints absent or cA=FALSE; keyUsage present with
 *    digitalSignature and without keyCertSign/cRLSign; notAfter - notBefore
 *    at most 24 h.
 *    Subject (each attribute exactly once, single-valued RDNs):
 *      CN  (2.5.4.3)                    display name shown in the chat UI
 *      UID (0.9.2342.19200300.100.1.1)  staff id
 *      OU  (2.5.4.11)                   role code (e.g. "social-worker")
 *      O   (2.5.4.10)                   organisation name, optional
 *    subjectAltName: exactly one uniformResourceIdentifier of the form
 *      urn:matala:device:<deviceId>
 *  - Unknown critical extensions are rejected; unknown non-critical ones are
 *    ignored. Duplicate extensions are rejected.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesEqual } from "./bytes.js";
import {
  DerElement,
  DerReader,
  TAG,
  contextTag,
  readBitString,
  readBoolean,
  readDirectoryString,
  readIa5,
  readInteger,
  readOid,
  readSmallUint,
  readTime,
} from "./der.js";
import { E2eeError, fail } from "./errors.js";

export const OID = {
  ED25519: "1.3.101.112",
  X25519: "1.3.101.110",
  CN: "2.5.4.3",
  OU: "2.5.4.11",
  O: "2.5.4.10",
  UID: "0.9.2342.19200300.100.1.1",
  BASIC_CONSTRAINTS: "2.5.29.19",
  KEY_USAGE: "2.5.29.15",
  SUBJECT_ALT_NAME: "2.5.29.17",
  SUBJECT_KEY_ID: "2.5.29.14",
  AUTHORITY_KEY_ID: "2.5.29.35",
  EXT_KEY_USAGE: "2.5.29.37",
} as const;

/** Extensions this verifier understands (and may therefore be critical). */
const HANDLED_EXTENSIONS = new Set<string>([OID.BASIC_CONSTRAINTS, OID.KEY_USAGE, OID.SUBJECT_ALT_NAME]);
/** Extensions tolerated but not interpreted; they must not be critical. */
const IGNORED_EXTENSIONS = new Set<string>([OID.SUBJECT_KEY_ID, OID.AUTHORITY_KEY_ID, OID.EXT_KEY_USAGE]);

export const DEVICE_URN_PREFIX = "urn:matala:device:";
export const MAX_LEAF_VALIDITY_MS = 24 * 60 * 60 * 1000;
export const MAX_CERT_SIZE = 8192;

/** keyUsage bit numbers (RFC 5280 4.2.1.3). */
export const KU = { digitalSignature: 0, keyAgreement: 4, keyCertSign: 5, cRLSign: 6 } as const;

export interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

export interface Certificate {
  readonly der: Uint8Array;
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
  readonly serial: bigint;
  readonly issuerDer: Uint8Array;
  readonly subjectDer: Uint8Array;
  readonly issuer: readonly NameAttribute[];
  readonly subject: readonly NameAttribute[];
  readonly notBefore: number;
  readonly notAfter: number;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  readonly basicConstraints?: { readonly ca: boolean; readonly pathLen?: number; readonly critical: boolean };
  /** Set of keyUsage bit numbers that are asserted, undefined when absent. */
  readonly keyUsage?: ReadonlySet<number>;
  readonly sanUris: readonly string[];
}

function certError(message: string): E2eeError {
  return new E2eeError("cert-malformed", message);
}

/** AlgorithmIdentifier must be exactly SEQUENCE { OID 1.3.101.112 } (no params). */
function readEd25519AlgId(e: DerElement): void {
  if (e.tag !== TAG.SEQUENCE) throw certError("AlgorithmIdentifier must be a SEQUENCE");
  const r = DerReader.over(e);
  const oid = readOid(r.read(TAG.OID));
  if (oid !== OID.ED25519) fail("cert-unsupported-algorithm", `algorithm ${oid} is not Ed25519`);
  if (!r.atEnd()) fail("cert-unsupported-algorithm", "Ed25519 AlgorithmIdentifier must not have parameters");
}

function readName(e: DerElement): NameAttribute[] {
  if (e.tag !== TAG.SEQUENCE) throw certError("Name must be a SEQUENCE");
  const out: NameAttribute[] = [];
  const r = DerReader.over(e);
  while (!r.atEnd()) {
    const rdn = r.read(TAG.SET);
    const rr = DerReader.over(rdn);
    const atv = rr.read(TAG.SEQUENCE);
    if (!rr.atEnd()) throw certError("multi-valued RDNs are not supported");
    const ar = DerReader.over(atv);
    const oid = readOid(ar.read(TAG.OID));
    const value = readDirectoryString(ar.read());
    ar.expectEnd();
    out.push({ oid, value });
  }
  return out;
}

function readValidityTime(e: DerElement): number {
  const ms = readTime(e);
  const year = new Date(ms).getUTCFullYear();
  // RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  if (e.tag === TAG.GENERALIZED_TIME && year < 2050) throw certError("GeneralizedTime used for a year before 2050");
  return ms;
}

/** The subject key algorithms a certificate may carry: Ed25519 everywhere, X25519 only where asked for. */
export type SubjectKeyAlgorithm = "Ed25519" | "X25519";

/** AlgorithmIdentifier exactly SEQUENCE { OID 1.3.101.110 } (RFC 8410, no params). */
function readX25519AlgId(e: DerElement): void {
  if (e.tag !== TAG.SEQUENCE) throw certError("AlgorithmIdentifier must be a SEQUENCE");
  const r = DerReader.over(e);
  const oid = readOid(r.read(TAG.OID));
  if (oid !== OID.X25519) fail("cert-unsupported-algorithm", `subject key algorithm ${oid} is not X25519`);
  if (!r.atEnd()) fail("cert-unsupported-algorithm", "X25519 AlgorithmIdentifier must not have parameters");
}

function readSpki(e: DerElement, algorithm: SubjectKeyAlgorithm): Uint8Array {
  if (e.tag !== TAG.SEQUENCE) throw certError("SubjectPublicKeyInfo must be a SEQUENCE");
  const r = DerReader.over(e);
  if (algorithm === "X25519") readX25519AlgId(r.read(TAG.SEQUENCE));
  else readEd25519AlgId(r.read(TAG.SEQUENCE));
  const bits = readBitString(r.read(TAG.BIT_STRING));
  r.expectEnd();
  if (bits.unusedBits !== 0 || bits.bytes.length !== 32) throw certError(`${algorithm} public key must be 32 bytes`);
  return bits.bytes;
}

interface Extensions {
  basicConstraints?: { ca: boolean; pathLen?: number; critical: boolean };
  keyUsage?: Set<number>;
  sanUris: string[];
}

function readExtensions(e: DerElement): Extensions {
  const outer = DerReader.over(e);
  const seq = outer.read(TAG.SEQUENCE);
  outer.expectEnd();
  const r = DerReader.over(seq);
  const seen = new Set<string>();
  const result: Extensions = { sanUris: [] };
  if (r.atEnd()) throw certError("extensions must not be empty");
  while (!r.atEnd()) {
    const ext = DerReader.over(r.read(TAG.SEQUENCE));
    const oid = readOid(ext.read(TAG.OID));
    let critical = false;
    const critEl = ext.readOptional(TAG.BOOLEAN);
    if (critEl !== undefined) {
      critical = readBoolean(critEl);
      if (!critical) throw certError("DEFAULT FALSE must be omitted in DER");
    }
    const value = ext.read(TAG.OCTET_STRING).value;
    ext.expectEnd();
    if (seen.has(oid)) throw certError(`duplicate extension ${oid}`);
    seen.add(oid);
    if (!HANDLED_EXTENSIONS.has(oid)) {
      if (critical) fail("cert-profile", `unsupported critical extension ${oid}`);
      if (IGNORED_EXTENSIONS.has(oid)) DerReader.single(value); // must still be well-formed DER
      continue;
    }
    if (oid === OID.BASIC_CONSTRAINTS) {
      const bc = DerReader.over(DerReader.single(value, TAG.SEQUENCE));
      let ca = false;
      const caEl = bc.readOptional(TAG.BOOLEAN);
      if (caEl !== undefined) {
        ca = readBoolean(caEl);
        if (!ca) throw certError("cA DEFAULT FALSE must be omitted in DER");
      }
      let pathLen: number | undefined;
      const plEl = bc.readOptional(TAG.INTEGER);
      if (plEl !== undefined) {
        if (!ca) throw certError("pathLenConstraint without cA");
        pathLen = readSmallUint(plEl, 255);
      }
      bc.expectEnd();
      result.basicConstraints = pathLen === undefined ? { ca, critical } : { ca, pathLen, critical };
    } else if (oid === OID.KEY_USAGE) {
      const bits = readBitString(DerReader.single(value, TAG.BIT_STRING));
      const set = new Set<number>();
      bits.bytes.forEach((byte, i) => {
        for (let b = 0; b < 8; b++) if (byte & (0x80 >> b)) set.add(i * 8 + b);
      });
      if (set.size === 0) throw certError("keyUsage with no bits set");
      // DER: trailing zero bits must be removed (last byte has a set bit at the boundary).
      const last = bits.bytes[bits.bytes.length - 1]!;
      if ((last & (1 << bits.unusedBits)) === 0) throw certError("keyUsage BIT STRING not minimal");
      result.keyUsage = set;
    } else if (oid === OID.SUBJECT_ALT_NAME) {
      const gn = DerReader.over(DerReader.single(value, TAG.SEQUENCE));
      if (gn.atEnd()) throw certError("empty subjectAltName");
      while (!gn.atEnd()) {
        const name = gn.read();
        if ((name.tag & 0xc0) !== 0x80) throw certError("GeneralName must be context-tagged");
        if (name.tag === contextTag(6, false)) result.sanUris.push(readIa5(name));
      }
    }
  }
  return result;
}

/**
 * Parses one DER certificate strictly. Throws E2eeError. The subject key must be Ed25519 unless
 * the caller asks for X25519 (only the request inbox key certificate has one): a staff device or
 * CA certificate with any other key is refused here already.
 */
export function parseCertificate(der: Uint8Array, subjectKey: SubjectKeyAlgorithm = "Ed25519"): Certificate {
  if (der.length > MAX_CERT_SIZE) throw certError("certificate too large");
  const cert = DerReader.single(der, TAG.SEQUENCE);
  const cr = DerReader.over(cert);
  const tbsEl = cr.read(TAG.SEQUENCE);
  const outerAlg = cr.read(TAG.SEQUENCE);
  readEd25519AlgId(outerAlg);
  const sigBits = readBitString(cr.read(TAG.BIT_STRING));
  cr.expectEnd();
  if (sigBits.unusedBits !== 0 || sigBits.bytes.length !== 64) throw certError("Ed25519 signature must be 64 bytes");

  const t = DerReader.over(tbsEl);
  const versionEl = t.read(contextTag(0, true));
  const vr = DerReader.over(versionEl);
  const version = readSmallUint(vr.read(TAG.INTEGER), 2);
  vr.expectEnd();
  if (version !== 2) throw certError("only X.509 v3 certificates are accepted");
  const serial = readInteger(t.read(TAG.INTEGER));
  if (serial <= 0n) throw certError("serial number must be positive");
  const innerAlg = t.read(TAG.SEQUENCE);
  readEd25519AlgId(innerAlg);
  if (!bytesEqual(innerAlg.raw, outerAlg.raw)) throw certError("signature algorithm mismatch");
  const issuerEl = t.read(TAG.SEQUENCE);
  const issuer = readName(issuerEl);
  const validity = DerReader.over(t.read(TAG.SEQUENCE));
  const notBefore = readValidityTime(validity.read());
  const notAfter = readValidityTime(validity.read());
  validity.expectEnd();
  if (notAfter < notBefore) throw certError("notAfter before notBefore");
  const subjectEl = t.read(TAG.SEQUENCE);
  const subject = readName(subjectEl);
  const publicKey = readSpki(t.read(TAG.SEQUENCE), subjectKey);
  if (t.peekTag() === contextTag(1, false) || t.peekTag() === contextTag(2, false)) {
    throw certError("issuer/subject unique identifiers are not supported");
  }
  const extEl = t.read(contextTag(3, true));
  t.expectEnd();
  const ext = readExtensions(extEl);
  if (issuer.length === 0) throw certError("empty issuer name");
  const base = {
    der,
    tbs: tbsEl.raw,
    signature: sigBits.bytes,
    serial,
    issuerDer: issuerEl.raw,
    subjectDer: subjectEl.raw,
    issuer,
    subject,
    notBefore,
    notAfter,
    publicKey,
    sanUris: ext.sanUris,
  };
  return {
    ...base,
    ...(ext.basicConstraints ? { basicConstraints: ext.basicConstraints } : {}),
    ...(ext.keyUsage ? { keyUsage: ext.keyUsage } : {}),
  };
}

export function verifyCertSignature(cert: Certificate, issuerPublicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(cert.signature, cert.tbs, issuerPublicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** Identity of a staff device, taken from its leaf certificate. */
export interface StaffIdentity {
  readonly displayName: string;
  readonly staffId: string;
  readonly role: string;
  readonly deviceId: string;
  readonly organisation?: string;
  readonly notAfter: Date;
}

const STAFF_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
const ROLE_RE = /^[a-z][a-z0-9_-]{0,31}$/;
const DEVICE_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

function singleAttr(name: readonly NameAttribute[], oid: string, label: string, required: boolean): string | undefined {
  const values = name.filter((a) => a.oid === oid);
  if (values.length > 1) fail("cert-profile", `subject has more than one ${label}`);
  if (values.length === 0) {
    if (required) fail("cert-profile", `subject has no ${label}`);
    return undefined;
  }
  return values[0]!.value;
}

function hasControlChars(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(s);
}

/** Extracts the staff identity from a leaf certificate according to the profile. */
export function staffIdentityFromLeaf(leaf: Certificate): StaffIdentity {
  const displayName = singleAttr(leaf.subject, OID.CN, "CN", true)!;
  const staffId = singleAttr(leaf.subject, OID.UID, "UID", true)!;
  const role = singleAttr(leaf.subject, OID.OU, "OU", true)!;
  const organisation = singleAttr(leaf.subject, OID.O, "O", false);
  if (displayName.length < 1 || displayName.length > 128 || displayName.trim() !== displayName || hasControlChars(displayName)) {
    fail("cert-profile", "invalid CN (display name)");
  }
  if (!STAFF_ID_RE.test(staffId)) fail("cert-profile", "invalid UID (staff id)");
  if (!ROLE_RE.test(role)) fail("cert-profile", "invalid OU (role)");
  if (organisation !== undefined && (organisation.length > 128 || hasControlChars(organisation))) {
    fail("cert-profile", "invalid O (organisation)");
  }
  const deviceUris = leaf.sanUris.filter((u) => u.startsWith(DEVICE_URN_PREFIX));
  if (deviceUris.length !== 1) fail("cert-profile", "leaf must have exactly one urn:matala:device: SAN URI");
  const deviceId = deviceUris[0]!.slice(DEVICE_URN_PREFIX.length);
  if (!DEVICE_ID_RE.test(deviceId)) fail("cert-profile", "invalid device id");
  return {
    displayName,
    staffId,
    role,
    deviceId,
    ...(organisation !== undefined ? { organisation } : {}),
    notAfter: new Date(leaf.notAfter),
  };
}

export function checkTime(cert: Certificate, nowMs: number, skewMs: number, label: string): void {
  if (nowMs + skewMs < cert.notBefore) fail("cert-not-yet-valid", `${label} is not yet valid`);
  if (nowMs - skewMs > cert.notAfter) fail("cert-expired", `${label} has expired`);
}

export function checkCa(cert: Certificate, casBelow: number, label: string): void {
  const bc = cert.basicConstraints;
  if (bc === undefined || !bc.ca || !bc.critical) fail("cert-not-ca", `${label} is not a CA (basicConstraints)`);
  if (bc.pathLen !== undefined && bc.pathLen < casBelow) fail("cert-chain-invalid", `${label} pathLenConstraint exceeded`);
  if (cert.keyUsage === undefined || !cert.keyUsage.has(KU.keyCertSign)) {
    fail("cert-not-ca", `${label} lacks keyCertSign`);
  }
}

export interface TrustAnchor {
  readonly cert: Certificate;
}

/** Parses and self-checks the organisation root that ships in the bundle. */
export function loadTrustAnchor(der: Uint8Array): TrustAnchor {
  const cert = parseCertificate(der);
  if (!bytesEqual(cert.issuerDer, cert.subjectDer)) fail("cert-untrusted-root", "root is not self-issued");
  if (!verifyCertSignature(cert, cert.publicKey)) fail("cert-bad-signature", "root self-signature invalid");
  checkCa(cert, 0, "root");
  return { cert };
}

export interface ChainVerifyOptions {
  readonly nowMs: number;
  /** Tolerance for clock differences, applied to both ends of every validity period. */
  readonly clockSkewMs: number;
  /** Maximum number of intermediate CAs between leaf and root (default 1). */
  readonly maxIntermediates?: number;
}

/**
 * Verifies an MLS x509 credential chain (leaf first) against the anchor and
 * returns the leaf certificate and staff identity. Throws E2eeError.
 */
export function verifyStaffChain(
  chainDer: readonly Uint8Array[],
  anchor: TrustAnchor,
  opts: ChainVerifyOptions,
): { leaf: Certificate; identity: StaffIdentity } {
  const maxIntermediates = opts.maxIntermediates ?? 1;
  if (chainDer.length < 2) fail("cert-chain-invalid", "chain must contain the leaf and its issuing CA");
  if (chainDer.length > maxIntermediates + 2) fail("cert-chain-invalid", "chain too long");
  let ders = chainDer;
  const lastDer = chainDer[chainDer.length - 1]!;
  if (bytesEqual(lastDer, anchor.cert.der)) ders = chainDer.slice(0, -1);
  if (ders.length < 2) fail("cert-chain-invalid", "chain must contain an issuing CA");
  if (ders.length > maxIntermediates + 1) fail("cert-chain-invalid", "too many intermediate CAs");
  const certs = ders.map((d) => parseCertificate(d));
  const leaf = certs[0]!;

  // Issuer/subject chaining and signatures, leaf -> ... -> anchor.
  for (let i = 0; i < certs.length; i++) {
    const cert = certs[i]!;
    const issuer = i + 1 < certs.length ? certs[i + 1]! : anchor.cert;
    if (!bytesEqual(cert.issuerDer, issuer.subjectDer)) {
      fail(i + 1 < certs.length ? "cert-chain-invalid" : "cert-untrusted-root", `certificate ${i} issuer does not match`);
    }
    if (!verifyCertSignature(cert, issuer.publicKey)) fail("cert-bad-signature", `certificate ${i} signature invalid`);
  }

  // Validity periods.
  checkTime(anchor.cert, opts.nowMs, opts.clockSkewMs, "root");
  certs.forEach((c, i) => checkTime(c, opts.nowMs, opts.clockSkewMs, i === 0 ? "leaf" : `CA ${i}`));

  // CA constraints: intermediates, then the anchor.
  for (let i = 1; i < certs.length; i++) checkCa(certs[i]!, i - 1, `CA ${i}`);
  checkCa(anchor.cert, certs.length - 1, "root");

  // Leaf profile.
  if (leaf.basicConstraints?.ca) fail("cert-leaf-is-ca", "leaf certificate is a CA");
  if (leaf.keyUsage === undefined || !leaf.keyUsage.has(KU.digitalSignature)) {
    fail("cert-profile", "leaf keyUsage must include digitalSignature");
  }
  if (leaf.keyUsage.has(KU.keyCertSign) || leaf.keyUsage.has(KU.cRLSign)) {
    fail("cert-leaf-is-ca", "leaf keyUsage must not include keyCertSign/cRLSign");
  }
  if (leaf.notAfter - leaf.notBefore > MAX_LEAF_VALIDITY_MS) fail("cert-validity-too-long", "leaf valid for more than 24 h");
  for (const c of [...certs, anchor.cert]) {
    if (bytesEqual(c.publicKey, leaf.publicKey) && c !== leaf) fail("cert-chain-invalid", "leaf key reused by a CA");
  }
  return { leaf, identity: staffIdentityFromLeaf(leaf) };
}
