/**
 * A group member outside the wrapper: the raw ts-mls state behind a
 * SecureConversation, so that a test can play a malicious or non-Matala
 * client that sends what the wrapper never would (proposals, commits,
 * updates of its own leaf), and hand a raw state back to the wrapper.
 */
import {
  createCommit,
  createProposal,
  decodeGroupState,
  encodeGroupState,
  encodeMlsMessage,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  type CiphersuiteImpl,
  type ClientState,
  type Credential,
  type LeafNode,
  type LeafNodeUpdate,
  type Proposal,
} from "ts-mls";
import { defaultClientConfig } from "ts-mls/clientConfig.js";
import { signLeafNodeCommit } from "ts-mls/leafNode.js";
import { MLS_CIPHERSUITE, type MlsClient, type SecureConversation } from "../../../src/e2ee/index.js";
import { readContainer, writeContainer } from "../../../src/e2ee/container.js";
import { toHex, utf8 } from "../../../src/e2ee/bytes.js";

let csPromise: Promise<CiphersuiteImpl> | undefined;
export function rawCipherSuite(): Promise<CiphersuiteImpl> {
  csPromise ??= getCiphersuiteImpl(getCiphersuiteFromName(MLS_CIPHERSUITE));
  return csPromise;
}

/** The ts-mls state a conversation would be restored from (accepts any credential: it plays a hostile client). */
export function rawState(conv: SecureConversation): ClientState {
  const group = readContainer(conv.exportState(), "MTLC", 1, [1, 2, 3, 4, 5]).get(2);
  if (group === undefined) throw new Error("no group state");
  const decoded = decodeGroupState(group, 0);
  if (decoded === undefined) throw new Error("undecodable group state");
  return { ...decoded[0], clientConfig: defaultClientConfig };
}

/** A raw state as a wrapper conversation again (the chat goes on after a raw commit). */
export function asConversation(client: MlsClient, state: ClientState, role: "citizen" | "staff"): Promise<SecureConversation> {
  const citizen = state.ratchetTree[0];
  if (citizen?.nodeType !== "leaf") throw new Error("no citizen at leaf 0");
  const meta = { role, lastSeq: null, creatorKey: toHex(citizen.leaf.signaturePublicKey), own: [] };
  const bytes = writeContainer("MTLC", 1, new Map([[1, utf8(JSON.stringify(meta))], [2, encodeGroupState(state)]]));
  return client.restoreConversation(bytes);
}

export interface Sent {
  /** The MLSMessage as the server relays it. */
  readonly bytes: Uint8Array;
  /** The sender's state after sending. */
  readonly state: ClientState;
}

export async function propose(state: ClientState, proposal: Proposal): Promise<Sent> {
  const res = await createProposal(state, false, proposal, await rawCipherSuite());
  return { bytes: encodeMlsMessage(res.message), state: res.newState };
}

/** A commit of these proposals (none: a commit that only updates the committer's own path). */
export async function commit(state: ClientState, proposals: Proposal[] = []): Promise<Sent> {
  const res = await createCommit({ state, cipherSuite: await rawCipherSuite() }, { extraProposals: proposals, ratchetTreeExtension: true });
  return { bytes: encodeMlsMessage(res.commit), state: res.newState };
}

function ownLeaf(state: ClientState): LeafNode {
  const node = state.ratchetTree[state.privatePath.leafIndex * 2];
  if (node?.nodeType !== "leaf") throw new Error("own leaf missing");
  return node.leaf;
}

/** A new leaf for the sender's own position (fresh encryption key), optionally with another credential. */
export async function updateLeaf(state: ClientState, credential?: Credential): Promise<LeafNodeUpdate> {
  const cs = await rawCipherSuite();
  const old = ownLeaf(state);
  const keys = await cs.hpke.generateKeyPair();
  const tbs = {
    leafNodeSource: "update" as const,
    hpkePublicKey: await cs.hpke.exportPublicKey(keys.publicKey),
    signaturePublicKey: old.signaturePublicKey,
    credential: credential ?? old.credential,
    capabilities: old.capabilities,
    extensions: old.extensions,
    groupId: state.groupContext.groupId,
    leafIndex: state.privatePath.leafIndex,
  };
  // ts-mls exports no signer for update leaves; the commit signer signs any LeafNodeTBS by its source.
  const signed = await signLeafNodeCommit(tbs as unknown as Parameters<typeof signLeafNodeCommit>[0], state.signaturePrivateKey, cs.signature);
  return signed as unknown as LeafNodeUpdate;
}

/** The sender's state with another credential on its own leaf: its next path-only commit carries it. */
export function withOwnCredential(state: ClientState, credential: Credential): ClientState {
  const index = state.privatePath.leafIndex * 2;
  const tree = [...state.ratchetTree];
  tree[index] = { nodeType: "leaf", leaf: { ...ownLeaf(state), credential } };
  return { ...state, ratchetTree: tree };
}
