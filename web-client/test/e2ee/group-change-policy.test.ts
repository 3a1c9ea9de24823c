// Only the citizen's client changes who is in the group. A worker's client
// that proposes or commits an Add or a Remove, or updates its own leaf to
// another certified identity, is refused by the citizen's client and by
// every other staff client, and the chat goes on with the group as it was.
// A worker's update of its own leaf that keeps its certified identity (same
// staff id and role) is taken in. Real ts-mls groups, real certificates; the
// hostile worker is raw ts-mls (helpers/raw-member.ts).
import { beforeAll, describe, expect, it } from "vitest";
import {
  createGroupInfoWithExternalPubAndRatchetTree,
  decodeMlsMessage,
  defaultCapabilities,
  defaultLifetime,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  joinGroupExternal,
  proposeAddExternal,
  type Credential,
  type KeyPackage,
} from "ts-mls";
import {
  createMlsClient,
  generateDeviceSigningKey,
  type ConversationEvent,
  type DeviceSigningKey,
  type MlsClient,
  type SecureConversation,
  type StaffDevice,
} from "../../src/e2ee/index.js";
import { makePki, type TestPki } from "./helpers/pki.js";
import { asConversation, commit, propose, rawCipherSuite, rawState, updateLeaf, withOwnCredential } from "./helpers/raw-member.js";

let pki: TestPki;
let client: MlsClient;

beforeAll(async () => {
  pki = makePki();
  client = await createMlsClient({ trustAnchorDer: pki.root.der });
});

const text = (body: string) => ({ t: "text" as const, body, ts: Date.now() });

function expectKind<K extends ConversationEvent["kind"]>(ev: ConversationEvent, kind: K): Extract<ConversationEvent, { kind: K }> {
  if (ev.kind !== kind) {
    const detail = ev.kind === "rejected" ? ` (${ev.error.message})` : "";
    throw new Error(`expected ${kind}, got ${ev.kind}${detail}`);
  }
  return ev as Extract<ConversationEvent, { kind: K }>;
}

/** The citizen's client refused this as a group change by `staffId`. */
function expectRefusedFrom(ev: ConversationEvent, staffId: string): void {
  const r = expectKind(ev, "rejected");
  expect(r.error.code).toBe("group-change-refused");
  expect(r.sender).toMatchObject({ kind: "staff", staffId });
}

interface Worker {
  key: DeviceSigningKey;
  device: StaffDevice;
  staffId: string;
  role: string;
}

async function worker(staffId: string, role = "worker", deviceId = `${staffId}-dev`): Promise<Worker> {
  const key = generateDeviceSigningKey();
  const certificateChain = pki.chain({ publicKey: key.publicKey, displayName: staffId, staffId, role, deviceId });
  return { key, device: await client.openStaffDevice({ signingKey: key, certificateChain }), staffId, role };
}

/** An x509 credential for this worker's signing key with the given subject (a renewed or a forged certificate). */
function credentialFor(w: Worker, subject: { staffId?: string; role?: string; deviceId?: string }): Credential {
  const certificates = pki.chain({
    publicKey: w.key.publicKey,
    displayName: w.staffId,
    staffId: subject.staffId ?? w.staffId,
    role: subject.role ?? w.role,
    deviceId: subject.deviceId ?? `${w.staffId}-dev`,
  });
  return { credentialType: "x509", certificates };
}

function keyPackageOf(bytes: Uint8Array): KeyPackage {
  const m = decodeMlsMessage(bytes, 0)![0];
  if (m.wireformat !== "mls_key_package") throw new Error("not a key package");
  return m.keyPackage;
}

/** A chat of the citizen (leaf 0), worker Anna (leaf 1) and supervisor Bert (leaf 2), as the citizen's client made it. */
async function chatOfThree(citizenClient = client) {
  const citizen = await citizenClient.createCitizenConversation({ pseudonym: "Asiakas-POLICY" });
  const anna = await worker("anna");
  const bert = await worker("bert", "supervisor");
  const [kpA] = await anna.device.generateKeyPackages(1);
  const addA = await citizen.addMembers([kpA!]);
  citizen.confirmPendingCommit();
  const convA = await anna.device.joinFromWelcome(addA.welcome!);
  const [kpB] = await bert.device.generateKeyPackages(1);
  const addB = await citizen.addMembers([kpB!]);
  citizen.confirmPendingCommit();
  expectKind(await convA.process(addB.commit), "commit");
  const convB = await bert.device.joinFromWelcome(addB.welcome!);
  return { citizen, anna, convA, bert, convB };
}

/** The chat still works: the citizen and these members read each other's messages. */
async function stillTalking(citizen: SecureConversation, ...members: SecureConversation[]): Promise<void> {
  const hello = await citizen.encrypt(text("still here"));
  for (const m of members) expect(expectKind(await m.process(hello), "application").payload).toMatchObject({ body: "still here" });
  const reply = await members[0]!.encrypt(text("me too"));
  expect(expectKind(await citizen.process(reply), "application").payload).toMatchObject({ body: "me too" });
}

const staffIds = (conv: SecureConversation) => conv.members().map((m) => (m.kind === "staff" ? `${m.staffId}/${m.role}` : "citizen"));

describe("a worker's client cannot change who is in the group", () => {
  it("refuses an Add proposal, at the citizen's client and at a colleague's; the citizen's next commit does not carry it", async () => {
    const { citizen, anna, convA, convB } = await chatOfThree();
    const [kpEve] = await (await worker("eve")).device.generateKeyPackages(1);
    const add = await propose(rawState(convA), { proposalType: "add", add: { keyPackage: keyPackageOf(kpEve!) } });

    expectRefusedFrom(await citizen.process(add.bytes, 10), anna.staffId);
    expectRefusedFrom(await convB.process(add.bytes, 10), anna.staffId);
    expect(rawState(citizen).unappliedProposals).toEqual({});
    expect(citizen.epoch).toBe(2n);

    const [kpDan] = await (await worker("dan")).device.generateKeyPackages(1);
    const own = await citizen.addMembers([kpDan!]);
    expect(expectKind(await citizen.process(own.commit, 11), "commit").added.map((m) => m.displayName)).toEqual(["dan"]);
    expect(staffIds(citizen)).toEqual(["citizen", "anna/worker", "bert/supervisor", "dan/worker"]);
    expectKind(await convA.process(own.commit, 11), "commit");
    expectKind(await convB.process(own.commit, 11), "commit");
    await stillTalking(citizen, convA, convB);
  });

  it("refuses a Remove proposal, of the citizen or of a colleague, and the citizen can still commit", async () => {
    const { citizen, anna, convA, convB } = await chatOfThree();
    const removeCitizen = await propose(rawState(convA), { proposalType: "remove", remove: { removed: 0 } });
    const removeBert = await propose(removeCitizen.state, { proposalType: "remove", remove: { removed: 2 } });
    for (const p of [removeCitizen, removeBert]) {
      expectRefusedFrom(await citizen.process(p.bytes), anna.staffId);
      expectRefusedFrom(await convB.process(p.bytes), anna.staffId);
    }
    // Taken in, the citizen's own removal would have made this commit fail ("cannot remove committer").
    const [kpDan] = await (await worker("dan")).device.generateKeyPackages(1);
    const own = await citizen.addMembers([kpDan!]);
    expectKind(await citizen.process(own.commit), "commit");
    expectKind(await convB.process(own.commit), "commit");
    expect(staffIds(citizen)).toEqual(["citizen", "anna/worker", "bert/supervisor", "dan/worker"]);
    await stillTalking(citizen, convB);
  });

  it("refuses an Update to a certificate of another staff member, of another role, or of no verified chain", async () => {
    const { citizen, anna, convA, convB } = await chatOfThree();
    const foreignPki = makePki({ orgName: "Another Organisation" });
    const forged: Credential = {
      credentialType: "x509",
      certificates: foreignPki.chain({ publicKey: anna.key.publicKey, displayName: "anna", staffId: "anna", role: "worker" }),
    };
    let state = rawState(convA);
    for (const credential of [credentialFor(anna, { staffId: "bert" }), credentialFor(anna, { role: "supervisor" }), forged]) {
      const update = await propose(state, { proposalType: "update", update: { leafNode: await updateLeaf(state, credential) } });
      state = update.state;
      expectRefusedFrom(await citizen.process(update.bytes), anna.staffId);
      expectRefusedFrom(await convB.process(update.bytes), anna.staffId);
    }
    expect(rawState(citizen).unappliedProposals).toEqual({});
    expect(staffIds(citizen)).toEqual(["citizen", "anna/worker", "bert/supervisor"]);
    const [kpDan] = await (await worker("dan")).device.generateKeyPackages(1);
    const own = await citizen.addMembers([kpDan!]);
    expectKind(await citizen.process(own.commit), "commit");
    expectKind(await convA.process(own.commit), "commit");
    await stillTalking(citizen, convA);
  });

  it("refuses an Update of the same identity whose leaf signature does not verify, which would block the citizen's commits", async () => {
    const { citizen, convA, convB } = await chatOfThree();
    const leaf = await updateLeaf(rawState(convA));
    const signature = leaf.signature.slice();
    signature[0]! ^= 1;
    const update = await propose(rawState(convA), { proposalType: "update", update: { leafNode: { ...leaf, signature } } });
    expect(expectKind(await citizen.process(update.bytes), "rejected").error.code).toBe("mls-rejected");
    expect(rawState(citizen).unappliedProposals).toEqual({});
    const [kpDan] = await (await worker("dan")).device.generateKeyPackages(1);
    const own = await citizen.addMembers([kpDan!]);
    expectKind(await citizen.process(own.commit), "commit");
    expectKind(await convB.process(own.commit), "commit");
  });

  it("refuses a worker's commit (an Add, a Remove, or a path to another identity); the group stays as it was", async () => {
    const { citizen, anna, convA, convB } = await chatOfThree();
    const [kpEve] = await (await worker("eve")).device.generateKeyPackages(1);
    const attempts = [
      await commit(rawState(convA), [{ proposalType: "add", add: { keyPackage: keyPackageOf(kpEve!) } }]),
      await commit(rawState(convA), [{ proposalType: "remove", remove: { removed: 2 } }]),
      await commit(rawState(convA), [{ proposalType: "remove", remove: { removed: 0 } }]),
      await commit(withOwnCredential(rawState(convA), credentialFor(anna, { staffId: "bert" }))),
    ];
    for (const attempt of attempts) {
      expectRefusedFrom(await citizen.process(attempt.bytes), anna.staffId);
      expectRefusedFrom(await convB.process(attempt.bytes), anna.staffId);
    }
    expect(citizen.epoch).toBe(2n);
    expect(convB.epoch).toBe(2n);
    expect(staffIds(citizen)).toEqual(["citizen", "anna/worker", "bert/supervisor"]);
    expect(staffIds(convB)).toEqual(["citizen", "anna/worker", "bert/supervisor"]);
    // Anna's own client (the wrapper) is still in the real group.
    await stillTalking(citizen, convA, convB);
  });

  it("a rejected group change does not disturb a pending commit of the citizen", async () => {
    const { citizen, anna, convA, convB } = await chatOfThree();
    const pending = await citizen.removeMembers([2]);
    const attempt = await commit(rawState(convA), [{ proposalType: "remove", remove: { removed: 2 } }]);
    expectRefusedFrom(await citizen.process(attempt.bytes), anna.staffId);
    expect(citizen.hasPendingCommit).toBe(true);
    const own = expectKind(await citizen.process(pending.commit), "commit");
    expect(own.own).toBe(true);
    expect(expectKind(await convB.process(pending.commit), "commit").selfRemoved).toBe(true);
    expectKind(await convA.process(pending.commit), "commit");
    await stillTalking(citizen, convA);
  });
});

describe("someone outside the group cannot change it either", () => {
  it("refuses a new member's proposal to join and an external commit, at the citizen's client and at a worker's", async () => {
    const { citizen, convA, convB } = await chatOfThree();
    const cs = await rawCipherSuite();
    const groupInfo = await createGroupInfoWithExternalPubAndRatchetTree(rawState(citizen), [], cs);
    const eve = await worker("eve");
    const eveKp = await generateKeyPackageWithKey(
      { credentialType: "x509", certificates: pki.chain({ publicKey: eve.key.publicKey, displayName: "eve", staffId: "eve", role: "worker" }) },
      defaultCapabilities(),
      defaultLifetime,
      [],
      { signKey: eve.key.privateKey, publicKey: eve.key.publicKey },
      cs,
    );
    const joinProposal = encodeMlsMessage(await proposeAddExternal(groupInfo, eveKp.publicPackage, eveKp.privatePackage, cs));
    const join = await joinGroupExternal(groupInfo, eveKp.publicPackage, eveKp.privatePackage, false, cs);
    const externalCommit = encodeMlsMessage({ version: "mls10", wireformat: "mls_public_message", publicMessage: join.publicMessage });
    for (const bytes of [joinProposal, externalCommit]) {
      for (const conv of [citizen, convB]) {
        const r = expectKind(await conv.process(bytes), "rejected");
        expect(r.error.code).toBe("group-change-refused");
        expect(r.sender).toBeUndefined();
      }
    }
    expect(rawState(citizen).unappliedProposals).toEqual({});
    expect(staffIds(citizen)).toEqual(["citizen", "anna/worker", "bert/supervisor"]);
    await stillTalking(citizen, convA, convB);
  });
});

describe("a worker's update of its own leaf that keeps its certified identity", () => {
  it("is taken in as an Update proposal, also with a renewed certificate, and goes into the citizen's next commit", async () => {
    const { citizen, anna, convA, convB } = await chatOfThree();
    const renewed = credentialFor(anna, { deviceId: "anna-renewed" });
    const first = await propose(rawState(convA), { proposalType: "update", update: { leafNode: await updateLeaf(rawState(convA)) } });
    const second = await propose(first.state, { proposalType: "update", update: { leafNode: await updateLeaf(first.state, renewed) } });
    for (const u of [first, second]) {
      const ev = expectKind(await citizen.process(u.bytes), "proposal");
      expect(ev.accepted).toBe(true);
      expect(ev.sender).toMatchObject({ staffId: "anna" });
      expect(expectKind(await convB.process(u.bytes), "proposal").accepted).toBe(true);
    }
    // Only the latest update of a leaf is kept: MLS allows one per leaf in a commit.
    expect(Object.keys(rawState(citizen).unappliedProposals)).toHaveLength(1);

    const dan = await worker("dan");
    const [kpDan] = await dan.device.generateKeyPackages(1);
    const own = await citizen.addMembers([kpDan!]);
    expectKind(await citizen.process(own.commit), "commit");
    const atBert = expectKind(await convB.process(own.commit), "commit");
    expect(atBert.added.map((m) => m.displayName)).toEqual(["dan"]);
    const annaNow = citizen.members().find((m) => m.kind === "staff" && m.staffId === "anna");
    expect(annaNow).toMatchObject({ role: "worker", deviceId: "anna-renewed" });
    const convD = await dan.device.joinFromWelcome(own.welcome!);
    await stillTalking(citizen, convB, convD);
  });

  it("is taken in as a commit whose only change is the worker's own path, and the chat goes on in the new epoch", async () => {
    const { citizen, anna, convA, convB } = await chatOfThree();
    const selfUpdate = await commit(withOwnCredential(rawState(convA), credentialFor(anna, { deviceId: "anna-renewed" })));
    const atCitizen = expectKind(await citizen.process(selfUpdate.bytes), "commit");
    expect(atCitizen).toMatchObject({ own: false, added: [], removed: [], committer: { staffId: "anna" } });
    expectKind(await convB.process(selfUpdate.bytes), "commit");
    expect(citizen.epoch).toBe(3n);
    const annaAgain = await asConversation(client, selfUpdate.state, "staff");
    await stillTalking(citizen, annaAgain, convB);
  });

  it("is left out of the citizen's next commit once its certificate has expired, so that commit still goes through", async () => {
    const H = 3600_000;
    let clock = Date.now();
    const citizenClient = await createMlsClient({ trustAnchorDer: pki.root.der, now: () => clock });
    const { citizen, convA, convB } = await chatOfThree(citizenClient);
    const update = await propose(rawState(convA), { proposalType: "update", update: { leafNode: await updateLeaf(rawState(convA)) } });
    expect(expectKind(await citizen.process(update.bytes), "proposal").accepted).toBe(true);
    expectKind(await convB.process(update.bytes), "proposal");
    clock += 13 * H; // Anna's certificate (12 h) has expired; Dan's is fresh
    const danKey = generateDeviceSigningKey();
    const danChain = pki.chain({ publicKey: danKey.publicKey, displayName: "dan", staffId: "dan", role: "worker", notAfter: new Date(Date.now() + 20 * H) });
    const dan = await client.openStaffDevice({ signingKey: danKey, certificateChain: danChain });
    const own = await citizen.addMembers([(await dan.generateKeyPackages(1))[0]!]);
    expectKind(await citizen.process(own.commit), "commit");
    expect(expectKind(await convB.process(own.commit), "commit").added.map((m) => m.displayName)).toEqual(["dan"]);
  });

  it("does not stop the citizen from removing that worker later", async () => {
    const { citizen, convA, convB } = await chatOfThree();
    const update = await propose(rawState(convA), { proposalType: "update", update: { leafNode: await updateLeaf(rawState(convA)) } });
    expect(expectKind(await citizen.process(update.bytes), "proposal").accepted).toBe(true);
    expectKind(await convB.process(update.bytes), "proposal");
    // MLS forbids an update and a remove of the same leaf in one commit: the update is left out.
    const removal = await citizen.removeMembers([1]);
    expect(expectKind(await citizen.process(removal.commit), "commit").removed.map((m) => m.displayName)).toEqual(["anna"]);
    expectKind(await convB.process(removal.commit), "commit");
    expect(staffIds(convB)).toEqual(["citizen", "bert/supervisor"]);
    await stillTalking(citizen, convB);
  });
});
