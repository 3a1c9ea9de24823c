/**
 * MLS wire fixtures for the Java Delivery Service header reader
 * (chat-server/src/test/resources/mls/fixtures.json).
 *
 *   WRITE_MLS_FIXTURES=1 npx vitest run test/e2ee/fixtures.test.ts   # regenerate
 *   npx vitest run test/e2ee/fixtures.test.ts                       # cross-check committed file
 *
 * The cross-check decodes every committed fixture with ts-mls and confirms
 * the metadata (wire format, group id, epoch, content type, sender) that the
 * Java tests assert against.
 */
import { describe, expect, it } from "vitest";
import {
  createCommit,
  createGroup,
  createGroupInfoWithExternalPub,
  createProposal,
  decodeMlsMessage,
  defaultCapabilities,
  defaultLifetime,
  encodeMlsMessage,
  generateKeyPackage,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  emptyPskIndex,
  type MLSMessage,
} from "ts-mls";
import { createMlsClient, generateDeviceSigningKey, MLS_CIPHERSUITE } from "../../src/e2ee/index.js";
import { fromHex, toHex } from "../../src/e2ee/bytes.js";
import { env, nodeFs, pathOf } from "./helpers/node.js";
import { makePki } from "./helpers/pki.js";

const FIXTURE_PATH = pathOf("../../../chat-server/src/test/resources/mls/fixtures.json", import.meta.url);
const fs = await nodeFs();

type WireFormat = "public_message" | "private_message" | "welcome" | "group_info" | "key_package";
const WIRE_CODES: Record<WireFormat, number> = {
  public_message: 1,
  private_message: 2,
  welcome: 3,
  group_info: 4,
  key_package: 5,
};

interface Fixture {
  name: string;
  description: string;
  wireFormat: WireFormat;
  wireFormatCode: number;
  groupIdHex: string | null;
  epoch: number | null;
  contentType: "application" | "proposal" | "commit" | null;
  senderType: "member" | null;
  senderLeafIndex: number | null;
  cipherSuite: number | null;
  hex: string;
}

function describeMessage(name: string, description: string, bytes: Uint8Array): Fixture {
  const [m, len] = decodeMlsMessage(bytes, 0)!;
  if (len !== bytes.length) throw new Error("trailing bytes");
  const base = { name, description, hex: toHex(bytes), senderType: null, senderLeafIndex: null, cipherSuite: null };
  switch (m.wireformat) {
    case "mls_public_message": {
      const c = m.publicMessage.content;
      if (c.sender.senderType !== "member") throw new Error("only member senders in fixtures");
      return {
        ...base,
        wireFormat: "public_message",
        wireFormatCode: 1,
        groupIdHex: toHex(c.groupId),
        epoch: Number(c.epoch),
        contentType: c.contentType,
        senderType: "member",
        senderLeafIndex: c.sender.leafIndex,
      };
    }
    case "mls_private_message": {
      const p = m.privateMessage;
      return { ...base, wireFormat: "private_message", wireFormatCode: 2, groupIdHex: toHex(p.groupId), epoch: Number(p.epoch), contentType: p.contentType };
    }
    case "mls_welcome":
      return { ...base, wireFormat: "welcome", wireFormatCode: 3, groupIdHex: null, epoch: null, contentType: null, cipherSuite: 1 };
    case "mls_group_info": {
      const gc = m.groupInfo.groupContext;
      return {
        ...base,
        wireFormat: "group_info",
        wireFormatCode: 4,
        groupIdHex: toHex(gc.groupId),
        epoch: Number(gc.epoch),
        contentType: null,
        cipherSuite: 1,
      };
    }
    case "mls_key_package":
      return { ...base, wireFormat: "key_package", wireFormatCode: 5, groupIdHex: null, epoch: null, contentType: null, cipherSuite: 1 };
  }
}

async function generate(): Promise<Fixture[]> {
  const out: Fixture[] = [];
  const pki = makePki();
  // Commits as PublicMessage from this client, as PrivateMessage from the other.
  const pubClient = await createMlsClient({ trustAnchorDer: pki.root.der, handshakeWireFormat: "public" });
  const privClient = await createMlsClient({ trustAnchorDer: pki.root.der });

  const citizen = await pubClient.createCitizenConversation({ pseudonym: "Asiakas-FIXTURE" });
  const key = generateDeviceSigningKey();
  const dev = await privClient.openStaffDevice({
    signingKey: key,
    certificateChain: pki.chain({ publicKey: key.publicKey, displayName: "Fixture Worker", staffId: "s-1", role: "nurse", deviceId: "fx" }),
  });
  const [kp] = await dev.generateKeyPackages(1);
  out.push(describeMessage("key_package", "Staff device KeyPackage with x509 credential", kp!));
  const add = await citizen.addMembers([kp!]);
  out.push(describeMessage("commit_public_epoch0", "Citizen commit adding a worker, PublicMessage", add.commit));
  out.push(describeMessage("welcome", "Welcome for the added worker", add.welcome!));
  citizen.confirmPendingCommit();
  const worker = await dev.joinFromWelcome(add.welcome!);

  const app1 = await citizen.encrypt({ t: "text", body: "Hei", ts: 1_700_000_000_000 });
  out.push(describeMessage("application_private_leaf0", "Citizen application message, PrivateMessage", app1));
  await worker.process(app1);
  const app2 = await worker.encrypt({ t: "text", body: "Hei, miten voin auttaa?", ts: 1_700_000_001_000 });
  out.push(describeMessage("application_private_leaf1", "Worker application message, PrivateMessage", app2));
  await citizen.process(app2);

  const dev2key = generateDeviceSigningKey();
  const dev2 = await privClient.openStaffDevice({
    signingKey: dev2key,
    certificateChain: pki.chain({ publicKey: dev2key.publicKey, displayName: "Second Worker", staffId: "s-2", role: "nurse", deviceId: "fx2" }),
  });
  const [kp2] = await dev2.generateKeyPackages(1);
  const workerCommit = await worker.addMembers([kp2!]);
  out.push(describeMessage("commit_private_epoch1", "Worker commit adding a second worker, PrivateMessage", workerCommit.commit));

  // Raw ts-mls group with a 100-byte group id (2-byte varint length) for
  // proposals and GroupInfo, which the wrapper does not expose.
  const cs = await getCiphersuiteImpl(getCiphersuiteFromName(MLS_CIPHERSUITE));
  const groupId = new Uint8Array(100).map((_, i) => (i * 37 + 11) & 0xff);
  const alice = await generateKeyPackage({ credentialType: "basic", identity: new TextEncoder().encode("alice") }, defaultCapabilities(), defaultLifetime, [], cs);
  const bob = await generateKeyPackage({ credentialType: "basic", identity: new TextEncoder().encode("bob") }, defaultCapabilities(), defaultLifetime, [], cs);
  let a = await createGroup(groupId, alice.publicPackage, alice.privatePackage, [], cs);
  const c1 = await createCommit(
    { state: a, cipherSuite: cs },
    { extraProposals: [{ proposalType: "add", add: { keyPackage: bob.publicPackage } }], wireAsPublicMessage: true, ratchetTreeExtension: true },
  );
  out.push(describeMessage("commit_public_long_group_id", "Commit with 100-byte group id, PublicMessage", encodeMlsMessage(c1.commit)));
  a = c1.newState;
  let b = await joinGroup(c1.welcome!, bob.publicPackage, bob.privatePackage, emptyPskIndex, cs);
  const pp = await createProposal(b, true, { proposalType: "remove", remove: { removed: 0 } }, cs);
  out.push(describeMessage("proposal_public_leaf1", "Remove proposal from leaf 1, PublicMessage", encodeMlsMessage(pp.message)));
  b = pp.newState;
  const pr = await createProposal(a, false, { proposalType: "remove", remove: { removed: 1 } }, cs);
  out.push(describeMessage("proposal_private_leaf0", "Remove proposal from leaf 0, PrivateMessage", encodeMlsMessage(pr.message)));
  const gi = await createGroupInfoWithExternalPub(a, [], cs);
  const giMsg: MLSMessage = { version: "mls10", wireformat: "mls_group_info", groupInfo: gi };
  out.push(describeMessage("group_info", "GroupInfo with external_pub", encodeMlsMessage(giMsg)));
  return out;
}

describe("MLS wire fixtures", () => {
  it.runIf(env("WRITE_MLS_FIXTURES") === "1")("writes fixtures.json", async () => {
    const fixtures = await generate();
    fs.mkdirSync(pathOf(".", "file://" + FIXTURE_PATH), { recursive: true });
    const doc = {
      comment: "Generated by web-client/test/e2ee/fixtures.test.ts (WRITE_MLS_FIXTURES=1) with ts-mls 1.6.4. Do not edit by hand.",
      cipherSuite: MLS_CIPHERSUITE,
      fixtures,
    };
    fs.writeFileSync(FIXTURE_PATH, JSON.stringify(doc, null, 2) + "\n");
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it.runIf(fs.existsSync(FIXTURE_PATH))("committed fixtures match what ts-mls decodes", () => {
    const doc = JSON.parse(fs.readFileSync(FIXTURE_PATH, "utf8")) as { fixtures: Fixture[] };
    const wireFormats = new Set<string>();
    for (const f of doc.fixtures) {
      const again = describeMessage(f.name, f.description, fromHex(f.hex));
      expect(again).toEqual(f);
      expect(WIRE_CODES[f.wireFormat]).toBe(f.wireFormatCode);
      wireFormats.add(f.wireFormat);
    }
    expect([...wireFormats].sort()).toEqual(Object.keys(WIRE_CODES).sort());
  });
});
