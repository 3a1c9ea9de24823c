/**
 * Test PKI: builds an organisation root, issuing CA and device leaf
 * certificates following the Matala staff certificate profile, signed with
 * @noble/curves Ed25519. Knobs allow producing deliberately broken
 * certificates for rejection tests.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { bitString, bool, explicit, ia5, integer, namedBits, octets, oid, printableString, seq, set, time, utf8String } from "./der.js";

export const OIDS = {
  ed25519: "1.3.101.112",
  ecPublicKey: "1.2.840.10045.2.1",
  cn: "2.5.4.3",
  o: "2.5.4.10",
  ou: "2.5.4.11",
  c: "2.5.4.6",
  uid: "0.9.2342.19200300.100.1.1",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  san: "2.5.29.17",
  ski: "2.5.29.14",
} as const;

export type Attr = [oid: string, value: string, kind?: "utf8" | "printable"];

export function name(attrs: Attr[]): Uint8Array {
  return seq(
    ...attrs.map(([o, v, kind]) => set(seq(oid(o), kind === "printable" ? printableString(v) : utf8String(v)))),
  );
}

export function extension(o: string, critical: boolean, value: Uint8Array): Uint8Array {
  return critical ? seq(oid(o), bool(true), octets(value)) : seq(oid(o), octets(value));
}

export const ext = {
  basicConstraints: (ca: boolean, pathLen?: number, critical = true) =>
    extension(OIDS.basicConstraints, critical, seq(...(ca ? [bool(true)] : []), ...(pathLen !== undefined ? [integer(pathLen)] : []))),
  keyUsage: (bits: number[]) => extension(OIDS.keyUsage, true, namedBits(bits)),
  sanUris: (uris: string[]) => extension(OIDS.san, false, seq(...uris.map((u) => ia5(0x86, u)))),
};

export interface CertSpec {
  issuer: Uint8Array;
  subject: Uint8Array;
  subjectKey: Uint8Array;
  signerKey: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  extensions: Uint8Array[];
  serial?: bigint;
  /** Override the subjectPublicKeyInfo algorithm OID (to test unsupported algorithms). */
  spkiAlgOid?: string;
  /** Flip a bit in the signature after signing. */
  tamperSignature?: boolean;
  /** Append bytes after the certificate. */
  trailing?: Uint8Array;
}

let serialCounter = 1000n;

export function buildCert(s: CertSpec): Uint8Array {
  const alg = seq(oid(OIDS.ed25519));
  const spki = seq(seq(oid(s.spkiAlgOid ?? OIDS.ed25519)), bitString(s.subjectKey));
  const tbs = seq(
    explicit(0, integer(2)),
    integer(s.serial ?? serialCounter++),
    alg,
    s.issuer,
    seq(time(s.notBefore), time(s.notAfter)),
    s.subject,
    spki,
    explicit(3, seq(...s.extensions)),
  );
  const sig = ed25519.sign(tbs, s.signerKey);
  if (s.tamperSignature) sig[10]! ^= 0x01;
  const cert = seq(tbs, alg, bitString(sig));
  if (s.trailing === undefined) return cert;
  const out = new Uint8Array(cert.length + s.trailing.length);
  out.set(cert);
  out.set(s.trailing, cert.length);
  return out;
}

export interface KeyPair {
  secret: Uint8Array;
  pub: Uint8Array;
}

export function keyPair(): KeyPair {
  const secret = ed25519.utils.randomSecretKey();
  return { secret, pub: ed25519.getPublicKey(secret) };
}

const H = 3600 * 1000;

export interface LeafOptions {
  publicKey: Uint8Array;
  displayName?: string;
  staffId?: string;
  role?: string;
  deviceId?: string;
  organisation?: string;
  notBefore?: Date;
  notAfter?: Date;
  extensions?: Uint8Array[];
  subject?: Uint8Array;
  tamperSignature?: boolean;
  signerKey?: Uint8Array;
  issuerName?: Uint8Array;
}

export interface TestPki {
  root: { key: KeyPair; name: Uint8Array; der: Uint8Array };
  issuing: { key: KeyPair; name: Uint8Array; der: Uint8Array };
  leaf(opts: LeafOptions): Uint8Array;
  /** Chain for the MLS x509 credential, leaf first. */
  chain(opts: LeafOptions): Uint8Array[];
}

export interface PkiOptions {
  orgName?: string;
  issuingIsCa?: boolean;
  issuingNotAfter?: Date;
}

export function leafSubject(o: { displayName: string; staffId: string; role: string; organisation?: string }): Uint8Array {
  const attrs: Attr[] = [];
  if (o.organisation !== undefined) attrs.push([OIDS.o, o.organisation]);
  attrs.push([OIDS.ou, o.role], [OIDS.uid, o.staffId], [OIDS.cn, o.displayName]);
  return name(attrs);
}

export function makePki(opts: PkiOptions = {}): TestPki {
  const now = Date.now();
  const org = opts.orgName ?? "Matala Test Organisation";
  const rootKey = keyPair();
  const rootName = name([["2.5.4.6", "FI", "printable"], [OIDS.o, org], [OIDS.cn, `${org} Root CA`]]);
  const rootDer = buildCert({
    issuer: rootName,
    subject: rootName,
    subjectKey: rootKey.pub,
    signerKey: rootKey.secret,
    notBefore: new Date(now - 30 * 24 * H),
    notAfter: new Date(now + 10 * 365 * 24 * H),
    extensions: [ext.basicConstraints(true, 1), ext.keyUsage([5, 6])],
  });
  const issKey = keyPair();
  const issName = name([["2.5.4.6", "FI", "printable"], [OIDS.o, org], [OIDS.cn, `${org} Issuing CA`]]);
  const issuingIsCa = opts.issuingIsCa ?? true;
  const issDer = buildCert({
    issuer: rootName,
    subject: issName,
    subjectKey: issKey.pub,
    signerKey: rootKey.secret,
    notBefore: new Date(now - 30 * 24 * H),
    notAfter: opts.issuingNotAfter ?? new Date(now + 365 * 24 * H),
    extensions: issuingIsCa
      ? [ext.basicConstraints(true, 0), ext.keyUsage([5, 6])]
      : [ext.keyUsage([0])],
  });
  const leaf = (o: LeafOptions): Uint8Array =>
    buildCert({
      issuer: o.issuerName ?? issName,
      subject:
        o.subject ??
        leafSubject({
          displayName: o.displayName ?? "Maija Meikäläinen",
          staffId: o.staffId ?? "s-1001",
          role: o.role ?? "social-worker",
          organisation: o.organisation ?? org,
        }),
      subjectKey: o.publicKey,
      signerKey: o.signerKey ?? issKey.secret,
      notBefore: o.notBefore ?? new Date(now - 60 * 1000),
      notAfter: o.notAfter ?? new Date(now + 12 * H),
      extensions: o.extensions ?? [
        ext.basicConstraints(false, undefined, true),
        ext.keyUsage([0]),
        ext.sanUris([`urn:matala:device:${o.deviceId ?? "dev-1"}`]),
      ],
      ...(o.tamperSignature ? { tamperSignature: true } : {}),
    });
  return {
    root: { key: rootKey, name: rootName, der: rootDer },
    issuing: { key: issKey, name: issName, der: issDer },
    leaf,
    chain: (o) => [leaf(o), issDer],
  };
}
