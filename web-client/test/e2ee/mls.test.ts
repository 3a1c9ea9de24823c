import { beforeAll, describe, expect, it } from "vitest";
import {
  createGroup,
  createCommit,
  defaultCapabilities,
  defaultLifetime,
  encodeMlsMessage,
  generateKeyPackage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  type CiphersuiteImpl,
  type ClientState,
  type KeyPackage,
} from "ts-mls";
import {
  createMlsClient,
  E2eeError,
  generateDeviceSigningKey,
  MLS_CIPHERSUITE,
  type ConversationEvent,
  type MemberInfo,
  type MlsClient,
  type SecureConversation,
  type StaffDevice,
} from "../../src/e2ee/index.js";
import { keyPair, makePki, type TestPki } from "./helpers/pki.js";
import { asConversation, commit, rawState } from "./helpers/raw-member.js";

const H = 3600 * 1000;
const staffIds = (ms: readonly MemberInfo[]) => ms.map((m) => (m.kind === "staff" ? m.staffId : `citizen:${m.pseudonym}`));
const text = (body: string) => ({ t: "text" as const, body, ts: Date.now() });

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof E2eeError && e.code === code);
}

function expectKind<K extends ConversationEvent["kind"]>(ev: ConversationEvent, kind: K): Extract<ConversationEvent, { kind: K }> {
  if (ev.kind !== kind) {
    const detail = ev.kind === "rejected" ? ` (${ev.error.code}: ${ev.error.message})` : "";
    throw new Error(`expected ${kind}, got ${ev.kind}${detail}`);
  }
  return ev as Extract<ConversationEvent, { kind: K }>;
}

let pki: TestPki;
let client: MlsClient;

async function staffDevice(
  c: MlsClient,
  p: TestPki,
  o: { name: string; staffId: string; role: string; deviceId: string },
): Promise<StaffDevice> {
  const signingKey = generateDeviceSigningKey();
  const certificateChain = p.chain({
    publicKey: signingKey.publicKey,
    displayName: o.name,
    staffId: o.staffId,
    role: o.role,
    deviceId: o.deviceId,
  });
  return c.openStaffDevice({ signingKey, certificateChain });
}

beforeAll(async () => {
  pki = makePki();
  client = await createMlsClient({ trustAnchorDer: pki.root.der });
});

/** Simulated server: assigns sequence numbers and fans out to every client. */
class FakeServer {
  seq = 0;
  readonly log: { seq: number; bytes: Uint8Array }[] = [];
  post(bytes: Uint8Array): number {
    this.seq += 1;
    this.log.push({ seq: this.seq, bytes });
    return this.seq;
  }
}

describe("citizen ↔ staff conversation", () => {
  it("creates, adds a worker, exchanges messages, transfers and resumes from storage", async () => {
    const server = new FakeServer();
    const citizen = await client.createCitizenConversation({ pseudonym: "Asiakas-TEST01" });
    expect(citizen.epoch).toBe(0n);
    expect(citizen.self()).toMatchObject({ kind: "citizen", pseudonym: "Asiakas-TEST01", leafIndex: 0, isSelf: true });

    const devA = await staffDevice(client, pki, { name: "Maija Meikäläinen", staffId: "s-1001", role: "social-worker", deviceId: "dev-a" });
    const [kpA] = await devA.generateKeyPackages(2);
    expect(devA.pendingKeyPackages).toBe(2);

    // Citizen adds worker A.
    const addA = await citizen.addMembers([kpA!]);
    expect(addA.welcome).toBeDefined();
    expect(citizen.hasPendingCommit).toBe(true);
    await expectCode(citizen.encrypt(text("too early")), "commit-pending");
    let seq = server.post(addA.commit);
    const own = expectKind(await citizen.process(addA.commit, seq), "commit");
    expect(own.own).toBe(true);
    expect(own.added.map((m) => m.displayName)).toEqual(["Maija Meikäläinen"]);
    expect(citizen.epoch).toBe(1n);

    const convA = await devA.joinFromWelcome(addA.welcome!, { expectedGroupId: citizen.groupId });
    expect(devA.pendingKeyPackages).toBe(1);
    expect(convA.epoch).toBe(1n);
    expect(convA.members()).toEqual([
      expect.objectContaining({ leafIndex: 0, kind: "citizen", credentialType: "basic", pseudonym: "Asiakas-TEST01", isSelf: false }),
      expect.objectContaining({
        leafIndex: 1,
        kind: "staff",
        credentialType: "x509",
        displayName: "Maija Meikäläinen",
        staffId: "s-1001",
        role: "social-worker",
        deviceId: "dev-a",
        organisation: "Matala Test Organisation",
        isSelf: true,
      }),
    ]);
    // The welcome is single use.
    await expectCode(devA.joinFromWelcome(addA.welcome!), "no-matching-key-package");

    // Citizen → worker.
    const m1 = await citizen.encrypt(text("Hei, tarvitsen apua."));
    seq = server.post(m1);
    expectKind(await citizen.process(m1, seq), "own-message");
    const r1 = expectKind(await convA.process(m1, seq), "application");
    expect(r1.payload).toMatchObject({ t: "text", body: "Hei, tarvitsen apua." });
    expect(r1.sender).toMatchObject({ kind: "citizen", pseudonym: "Asiakas-TEST01" });
    expect(convA.lastSeq).toBe(seq);
    expectKind(await convA.process(m1, seq), "duplicate");

    // Worker → citizen.
    const m2 = await convA.encrypt(text("Hei! Miten voin auttaa?"));
    seq = server.post(m2);
    const r2 = expectKind(await citizen.process(m2, seq), "application");
    expect(r2.payload).toMatchObject({ body: "Hei! Miten voin auttaa?" });
    expect(r2.sender).toMatchObject({ kind: "staff", displayName: "Maija Meikäläinen", role: "social-worker", staffId: "s-1001" });
    expectKind(await convA.process(m2, seq), "own-message");

    // Page reload: the citizen resumes from storage.
    const stored = citizen.exportState();
    const citizen2 = await client.restoreConversation(stored);
    expect(citizen2.epoch).toBe(1n);
    expect(citizen2.lastSeq).toBe(seq);
    expect(citizen2.members().map((m) => m.displayName)).toEqual(["Asiakas-TEST01", "Maija Meikäläinen"]);
    expectKind(await citizen2.process(m2, seq), "duplicate");

    const m3 = await convA.encrypt(text("Kerro lisää."));
    seq = server.post(m3);
    expect(expectKind(await citizen2.process(m3, seq), "application").payload).toMatchObject({ body: "Kerro lisää." });
    const m4 = await citizen2.encrypt(text("Kyse on toimeentulotuesta."));
    seq = server.post(m4);
    expect(expectKind(await convA.process(m4, seq), "application").payload).toMatchObject({ body: "Kyse on toimeentulotuesta." });
    expectKind(await citizen2.process(m4, seq), "own-message");

    // Transfer: remove worker A, add worker B in one commit.
    const devB = await staffDevice(client, pki, { name: "Matti Virtanen", staffId: "s-2002", role: "nurse", deviceId: "dev-b" });
    const [kpB] = await devB.generateKeyPackages(1);
    const aBeforeRemoval = convA.exportState();
    const transfer = await citizen2.commitChanges({ remove: [1], add: [kpB!] });
    // Reload while the commit is pending: nothing is lost.
    const citizen3 = await client.restoreConversation(citizen2.exportState());
    expect(citizen3.hasPendingCommit).toBe(true);
    seq = server.post(transfer.commit);
    const tEv = expectKind(await citizen3.process(transfer.commit, seq), "commit");
    expect(tEv.own).toBe(true);
    expect(staffIds(tEv.removed)).toEqual(["s-1001"]);
    expect(staffIds(tEv.added)).toEqual(["s-2002"]);
    const aEv = expectKind(await convA.process(transfer.commit, seq), "commit");
    expect(aEv.selfRemoved).toBe(true);
    expect(convA.status).toBe("removed");
    const convB = await devB.joinFromWelcome(transfer.welcome!);
    expect(convB.epoch).toBe(2n);
    expect(convB.members().map((m) => [m.leafIndex, m.displayName])).toEqual([
      [0, "Asiakas-TEST01"],
      [1, "Matti Virtanen"],
    ]);

    // B cannot read anything sent before it joined.
    for (const old of [m1, m2, m3, m4]) expectKind(await convB.process(old), "rejected");

    // Messages after the transfer: B reads them, A cannot.
    const m5 = await citizen3.encrypt(text("Kiitos siirrosta."));
    seq = server.post(m5);
    expect(expectKind(await convB.process(m5, seq), "application").sender.kind).toBe("citizen");
    expect(expectKind(await convA.process(m5, seq), "rejected").error.code).toBe("not-active");
    // Even a client that ignores its removal (A's state from before the commit) cannot decrypt.
    const aStale = await client.restoreConversation(aBeforeRemoval);
    expect(expectKind(await aStale.process(m5), "rejected").error.code).toBe("mls-rejected");
    await expectCode(convA.encrypt(text("still here?")), "not-active");

    const m6 = await convB.encrypt({ t: "notice", event: "joined", name: "Matti Virtanen", role: "nurse", ts: Date.now() });
    seq = server.post(m6);
    const r6 = expectKind(await citizen3.process(m6, seq), "application");
    expect(r6.payload).toMatchObject({ t: "notice", event: "joined" });
    expect(r6.sender).toMatchObject({ displayName: "Matti Virtanen", role: "nurse", deviceId: "dev-b" });
  });

  it("staff device state survives a reload between key package upload and welcome", async () => {
    const citizen = await client.createCitizenConversation();
    const dev = await staffDevice(client, pki, { name: "Liisa Laine", staffId: "s-3", role: "nurse", deviceId: "tablet-1" });
    const [kp] = await dev.generateKeyPackages(1);
    const dev2 = await client.restoreStaffDevice(dev.exportState());
    expect(dev2.pendingKeyPackages).toBe(1);
    expect(dev2.identity.staffId).toBe("s-3");
    const out = await citizen.addMembers([kp!]);
    citizen.confirmPendingCommit();
    const conv = await dev2.joinFromWelcome(out.welcome!);
    const msg = await conv.encrypt(text("Hei"));
    expect(expectKind(await citizen.process(msg), "application").sender).toMatchObject({ displayName: "Liisa Laine" });
  });

  it("a lost commit race discards the pending commit and follows the winner", async () => {
    const citizen = await client.createCitizenConversation();
    const devA = await staffDevice(client, pki, { name: "A", staffId: "a", role: "nurse", deviceId: "a" });
    const devB = await staffDevice(client, pki, { name: "B", staffId: "b", role: "nurse", deviceId: "b" });
    const [kpA] = await devA.generateKeyPackages(1);
    const [kpB] = await devB.generateKeyPackages(1);
    const out = await citizen.addMembers([kpA!]);
    citizen.confirmPendingCommit();
    const convA = await devA.joinFromWelcome(out.welcome!);
    // Both commit for epoch 1 and the server takes A's first. The only commit a worker may make is
    // an update of its own leaf (group-change-policy.test.ts); Matala's console never does, and
    // the server refuses it, so A is a raw ts-mls client here.
    const aCommit = await commit(rawState(convA));
    const cCommit = await citizen.addMembers([kpB!]);
    const ev = expectKind(await citizen.process(aCommit.bytes, 10), "commit");
    expect(ev.discardedOwnCommit).toBe(true);
    expect(ev.committer).toMatchObject({ staffId: "a" });
    expect(citizen.hasPendingCommit).toBe(false);
    expect(citizen.epoch).toBe(2n);
    const convA2 = await asConversation(client, aCommit.state, "staff");
    // The losing commit is now stale for everybody, and its Welcome leads nowhere.
    expectKind(await convA2.process(cCommit.commit, 11), "rejected");
    // The citizen makes the change again, in the new epoch.
    const again = await citizen.addMembers([(await devB.generateKeyPackages(1))[0]!]);
    expectKind(await citizen.process(again.commit, 12), "commit");
    expectKind(await convA2.process(again.commit, 12), "commit");
    const convB = await devB.joinFromWelcome(again.welcome!);
    const hello = await convB.encrypt(text("hello"));
    expectKind(await citizen.process(hello, 13), "application");
    expectKind(await convA2.process(hello, 13), "application");
  });
});

describe("removal", () => {
  it("a removed worker sees selfRemoved and can no longer send or read", async () => {
    const citizen = await client.createCitizenConversation();
    const dev = await staffDevice(client, pki, { name: "R", staffId: "r", role: "nurse", deviceId: "r" });
    const [kp] = await dev.generateKeyPackages(1);
    const out = await citizen.addMembers([kp!]);
    citizen.confirmPendingCommit();
    const worker = await dev.joinFromWelcome(out.welcome!);
    const rm = await citizen.removeMembers([1]);
    expect(rm.welcome).toBeUndefined();
    const ev = expectKind(await worker.process(rm.commit, 1), "commit");
    expect(ev).toMatchObject({ selfRemoved: true, own: false });
    expect(staffIds(ev.removed)).toEqual(["r"]);
    expect(ev.committer).toMatchObject({ kind: "citizen" });
    const own = expectKind(await citizen.process(rm.commit, 1), "commit");
    expect(staffIds(own.removed)).toEqual(["r"]);
    expect(citizen.members().map((m) => m.kind)).toEqual(["citizen"]);
    const after = await citizen.encrypt(text("vain minä"));
    expect(expectKind(await worker.process(after, 2), "rejected").error.code).toBe("not-active");
    const restored = await client.restoreConversation(worker.exportState());
    expect(restored.status).toBe("removed");
    await expectCode(citizen.removeMembers([0]), "bad-argument");
  });
});

describe("padding hides message length", () => {
  it("gives equal ciphertext sizes for different short messages", async () => {
    const citizen = await client.createCitizenConversation();
    const a = await citizen.encrypt(text("ok"));
    const b = await citizen.encrypt(text("Minulla on hyvin vaikea tilanne kotona ja tarvitsen apua."));
    expect(a.length).toBe(b.length);
    const c = await citizen.encrypt(text("x".repeat(600)));
    expect(c.length).toBeGreaterThan(a.length);
    await expectCode(citizen.encrypt(text("")), "payload-invalid");
  });
});

describe("authentication service rejections", () => {
  let cs: CiphersuiteImpl;
  beforeAll(async () => {
    cs = await getCiphersuiteImpl(getCiphersuiteFromName(MLS_CIPHERSUITE));
  });

  const kpMessage = (keyPackage: KeyPackage) => encodeMlsMessage({ version: "mls10", wireformat: "mls_key_package", keyPackage });

  it("rejects staff from another organisation root", async () => {
    const other = makePki({ orgName: "Other Org" });
    const otherClient = await createMlsClient({ trustAnchorDer: other.root.der });
    const dev = await staffDevice(otherClient, other, { name: "X", staffId: "x", role: "nurse", deviceId: "x" });
    const [kp] = await dev.generateKeyPackages(1);
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.addMembers([kp!]), "cert-untrusted-root");
    expect(citizen.hasPendingCommit).toBe(false);
  });

  it("rejects an expired staff certificate", async () => {
    const past = Date.now() - 30 * H;
    const pastClient = await createMlsClient({ trustAnchorDer: pki.root.der, now: () => past });
    const signingKey = generateDeviceSigningKey();
    const chain = pki.chain({ publicKey: signingKey.publicKey, notBefore: new Date(past - H), notAfter: new Date(past + 12 * H) });
    const dev = await pastClient.openStaffDevice({ signingKey, certificateChain: chain });
    const [kp] = await dev.generateKeyPackages(1);
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.addMembers([kp!]), "cert-expired");
    // and a device refuses to open with it now
    await expectCode(client.openStaffDevice({ signingKey, certificateChain: chain }), "cert-expired");
  });

  it("rejects a certificate whose key is not the MLS signature key", async () => {
    const signingKey = generateDeviceSigningKey();
    const chainForOtherKey = pki.chain({ publicKey: keyPair().pub });
    await expectCode(client.openStaffDevice({ signingKey, certificateChain: chainForOtherKey }), "credential-key-mismatch");
    // Built with raw ts-mls to bypass the device wrapper.
    const kp = await generateKeyPackage({ credentialType: "x509", certificates: chainForOtherKey }, defaultCapabilities(), defaultLifetime, [], cs);
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.addMembers([kpMessage(kp.publicPackage)]), "credential-key-mismatch");
  });

  it("rejects a basic credential presented as staff", async () => {
    const identity = new TextEncoder().encode("matala-citizen:Maija");
    const kp = await generateKeyPackage({ credentialType: "basic", identity }, defaultCapabilities(), defaultLifetime, [], cs);
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.addMembers([kpMessage(kp.publicPackage)]), "credential-basic-not-allowed");
  });

  it("rejects tampered and non-CA-issued certificates", async () => {
    const signingKey = generateDeviceSigningKey();
    await expectCode(
      client.openStaffDevice({ signingKey, certificateChain: pki.chain({ publicKey: signingKey.publicKey, tamperSignature: true }) }),
      "cert-bad-signature",
    );
    const noCa = makePki({ issuingIsCa: false });
    const noCaClient = await createMlsClient({ trustAnchorDer: noCa.root.der });
    await expectCode(
      noCaClient.openStaffDevice({ signingKey, certificateChain: noCa.chain({ publicKey: signingKey.publicKey }) }),
      "cert-not-ca",
    );
    // Same via a KeyPackage carrying the tampered chain.
    const kp = await generateKeyPackageWithKey(
      { credentialType: "x509", certificates: pki.chain({ publicKey: signingKey.publicKey, tamperSignature: true }) },
      defaultCapabilities(),
      defaultLifetime,
      [],
      { signKey: signingKey.privateKey, publicKey: signingKey.publicKey },
      cs,
    );
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.addMembers([kpMessage(kp.publicPackage)]), "cert-bad-signature");
  });

  describe("on the receiving side (hostile group creator using raw ts-mls)", () => {
    /** A "citizen" that does not use the wrapper and accepts any credential. */
    async function rawCreator(): Promise<{ state: ClientState }> {
      const kp = await generateKeyPackage(
        { credentialType: "basic", identity: new TextEncoder().encode("matala-citizen:Evil") },
        defaultCapabilities(),
        defaultLifetime,
        [],
        cs,
      );
      return { state: await createGroup(new TextEncoder().encode("raw-group"), kp.publicPackage, kp.privatePackage, [], cs) };
    }

    async function rawAdd(creator: { state: ClientState }, kps: KeyPackage[]) {
      const res = await createCommit(
        { state: creator.state, cipherSuite: cs },
        { extraProposals: kps.map((keyPackage) => ({ proposalType: "add" as const, add: { keyPackage } })), ratchetTreeExtension: true },
      );
      creator.state = res.newState;
      return {
        commit: encodeMlsMessage(res.commit),
        welcome: res.welcome ? encodeMlsMessage({ version: "mls10", wireformat: "mls_welcome", welcome: res.welcome }) : undefined,
      };
    }

    it("refuses a Welcome into a group with a second basic (non-creator) member", async () => {
      const creator = await rawCreator();
      const intruder = await generateKeyPackage(
        { credentialType: "basic", identity: new TextEncoder().encode("matala-citizen:Spy") },
        defaultCapabilities(),
        defaultLifetime,
        [],
        cs,
      );
      const dev = await staffDevice(client, pki, { name: "W", staffId: "w", role: "nurse", deviceId: "w" });
      const [kpBytes] = await dev.generateKeyPackages(1);
      const kp = (await import("ts-mls")).decodeMlsMessage(kpBytes!, 0)![0];
      if (kp.wireformat !== "mls_key_package") throw new Error("kp");
      const out = await rawAdd(creator, [intruder.publicPackage, kp.keyPackage]);
      await expectCode(dev.joinFromWelcome(out.welcome!), "credential-basic-not-allowed");
    });

    it("rejects a commit that adds a member with a mismatching certificate", async () => {
      const creator = await rawCreator();
      const dev = await staffDevice(client, pki, { name: "W", staffId: "w", role: "nurse", deviceId: "w" });
      const [kpBytes] = await dev.generateKeyPackages(1);
      const { decodeMlsMessage } = await import("ts-mls");
      const kp = decodeMlsMessage(kpBytes!, 0)![0];
      if (kp.wireformat !== "mls_key_package") throw new Error("kp");
      const out = await rawAdd(creator, [kp.keyPackage]);
      const conv = await dev.joinFromWelcome(out.welcome!);
      expect(conv.members().map((m) => m.kind)).toEqual(["citizen", "staff"]);
      // Hostile add: x509 chain for one key, MLS signature key another.
      const bad = await generateKeyPackage(
        { credentialType: "x509", certificates: pki.chain({ publicKey: keyPair().pub }) },
        defaultCapabilities(),
        defaultLifetime,
        [],
        cs,
      );
      const badAdd = await rawAdd(creator, [bad.publicPackage]);
      const ev = expectKind(await conv.process(badAdd.commit), "rejected");
      expect(ev.error.code).toBe("credential-key-mismatch");
      expect(conv.epoch).toBe(1n);
      // Hostile add of a second basic credential.
      const creator2 = await rawCreator();
      const dev2 = await staffDevice(client, pki, { name: "V", staffId: "v", role: "nurse", deviceId: "v" });
      const [kp2Bytes] = await dev2.generateKeyPackages(1);
      const kp2 = decodeMlsMessage(kp2Bytes!, 0)![0];
      if (kp2.wireformat !== "mls_key_package") throw new Error("kp");
      const out2 = await rawAdd(creator2, [kp2.keyPackage]);
      const conv2 = await dev2.joinFromWelcome(out2.welcome!);
      const spy = await generateKeyPackage(
        { credentialType: "basic", identity: new TextEncoder().encode("matala-citizen:Spy") },
        defaultCapabilities(),
        defaultLifetime,
        [],
        cs,
      );
      const spyAdd = await rawAdd(creator2, [spy.publicPackage]);
      expect(expectKind(await conv2.process(spyAdd.commit), "rejected").error.code).toBe("credential-basic-not-allowed");
    });

    it("refuses a Welcome into a group not created by a citizen", async () => {
      const signingKey = generateDeviceSigningKey();
      const chain = pki.chain({ publicKey: signingKey.publicKey });
      const creatorKp = await generateKeyPackageWithKey(
        { credentialType: "x509", certificates: chain },
        defaultCapabilities(),
        defaultLifetime,
        [],
        { signKey: signingKey.privateKey, publicKey: signingKey.publicKey },
        cs,
      );
      const creator = { state: await createGroup(new TextEncoder().encode("g2"), creatorKp.publicPackage, creatorKp.privatePackage, [], cs) };
      const dev = await staffDevice(client, pki, { name: "W", staffId: "w", role: "nurse", deviceId: "w" });
      const [kpBytes] = await dev.generateKeyPackages(1);
      const { decodeMlsMessage } = await import("ts-mls");
      const kp = decodeMlsMessage(kpBytes!, 0)![0];
      if (kp.wireformat !== "mls_key_package") throw new Error("kp");
      const out = await rawAdd(creator, [kp.keyPackage]);
      await expectCode(dev.joinFromWelcome(out.welcome!), "mls-policy");
    });
  });
});

describe("state and input robustness", () => {
  let citizen: SecureConversation;
  beforeAll(async () => {
    citizen = await client.createCitizenConversation();
  });

  it("rejects garbage and foreign messages without changing state", async () => {
    for (const junk of [new Uint8Array(0), Uint8Array.of(0, 1, 0, 2), new Uint8Array(300).fill(0xaa)]) {
      expectKind(await citizen.process(junk), "rejected");
    }
    const other = await client.createCitizenConversation();
    const foreign = await other.encrypt(text("not for you"));
    expect(expectKind(await citizen.process(foreign), "rejected").error.code).toBe("mls-wrong-group");
    expect(citizen.epoch).toBe(0n);
  });

  it("rejects corrupted state blobs", async () => {
    const good = citizen.exportState();
    const corrupt = async (b: Uint8Array) => expectCode(client.restoreConversation(b), "state-corrupt");
    await corrupt(good.slice(0, 20));
    await corrupt(Uint8Array.of(...good.slice(0, 4), 9, ...good.slice(5)));
    const extra = new Uint8Array(good.length + 6);
    extra.set(good);
    extra.set([9, 0, 0, 0, 1, 0], good.length);
    await corrupt(extra);
  });

  it("reports the exported state size", async () => {
    const dev = await staffDevice(client, pki, { name: "S", staffId: "s", role: "nurse", deviceId: "s" });
    const c = await client.createCitizenConversation();
    const [kp] = await dev.generateKeyPackages(1);
    const out = await c.addMembers([kp!]);
    c.confirmPendingCommit();
    const w = await dev.joinFromWelcome(out.welcome!);
    for (let i = 0; i < 20; i++) {
      await w.process(await c.encrypt(text(`viesti ${i}`)));
      await c.process(await w.encrypt(text(`vastaus ${i}`)));
    }
    const size = c.exportState().length;
    console.info(`[e2ee] citizen state after 1 member + 40 messages: ${size} bytes`);
    expect(size).toBeLessThan(64 * 1024);
  });
});
