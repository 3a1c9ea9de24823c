import { describe, expect, it } from "vitest";
import { E2eeError } from "../../src/e2ee/errors.js";
import { loadTrustAnchor, parseCertificate, verifyStaffChain } from "../../src/e2ee/x509.js";
import { ext, extension, keyPair, leafSubject, makePki, name, OIDS } from "./helpers/pki.js";

const H = 3600 * 1000;
const pki = makePki();
const anchor = loadTrustAnchor(pki.root.der);
const opts = () => ({ nowMs: Date.now(), clockSkewMs: 300_000 });

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof E2eeError) return e.code;
    throw e;
  }
  return undefined;
}

describe("staff certificate chain", () => {
  it("verifies a profile-conformant chain and extracts the identity", () => {
    const k = keyPair();
    const { leaf, identity } = verifyStaffChain(
      pki.chain({ publicKey: k.pub, displayName: "Matti Virtanen", staffId: "s-42", role: "nurse", deviceId: "laptop-7" }),
      anchor,
      opts(),
    );
    expect([...leaf.publicKey]).toEqual([...k.pub]);
    expect(identity).toMatchObject({
      displayName: "Matti Virtanen",
      staffId: "s-42",
      role: "nurse",
      deviceId: "laptop-7",
      organisation: "Matala Test Organisation",
    });
  });

  it("accepts the root appended to the chain", () => {
    const k = keyPair();
    expect(() => verifyStaffChain([...pki.chain({ publicKey: k.pub }), pki.root.der], anchor, opts())).not.toThrow();
  });

  it("rejects a chain from another organisation root", () => {
    const other = makePki({ orgName: "Other Org" });
    expect(code(() => verifyStaffChain(other.chain({ publicKey: keyPair().pub }), anchor, opts()))).toBe("cert-untrusted-root");
  });

  it("rejects a root with the same name but a different key", () => {
    const k = keyPair();
    const forged = makePki(); // same default names, different keys
    expect(code(() => verifyStaffChain(forged.chain({ publicKey: k.pub }), anchor, opts()))).toBe("cert-bad-signature");
  });

  it("rejects an expired or not yet valid leaf", () => {
    const k = keyPair();
    const expired = pki.chain({ publicKey: k.pub, notBefore: new Date(Date.now() - 30 * H), notAfter: new Date(Date.now() - 7 * H) });
    expect(code(() => verifyStaffChain(expired, anchor, opts()))).toBe("cert-expired");
    const future = pki.chain({ publicKey: k.pub, notBefore: new Date(Date.now() + 2 * H), notAfter: new Date(Date.now() + 10 * H) });
    expect(code(() => verifyStaffChain(future, anchor, opts()))).toBe("cert-not-yet-valid");
  });

  it("rejects a leaf valid for more than 24 h", () => {
    const long = pki.chain({ publicKey: keyPair().pub, notBefore: new Date(Date.now() - H), notAfter: new Date(Date.now() + 24 * H) });
    expect(code(() => verifyStaffChain(long, anchor, opts()))).toBe("cert-validity-too-long");
  });

  it("rejects an expired issuing CA", () => {
    const p = makePki({ issuingNotAfter: new Date(Date.now() - H) });
    const a = loadTrustAnchor(p.root.der);
    expect(code(() => verifyStaffChain(p.chain({ publicKey: keyPair().pub }), a, opts()))).toBe("cert-expired");
  });

  it("rejects a tampered signature", () => {
    const chain = pki.chain({ publicKey: keyPair().pub, tamperSignature: true });
    expect(code(() => verifyStaffChain(chain, anchor, opts()))).toBe("cert-bad-signature");
    const der = pki.chain({ publicKey: keyPair().pub, displayName: "Maija" })[0]!.slice();
    // change the subject CN "Maija" to "Naija" and keep the original signature
    const at = der.findIndex((_, i) => [..."Maija"].every((c, j) => der[i + j] === c.charCodeAt(0)));
    expect(at).toBeGreaterThan(0);
    der[at] = "N".charCodeAt(0);
    expect(code(() => verifyStaffChain([der, pki.issuing.der], anchor, opts()))).toBe("cert-bad-signature");
  });

  it("rejects a non-CA issuer", () => {
    const p = makePki({ issuingIsCa: false });
    const a = loadTrustAnchor(p.root.der);
    expect(code(() => verifyStaffChain(p.chain({ publicKey: keyPair().pub }), a, opts()))).toBe("cert-not-ca");
  });

  it("rejects a leaf that is a CA", () => {
    const chain = pki.chain({
      publicKey: keyPair().pub,
      extensions: [ext.basicConstraints(true), ext.keyUsage([0, 5]), ext.sanUris(["urn:matala:device:x"])],
    });
    expect(code(() => verifyStaffChain(chain, anchor, opts()))).toBe("cert-leaf-is-ca");
  });

  it("rejects a leaf signed directly by the root (no issuing CA)", () => {
    const k = keyPair();
    const leaf = pki.leaf({ publicKey: k.pub, signerKey: pki.root.key.secret, issuerName: pki.root.name });
    expect(code(() => verifyStaffChain([leaf], anchor, opts()))).toBe("cert-chain-invalid");
    expect(code(() => verifyStaffChain([leaf, pki.root.der], anchor, opts()))).toBe("cert-chain-invalid");
  });

  it("rejects issuer/subject name mismatch", () => {
    const leaf = pki.leaf({ publicKey: keyPair().pub, issuerName: name([[OIDS.cn, "Someone else"]]) });
    expect(code(() => verifyStaffChain([leaf, pki.issuing.der], anchor, opts()))).toBe("cert-chain-invalid");
  });

  it("enforces the leaf subject profile", () => {
    const noUid = pki.chain({ publicKey: keyPair().pub, subject: name([[OIDS.cn, "X"], [OIDS.ou, "nurse"]]) });
    expect(code(() => verifyStaffChain(noUid, anchor, opts()))).toBe("cert-profile");
    const twoCn = pki.chain({
      publicKey: keyPair().pub,
      subject: name([[OIDS.cn, "X"], [OIDS.cn, "Y"], [OIDS.uid, "s1"], [OIDS.ou, "nurse"]]),
    });
    expect(code(() => verifyStaffChain(twoCn, anchor, opts()))).toBe("cert-profile");
    const badRole = pki.chain({ publicKey: keyPair().pub, subject: leafSubject({ displayName: "X", staffId: "s1", role: "Nurse!" }) });
    expect(code(() => verifyStaffChain(badRole, anchor, opts()))).toBe("cert-profile");
    const noSan = pki.chain({ publicKey: keyPair().pub, extensions: [ext.keyUsage([0])] });
    expect(code(() => verifyStaffChain(noSan, anchor, opts()))).toBe("cert-profile");
    const noKu = pki.chain({ publicKey: keyPair().pub, extensions: [ext.sanUris(["urn:matala:device:x"])] });
    expect(code(() => verifyStaffChain(noKu, anchor, opts()))).toBe("cert-profile");
  });

  it("rejects unknown critical and duplicate extensions", () => {
    const unknownCritical = pki.chain({
      publicKey: keyPair().pub,
      extensions: [ext.keyUsage([0]), ext.sanUris(["urn:matala:device:x"]), extension("1.2.3.4", true, Uint8Array.of(0x05, 0x00))],
    });
    expect(code(() => verifyStaffChain(unknownCritical, anchor, opts()))).toBe("cert-profile");
    const unknownNonCritical = pki.chain({
      publicKey: keyPair().pub,
      extensions: [ext.keyUsage([0]), ext.sanUris(["urn:matala:device:x"]), extension("1.2.3.4", false, Uint8Array.of(0x05, 0x00))],
    });
    expect(() => verifyStaffChain(unknownNonCritical, anchor, opts())).not.toThrow();
    const dup = pki.chain({ publicKey: keyPair().pub, extensions: [ext.keyUsage([0]), ext.keyUsage([0]), ext.sanUris(["urn:matala:device:x"])] });
    expect(code(() => verifyStaffChain(dup, anchor, opts()))).toBe("cert-malformed");
  });

  it("rejects trailing bytes and non-Ed25519 keys", () => {
    const der = pki.chain({ publicKey: keyPair().pub })[0]!;
    const trailing = new Uint8Array(der.length + 1);
    trailing.set(der);
    expect(code(() => parseCertificate(trailing))).toBe("der-malformed");
    // Replace the n-th Ed25519 OID: 1 = TBS signature algorithm, 2 = SPKI algorithm, 3 = outer signature algorithm.
    const patchNth = (n: number): Uint8Array => {
      const patched = pki.chain({ publicKey: keyPair().pub })[0]!.slice();
      const ed = [0x06, 0x03, 0x2b, 0x65, 0x70];
      let hits = 0;
      for (let i = 0; i < patched.length - 5; i++) {
        if (ed.every((b, j) => patched[i + j] === b) && ++hits === n) {
          patched[i + 4] = 0x6f; // 1.3.101.111 = X448
          return patched;
        }
      }
      throw new Error("OID not found");
    };
    expect(code(() => parseCertificate(patchNth(1)))).toBe("cert-unsupported-algorithm");
    expect(code(() => parseCertificate(patchNth(2)))).toBe("cert-unsupported-algorithm");
    expect(code(() => parseCertificate(patchNth(3)))).toBe("cert-unsupported-algorithm");
  });

  it("checks the trust anchor itself", () => {
    expect(code(() => loadTrustAnchor(pki.issuing.der))).toBe("cert-untrusted-root");
    expect(code(() => loadTrustAnchor(Uint8Array.of(0x30, 0x00)))).toBeDefined();
  });
});

describe("interoperability with a BouncyCastle-issued chain", () => {
  it("verifies root, issuing CA and device leaf produced by BouncyCastle 1.87", async () => {
    const { nodeFs, pathOf } = await import("./helpers/node.js");
    const { fromHex } = await import("../../src/e2ee/bytes.js");
    const { ed25519 } = await import("@noble/curves/ed25519.js");
    const fx = JSON.parse((await nodeFs()).readFileSync(pathOf("./fixtures/bouncycastle-chain.json", import.meta.url), "utf8")) as Record<string, string>;
    const a = loadTrustAnchor(fromHex(fx["rootHex"]!));
    const now = Number(fx["generatedAtMs"]);
    const chain = [fromHex(fx["leafHex"]!), fromHex(fx["issuingHex"]!)];
    const { leaf, identity } = verifyStaffChain(chain, a, { nowMs: now, clockSkewMs: 0 });
    expect([...leaf.publicKey]).toEqual([...ed25519.getPublicKey(fromHex(fx["leafSeedHex"]!))]);
    expect(identity).toMatchObject({ displayName: "Maija Meikäläinen", staffId: "s-1001", role: "social-worker", deviceId: "laptop-42", organisation: "Matala" });
    expect(code(() => verifyStaffChain(chain, a, { nowMs: now + 13 * H, clockSkewMs: 0 }))).toBe("cert-expired");
  });
});
