/**
 * Real ts-mls messages of one chat for the server's sender rules test
 * (chat-server/src/test/resources/mls/sender-rules.json, read by
 * fi.matala.chat.SenderRulesTest): what the citizen's client sends, what a
 * worker's client may send (application messages) and what it may not
 * (proposals and commits, public or private), and messages from outside the
 * group (an external sender's proposal, a new member's proposal to join, an
 * external commit).
 *
 *   WRITE_MLS_FIXTURES=1 npx vitest run test/e2ee/sender-rules-fixtures.test.ts   # regenerate
 *   npx vitest run test/e2ee/sender-rules-fixtures.test.ts                       # cross-check committed file
 */
import { describe, expect, it } from "vitest";
import {
  createGroupInfoWithExternalPubAndRatchetTree,
  decodeMlsMessage,
  encodeExternalSender,
  encodeMlsMessage,
  generateKeyPackage,
  defaultCapabilities,
  defaultLifetime,
  joinGroupExternal,
  proposeAddExternal,
  proposeExternal,
} from "ts-mls";
import { createMlsClient, generateDeviceSigningKey } from "../../src/e2ee/index.js";
import { fromHex, toHex } from "../../src/e2ee/bytes.js";
import { env, nodeFs, pathOf } from "./helpers/node.js";
import { makePki } from "./helpers/pki.js";
import { commit, propose, rawCipherSuite, rawState, updateLeaf } from "./helpers/raw-member.js";

const FIXTURE_PATH = pathOf("../../../chat-server/src/test/resources/mls/sender-rules.json", import.meta.url);
const fs = await nodeFs();

interface Message {
  name: string;
  description: string;
  /** What the framing says, as the server reads it. */
  wire: "public" | "private" | "welcome";
  content: "application" | "proposal" | "commit" | null;
  sender: "member" | "external" | "new_member_proposal" | "new_member_commit" | null;
  epoch: number | null;
  hex: string;
}

function describeMessage(name: string, description: string, bytes: Uint8Array): Message {
  const [m, len] = decodeMlsMessage(bytes, 0)!;
  if (len !== bytes.length) throw new Error("trailing bytes");
  const base = { name, description, hex: toHex(bytes) };
  switch (m.wireformat) {
    case "mls_public_message": {
      const c = m.publicMessage.content;
      return { ...base, wire: "public", content: c.contentType, sender: c.sender.senderType, epoch: Number(c.epoch) };
    }
    case "mls_private_message":
      return { ...base, wire: "private", content: m.privateMessage.contentType, sender: null, epoch: Number(m.privateMessage.epoch) };
    case "mls_welcome":
      return { ...base, wire: "welcome", content: null, sender: null, epoch: null };
    default:
      throw new Error(`no ${m.wireformat} in a chat's stream`);
  }
}

async function generate(): Promise<{ groupIdHex: string; messages: Message[] }> {
  const pki = makePki();
  const client = await createMlsClient({ trustAnchorDer: pki.root.der });
  const cs = await rawCipherSuite();
  const out: Message[] = [];
  const citizen = await client.createCitizenConversation({ pseudonym: "Asiakas-RULES" });
  const key = generateDeviceSigningKey();
  const device = await client.openStaffDevice({
    signingKey: key,
    certificateChain: pki.chain({ publicKey: key.publicKey, displayName: "Rules Worker", staffId: "s-1", role: "worker", deviceId: "rules" }),
  });
  const [kp] = await device.generateKeyPackages(1);
  const add = await citizen.addMembers([kp!]);
  out.push(describeMessage("citizen_commit", "The citizen's commit adding the worker (epoch 0)", add.commit));
  out.push(describeMessage("citizen_welcome", "The Welcome for that worker", add.welcome!));
  citizen.confirmPendingCommit();
  const worker = await device.joinFromWelcome(add.welcome!);
  out.push(describeMessage("worker_application", "A worker's chat message", await worker.encrypt({ t: "text", body: "Hei", ts: 1_700_000_000_000 })));
  out.push(describeMessage("citizen_application", "The citizen's chat message", await citizen.encrypt({ t: "text", body: "Moi", ts: 1_700_000_000_001 })));

  const other = await generateKeyPackage({ credentialType: "basic", identity: new TextEncoder().encode("outsider") }, defaultCapabilities(), defaultLifetime, [], cs);
  const raw = rawState(worker);
  const addOther = { proposalType: "add" as const, add: { keyPackage: other.publicPackage } };
  out.push(describeMessage("worker_commit_private", "A worker's commit adding someone, PrivateMessage", (await commit(raw, [addOther])).bytes));
  out.push(describeMessage("worker_proposal_private", "A worker's Add proposal, PrivateMessage", (await propose(raw, addOther)).bytes));
  out.push(describeMessage("worker_self_update_private", "A worker's commit of only its own path, PrivateMessage", (await commit(raw)).bytes));
  const publicUpdate = await (await import("ts-mls")).createProposal(raw, true, { proposalType: "update", update: { leafNode: await updateLeaf(raw) } }, cs);
  out.push(describeMessage("worker_update_public", "A worker's Update proposal, PublicMessage", encodeMlsMessage(publicUpdate.message)));

  const groupInfo = await createGroupInfoWithExternalPubAndRatchetTree(rawState(citizen), [], cs);
  const outsider = await generateKeyPackage({ credentialType: "basic", identity: new TextEncoder().encode("joiner") }, defaultCapabilities(), defaultLifetime, [], cs);
  out.push(describeMessage("new_member_proposal", "An outsider's proposal to join", encodeMlsMessage(await proposeAddExternal(groupInfo, outsider.publicPackage, outsider.privatePackage, cs))));
  // Matala groups name no external senders; ts-mls signs an external proposal only for a group
  // that does, so this one claims such a group context (members could not verify it: the
  // server, which does not check signatures, must refuse it by its sender type alone).
  const externalKey = await cs.signature.keygen();
  const externalSender = encodeExternalSender({ signaturePublicKey: externalKey.publicKey, credential: { credentialType: "basic", identity: new TextEncoder().encode("external") } });
  const claimed = { ...groupInfo, groupContext: { ...groupInfo.groupContext, extensions: [...groupInfo.groupContext.extensions, { extensionType: "external_senders" as const, extensionData: externalSender }] } };
  const externalRemove = await proposeExternal(claimed, { proposalType: "remove", remove: { removed: 1 } }, externalKey.publicKey, externalKey.signKey, cs);
  out.push(describeMessage("external_proposal", "An external sender's Remove proposal", encodeMlsMessage(externalRemove)));
  const join = await joinGroupExternal(groupInfo, outsider.publicPackage, outsider.privatePackage, false, cs);
  out.push(describeMessage("external_commit", "An external commit (a new member joins itself)", encodeMlsMessage({ version: "mls10", wireformat: "mls_public_message", publicMessage: join.publicMessage })));
  return { groupIdHex: toHex(citizen.groupId), messages: out };
}

describe("sender rules fixtures", () => {
  it.runIf(env("WRITE_MLS_FIXTURES") === "1")("writes sender-rules.json", async () => {
    const doc = {
      comment: "Generated by web-client/test/e2ee/sender-rules-fixtures.test.ts (WRITE_MLS_FIXTURES=1) with ts-mls 1.6.4. Do not edit by hand.",
      ...(await generate()),
    };
    fs.mkdirSync(pathOf(".", "file://" + FIXTURE_PATH), { recursive: true });
    fs.writeFileSync(FIXTURE_PATH, JSON.stringify(doc, null, 2) + "\n");
    expect(doc.messages).toHaveLength(11);
  });

  it.runIf(fs.existsSync(FIXTURE_PATH))("the committed messages are what ts-mls decodes, of the one group", () => {
    const doc = JSON.parse(fs.readFileSync(FIXTURE_PATH, "utf8")) as { groupIdHex: string; messages: Message[] };
    const senders = new Set<string>();
    for (const m of doc.messages) {
      expect(describeMessage(m.name, m.description, fromHex(m.hex))).toEqual(m);
      if (m.sender !== null) senders.add(m.sender);
      const [decoded] = decodeMlsMessage(fromHex(m.hex), 0)!;
      if (decoded.wireformat === "mls_public_message") expect(toHex(decoded.publicMessage.content.groupId)).toBe(doc.groupIdHex);
      if (decoded.wireformat === "mls_private_message") expect(toHex(decoded.privateMessage.groupId)).toBe(doc.groupIdHex);
    }
    expect([...senders].sort()).toEqual(["external", "member", "new_member_commit", "new_member_proposal"]);
  });
});
