/**
 * ts-mls based implementation of the project-owned E2EE interface (api.ts).
 * This is the only module that imports ts-mls.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  decodeGroupState,
  decodeMlsMessage,
  defaultCapabilities,
  defaultKeyPackageEqualityConfig,
  defaultKeyRetentionConfig,
  defaultPaddingConfig,
  emptyPskIndex,
  encodeGroupState,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  processMessage,
  zeroOutUint8Array,
  type CiphersuiteImpl,
  type ClientConfig,
  type ClientState,
  type IncomingMessageCallback,
  type KeyPackage,
  type LeafNode,
  type LeafNodeUpdate,
  type MLSMessage,
  type PrivateKeyPackage,
  type PrivateMessage,
  type Proposal,
  type RatchetTree,
  type Signature,
  type Welcome,
} from "ts-mls";
import { validateLeafNodeCredentialAndKeyUniqueness, validateLeafNodeUpdateOrCommit } from "ts-mls/clientState.js";
import { makeKeyPackageRef, verifyKeyPackage } from "ts-mls/keyPackage.js";
import { verifyLeafNodeSignatureKeyPackage } from "ts-mls/leafNode.js";
import { decryptSenderData } from "ts-mls/privateMessage.js";
import {
  MLS_CIPHERSUITE,
  type CommitOutput,
  type ConversationEvent,
  type ConversationStatus,
  type DeviceSigningKey,
  type KeyPackageInfo,
  type MemberInfo,
  type MlsClient,
  type MlsClientOptions,
  type SecureConversation,
  type StaffDevice,
} from "./api.js";
import { bytesEqual, fromHex, fromUtf8, toHex, utf8, randomBytes } from "./bytes.js";
import { readContainer, writeContainer } from "./container.js";
import {
  MatalaAuthService,
  citizenIdentityBytes,
  parseCitizenIdentity,
  randomPseudonym,
  verifyMemberCredential,
  type CredentialPolicyOptions,
} from "./credentials.js";
import { E2eeError, fail } from "./errors.js";
import { CITIZEN_LEAF, judgeIncoming, refusalError, type Verdict } from "./group-change-policy.js";
import { defaultPayloadCodec, type AppPayload } from "./payload.js";
import { pad, unpad } from "./padding.js";
import { loadTrustAnchor, parseCertificate, staffIdentityFromLeaf, type StaffIdentity } from "./x509.js";

// ---------------------------------------------------------------------------
// Crypto setup

/**
 * Ed25519 for MLS signatures via @noble/curves instead of WebCrypto, so that
 * behaviour is identical in every browser (WebCrypto Ed25519 is missing in
 * some) and verification is strict RFC 8032 (zip215: false), the same as the
 * certificate verifier. Keys are raw 32-byte seeds.
 */
const nobleEd25519: Signature = {
  async sign(signKey, message) {
    if (signKey.length !== 32) throw new E2eeError("bad-argument", "Ed25519 signing key must be a 32-byte seed");
    return ed25519.sign(message, signKey);
  },
  async verify(publicKey, message, signature) {
    try {
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  async keygen() {
    const signKey = ed25519.utils.randomSecretKey();
    return { signKey, publicKey: ed25519.getPublicKey(signKey) };
  },
};

let csPromise: Promise<CiphersuiteImpl> | undefined;
function cipherSuite(): Promise<CiphersuiteImpl> {
  csPromise ??= getCiphersuiteImpl(getCiphersuiteFromName(MLS_CIPHERSUITE)).then((impl) => ({
    ...impl,
    signature: nobleEd25519,
  }));
  return csPromise;
}

export function generateDeviceSigningKey(): DeviceSigningKey {
  const privateKey = ed25519.utils.randomSecretKey();
  return { privateKey, publicKey: ed25519.getPublicKey(privateKey) };
}

// ---------------------------------------------------------------------------
// Helpers

const CITIZEN_LIFETIME_S = 90n * 24n * 3600n;
const MAX_OWN_DIGESTS = 512;
const MAX_MESSAGE_SIZE = 1024 * 1024;

function digest(b: Uint8Array): string {
  return toHex(sha256(b));
}

/** Decodes one MLSMessage; rejects trailing bytes and undecodable input. */
function decodeMessage(bytes: Uint8Array): MLSMessage {
  if (bytes.length > MAX_MESSAGE_SIZE) fail("mls-decode", "message too large");
  let res: [MLSMessage, number] | undefined;
  try {
    res = decodeMlsMessage(bytes, 0);
  } catch (e) {
    return fail("mls-decode", "undecodable MLSMessage", e);
  }
  if (res === undefined) fail("mls-decode", "undecodable MLSMessage");
  if (res[1] !== bytes.length) fail("mls-decode", "trailing bytes after MLSMessage");
  if (res[0].version !== "mls10") fail("mls-decode", "unsupported protocol version");
  return res[0];
}

function encodeMessage(m: MLSMessage): Uint8Array {
  return encodeMlsMessage(m);
}

function leafAt(tree: RatchetTree, leafIndex: number): LeafNode | undefined {
  const n = tree[leafIndex * 2];
  return n?.nodeType === "leaf" ? n.leaf : undefined;
}

function leafCount(tree: RatchetTree): number {
  return Math.floor((tree.length + 1) / 2);
}

interface Ctx {
  readonly cs: CiphersuiteImpl;
  readonly policy: CredentialPolicyOptions;
  readonly handshakePublic: boolean;
}

/** Parsed identity cache keyed by leaf certificate DER (hex). */
const identityCache = new Map<string, StaffIdentity>();
function identityOfLeafCert(der: Uint8Array): StaffIdentity {
  const key = toHex(sha256(der));
  let id = identityCache.get(key);
  if (id === undefined) {
    id = staffIdentityFromLeaf(parseCertificate(der));
    if (identityCache.size > 256) identityCache.clear();
    identityCache.set(key, id);
  }
  return id;
}

/** What a staff leaf's certificate states, independent of its position in a group. */
function staffInfo(signatureKey: Uint8Array, id: StaffIdentity): KeyPackageInfo {
  return {
    kind: "staff",
    credentialType: "x509",
    signatureKey,
    displayName: id.displayName,
    staffId: id.staffId,
    role: id.role,
    deviceId: id.deviceId,
    ...(id.organisation !== undefined ? { organisation: id.organisation } : {}),
    certificateNotAfter: id.notAfter,
  };
}

function memberInfo(leaf: LeafNode, leafIndex: number, selfIndex: number): MemberInfo {
  const base = { leafIndex, signatureKey: leaf.signaturePublicKey, isSelf: leafIndex === selfIndex };
  const c = leaf.credential;
  if (c.credentialType === "basic") {
    const pseudonym = parseCitizenIdentity(c.identity);
    return { ...base, kind: "citizen", credentialType: "basic", pseudonym, displayName: pseudonym };
  }
  if (c.credentialType === "x509") {
    const id = identityOfLeafCert(c.certificates[0] ?? fail("cert-chain-invalid", "empty chain"));
    return { ...base, ...staffInfo(leaf.signaturePublicKey, id) };
  }
  return fail("credential-unsupported", "unsupported credential type");
}

function membersOf(tree: RatchetTree, selfIndex: number): MemberInfo[] {
  const out: MemberInfo[] = [];
  for (let i = 0; i < leafCount(tree); i++) {
    const leaf = leafAt(tree, i);
    if (leaf !== undefined) out.push(memberInfo(leaf, i, selfIndex));
  }
  return out;
}

/**
 * Group-level credential policy, checked on every tree we adopt: the only
 * basic (citizen) credential allowed is at leaf 0 (the creator) and, once
 * known, it must carry the creator's signature key. Every other leaf must be
 * an x509 staff credential (already verified by the AuthenticationService).
 */
function checkTreePolicy(tree: RatchetTree, creatorKey: Uint8Array | undefined): void {
  for (let i = 0; i < leafCount(tree); i++) {
    const leaf = leafAt(tree, i);
    if (leaf === undefined) continue;
    const type = leaf.credential.credentialType;
    if (type === "basic") {
      if (i !== 0) fail("credential-basic-not-allowed", `basic credential at leaf ${i}; only the creator may use one`);
      if (creatorKey !== undefined && !bytesEqual(creatorKey, leaf.signaturePublicKey)) {
        fail("credential-basic-not-allowed", "creator signature key changed");
      }
    } else if (type !== "x509") {
      fail("credential-unsupported", "unsupported credential type in group");
    }
  }
}

/**
 * The unapplied proposals our next commit may carry by reference: other
 * members' self-updates that we accepted (group-change-policy.ts). Left out:
 * an update of a member this commit removes (MLS forbids both for one leaf)
 * and one whose certificate no longer verifies (it expired since): either
 * would make every later commit of ours fail.
 */
function committableProposals(
  state: ClientState,
  removed: ReadonlySet<number>,
  verifies: (leaf: LeafNode) => boolean,
): ClientState["unappliedProposals"] {
  const out: ClientState["unappliedProposals"] = {};
  for (const [ref, p] of Object.entries(state.unappliedProposals)) {
    if (p.senderLeafIndex !== undefined && removed.has(p.senderLeafIndex)) continue;
    if (p.proposal.proposalType === "update" && !verifies(p.proposal.update.leafNode)) continue;
    out[ref] = p;
  }
  return out;
}

/** A member's earlier update proposals are superseded by its latest one (MLS allows one per leaf in a commit). */
function withoutOlderUpdates(
  now: ClientState["unappliedProposals"],
  before: ClientState["unappliedProposals"],
  leafIndex: number,
): ClientState["unappliedProposals"] {
  if (Object.keys(now).every((ref) => ref in before)) return now; // the same proposal again: nothing newer
  const out: ClientState["unappliedProposals"] = {};
  for (const [ref, p] of Object.entries(now)) {
    const older = ref in before && p.senderLeafIndex === leafIndex && p.proposal.proposalType === "update";
    if (!older) out[ref] = p;
  }
  return out;
}

function makeClientConfig(auth: MatalaAuthService): ClientConfig {
  return {
    keyRetentionConfig: defaultKeyRetentionConfig,
    lifetimeConfig: { maximumTotalLifetime: 2628000n, validateLifetimeOnReceive: true },
    keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
    paddingConfig: defaultPaddingConfig,
    authService: auth,
  };
}

/** Maps ts-mls failures to E2eeError, preferring the credential policy's reason. */
function mapError(e: unknown, auth: MatalaAuthService, fallback: "mls-rejected" | "mls-decode" = "mls-rejected"): E2eeError {
  if (e instanceof E2eeError) return e;
  if (auth.lastRejection !== undefined) return auth.lastRejection;
  const msg = e instanceof Error ? e.message : String(e);
  return new E2eeError(fallback, msg, { cause: e });
}

// ---------------------------------------------------------------------------
// Conversation

const CONV_MAGIC = "MTLC";
const CONV_VERSION = 1;
const SEC_META = 1;
const SEC_STATE = 2;
const SEC_PENDING_STATE = 3;
const SEC_PENDING_COMMIT = 4;
const SEC_PENDING_WELCOME = 5;

interface ConvMeta {
  role: "citizen" | "staff";
  lastSeq: number | null;
  creatorKey: string | null;
  own: string[];
  pendingAdded?: number[];
}

interface Pending {
  state: ClientState;
  commit: Uint8Array;
  welcome?: Uint8Array;
  digest: string;
  consumed: Uint8Array[];
}

class MlsConversation implements SecureConversation {
  private state!: ClientState;
  private pending: Pending | undefined;
  private seq: number | undefined;
  private ownDigests: string[] = [];
  private creatorKey: Uint8Array | undefined;
  readonly auth: MatalaAuthService;
  readonly config: ClientConfig;

  constructor(
    private readonly ctx: Ctx,
    readonly role: "citizen" | "staff",
  ) {
    this.auth = new MatalaAuthService(ctx.policy, () => this.creatorKey);
    this.config = makeClientConfig(this.auth);
  }

  /** Installs the initial state (after create/join/restore) and checks the tree policy. */
  init(state: ClientState, creatorKey: Uint8Array | undefined): void {
    const leaf0 = leafAt(state.ratchetTree, 0);
    const key = creatorKey ?? leaf0?.signaturePublicKey;
    if (leaf0 === undefined || leaf0.credential.credentialType !== "basic" || key === undefined) {
      fail("mls-policy", "group was not created by a citizen (leaf 0 must be a basic credential)");
    }
    checkTreePolicy(state.ratchetTree, key);
    if (state.groupContext.cipherSuite !== MLS_CIPHERSUITE) fail("mls-unsupported-ciphersuite", "wrong ciphersuite");
    this.creatorKey = key;
    this.state = state;
  }

  get groupId(): Uint8Array {
    return this.state.groupContext.groupId;
  }
  get epoch(): bigint {
    return this.state.groupContext.epoch;
  }
  get status(): ConversationStatus {
    return this.state.groupActiveState.kind === "active" ? "active" : "removed";
  }
  get lastSeq(): number | undefined {
    return this.seq;
  }
  get hasPendingCommit(): boolean {
    return this.pending !== undefined;
  }
  private get selfIndex(): number {
    return this.state.privatePath.leafIndex;
  }

  self(): MemberInfo {
    const leaf = leafAt(this.state.ratchetTree, this.selfIndex) ?? fail("not-active", "own leaf missing");
    return memberInfo(leaf, this.selfIndex, this.selfIndex);
  }

  members(): MemberInfo[] {
    return membersOf(this.state.ratchetTree, this.selfIndex);
  }

  private requireActive(): void {
    if (this.status !== "active") fail("not-active", "conversation is closed for this client");
    if (this.pending !== undefined) fail("commit-pending", "wait for the server to accept or reject the pending commit");
  }

  async encrypt(payload: AppPayload): Promise<Uint8Array> {
    this.requireActive();
    const plaintext = pad(defaultPayloadCodec.encode(payload));
    const res = await createApplicationMessage(this.state, plaintext, this.ctx.cs);
    const bytes = encodeMessage({ version: "mls10", wireformat: "mls_private_message", privateMessage: res.privateMessage });
    this.state = res.newState;
    res.consumed.forEach(zeroOutUint8Array);
    this.ownDigests.push(digest(bytes));
    if (this.ownDigests.length > MAX_OWN_DIGESTS) this.ownDigests.shift();
    return bytes;
  }

  addMembers(keyPackages: readonly Uint8Array[]): Promise<CommitOutput> {
    return this.commitChanges({ add: keyPackages });
  }

  removeMembers(leafIndices: readonly number[]): Promise<CommitOutput> {
    return this.commitChanges({ remove: leafIndices });
  }

  async commitChanges(changes: { add?: readonly Uint8Array[]; remove?: readonly number[] }): Promise<CommitOutput> {
    this.requireActive();
    const proposals: Proposal[] = [];
    const removeSet = new Set<number>();
    for (const idx of changes.remove ?? []) {
      if (!Number.isSafeInteger(idx) || idx < 0) fail("bad-argument", "invalid leaf index");
      if (idx === this.selfIndex) fail("bad-argument", "cannot remove self with removeMembers");
      if (leafAt(this.state.ratchetTree, idx) === undefined) fail("bad-argument", `leaf ${idx} is empty`);
      if (removeSet.has(idx)) fail("bad-argument", "duplicate leaf index");
      removeSet.add(idx);
      proposals.push({ proposalType: "remove", remove: { removed: idx } });
    }
    for (const kpBytes of changes.add ?? []) {
      const { kp } = await this.verifyStaffKeyPackage(kpBytes);
      proposals.push({ proposalType: "add", add: { keyPackage: kp } });
    }
    if (proposals.length === 0) fail("bad-argument", "nothing to commit");
    this.auth.lastRejection = undefined;
    const unappliedProposals = committableProposals(this.state, removeSet, (leaf) => this.credentialVerifies(leaf));
    let res;
    try {
      res = await createCommit(
        { state: { ...this.state, unappliedProposals }, cipherSuite: this.ctx.cs },
        { extraProposals: proposals, ratchetTreeExtension: true, wireAsPublicMessage: this.ctx.handshakePublic },
      );
    } catch (e) {
      throw mapError(e, this.auth);
    }
    checkTreePolicy(res.newState.ratchetTree, this.creatorKey);
    const commit = encodeMessage(res.commit);
    const welcome =
      res.welcome !== undefined ? encodeMessage({ version: "mls10", wireformat: "mls_welcome", welcome: res.welcome }) : undefined;
    this.pending = {
      state: res.newState,
      commit,
      ...(welcome !== undefined ? { welcome } : {}),
      digest: digest(commit),
      consumed: res.consumed,
    };
    return { commit, ...(welcome !== undefined ? { welcome } : {}), epoch: res.newState.groupContext.epoch };
  }

  /** Whether a leaf's credential verifies now (chain to the root, certificate key = signature key). */
  private credentialVerifies(leaf: LeafNode): boolean {
    try {
      verifyMemberCredential(leaf.credential, leaf.signaturePublicKey, this.creatorKey, this.ctx.policy);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The group-change policy's identity check for a member's update of its own
   * leaf: the new leaf's certificate verifies to the organisation root and
   * states the same staff id and role (UID, OU) as the one it replaces, the
   * same comparison as the member.add check (citizen/member-check.ts).
   */
  private readonly sameCertifiedIdentity = (before: LeafNode, after: LeafNode): boolean => {
    if (before.credential.credentialType !== "x509" || after.credential.credentialType !== "x509") return false;
    try {
      const now = verifyMemberCredential(after.credential, after.signaturePublicKey, this.creatorKey, this.ctx.policy);
      const was = identityOfLeafCert(before.credential.certificates[0] ?? fail("cert-chain-invalid", "empty chain"));
      return now.kind === "staff" && now.identity.staffId === was.staffId && now.identity.role === was.role;
    } catch {
      return false;
    }
  };

  async inspectKeyPackage(bytes: Uint8Array): Promise<KeyPackageInfo> {
    return (await this.verifyStaffKeyPackage(bytes)).info;
  }

  /**
   * Strict KeyPackage check before it goes into a commit: x509 staff
   * credentials only. ts-mls repeats the signature and lifetime checks inside
   * createCommit; they are done here too so that inspectKeyPackage vouches
   * for the same things the add path does (and with our clock and skew).
   */
  private async verifyStaffKeyPackage(bytes: Uint8Array): Promise<{ kp: KeyPackage; info: KeyPackageInfo }> {
    const m = decodeMessage(bytes);
    if (m.wireformat !== "mls_key_package") fail("mls-unexpected-wire-format", "expected a KeyPackage");
    const kp = m.keyPackage;
    if (kp.cipherSuite !== MLS_CIPHERSUITE) fail("mls-unsupported-ciphersuite", "KeyPackage ciphersuite not supported");
    const cred = kp.leafNode.credential;
    if (cred.credentialType === "basic") fail("credential-basic-not-allowed", "staff KeyPackages must carry an x509 credential");
    const verified = verifyMemberCredential(cred, kp.leafNode.signaturePublicKey, this.creatorKey, this.ctx.policy);
    if (verified.kind !== "staff") return fail("credential-rejected", "not a staff credential");
    const signature = this.ctx.cs.signature;
    if (!(await verifyLeafNodeSignatureKeyPackage(kp.leafNode, signature)) || !(await verifyKeyPackage(kp, signature))) {
      fail("key-package-invalid", "KeyPackage signature invalid");
    }
    const nowS = BigInt(Math.floor(this.ctx.policy.now() / 1000));
    const skewS = BigInt(Math.floor(this.ctx.policy.clockSkewMs / 1000));
    const { notBefore, notAfter } = kp.leafNode.lifetime;
    if (nowS + skewS < notBefore || nowS - skewS > notAfter) fail("key-package-invalid", "KeyPackage lifetime does not cover now");
    return { kp, info: staffInfo(kp.leafNode.signaturePublicKey, verified.identity) };
  }

  confirmPendingCommit(): ConversationEvent {
    const p = this.pending ?? fail("no-pending-commit", "no pending commit");
    const before = this.members();
    // Messages of the old epoch may have been received after the commit was
    // created; carry the old epoch's current secret tree over so that later
    // old-epoch messages still decrypt. (The commit's `consumed` secrets are
    // not zeroed for the same reason: they may be shared with that tree.)
    const old = this.state;
    const hist = new Map(p.state.historicalReceiverData);
    const entry = hist.get(old.groupContext.epoch);
    if (entry !== undefined) hist.set(old.groupContext.epoch, { ...entry, secretTree: old.secretTree });
    this.state = { ...p.state, historicalReceiverData: hist };
    this.pending = undefined;
    const after = this.members();
    return {
      kind: "commit",
      epoch: this.epoch,
      committer: this.self(),
      ...diffMembers(before, after),
      own: true,
      selfRemoved: false,
      discardedOwnCommit: false,
    };
  }

  discardPendingCommit(): void {
    if (this.pending === undefined) fail("no-pending-commit", "no pending commit");
    this.pending = undefined;
  }

  async process(message: Uint8Array, seq?: number): Promise<ConversationEvent> {
    if (seq !== undefined) {
      if (!Number.isSafeInteger(seq) || seq < 0) fail("bad-argument", "invalid sequence number");
      if (this.seq !== undefined && seq <= this.seq) return { kind: "duplicate", seq };
    }
    const withSeq = <T extends ConversationEvent>(ev: T): T => (seq === undefined ? ev : { ...ev, seq });
    let event: ConversationEvent;
    try {
      event = await this.processInner(message);
    } catch (e) {
      event = { kind: "rejected", error: mapError(e, this.auth) };
    }
    if (seq !== undefined) this.seq = seq;
    return withSeq(event);
  }

  private async processInner(bytes: Uint8Array): Promise<ConversationEvent> {
    const d = digest(bytes);
    if (this.pending !== undefined && this.pending.digest === d) return this.confirmPendingCommit();
    const ownIdx = this.ownDigests.indexOf(d);
    if (ownIdx >= 0) {
      this.ownDigests.splice(ownIdx, 1);
      return { kind: "own-message" };
    }
    if (this.status !== "active") fail("not-active", "conversation is closed for this client");
    const m = decodeMessage(bytes);
    if (m.wireformat !== "mls_private_message" && m.wireformat !== "mls_public_message") {
      fail("mls-unexpected-wire-format", `unexpected ${m.wireformat} in the group stream`);
    }
    const groupId = m.wireformat === "mls_private_message" ? m.privateMessage.groupId : m.publicMessage.content.groupId;
    if (!bytesEqual(groupId, this.groupId)) fail("mls-wrong-group", "message for another group");

    const prev = this.state;
    const senderLeaf = await this.senderOf(m);
    this.auth.lastRejection = undefined;
    // Self-removal is detected from the (authenticated, validated) proposal
    // list instead of relying on ts-mls: ts-mls 1.6.4 misses it when the
    // same commit re-fills our leaf with an added member (transfer case) and
    // then fails on the update path. We stop processing there ("reject")
    // and close the conversation ourselves.
    const selfIndex = this.selfIndex;
    let removedByCommit = false;
    // Only the citizen changes who is in the group (group-change-policy.ts).
    // A refused message leaves the state as it was: ts-mls returns a new
    // state and we simply do not adopt it.
    let refusal: Verdict | undefined;
    let update: { leaf: LeafNode; from: number } | undefined;
    const callback: IncomingMessageCallback = (incoming) => {
      const verdict = judgeIncoming(incoming, prev.ratchetTree, this.sameCertifiedIdentity);
      if (!verdict.accept) {
        refusal = verdict;
        return "reject";
      }
      if (incoming.kind === "proposal" && incoming.proposal.proposal.proposalType === "update") {
        update = { leaf: incoming.proposal.proposal.update.leafNode, from: incoming.proposal.senderLeafIndex ?? -1 };
      }
      if (
        incoming.kind === "commit" &&
        incoming.proposals.some((p) => p.proposal.proposalType === "remove" && p.proposal.remove.removed === selfIndex)
      ) {
        removedByCommit = true;
        return "reject";
      }
      return "accept";
    };
    const res = await processMessage(m, prev, emptyPskIndex, callback, this.ctx.cs);
    const sender = senderLeaf !== undefined ? memberInfo(senderLeaf.leaf, senderLeaf.index, selfIndex) : undefined;
    if (refusal !== undefined) return refused(refusalError(refusal), sender);
    if (removedByCommit) {
      const self = this.self();
      this.state = { ...res.newState, groupActiveState: { kind: "removedFromGroup" } };
      this.pending = undefined;
      return {
        kind: "commit",
        epoch: prev.groupContext.epoch + 1n,
        ...(sender !== undefined ? { committer: sender } : {}),
        added: [],
        removed: [self],
        own: false,
        selfRemoved: true,
        discardedOwnCommit: false,
      };
    }

    if (res.kind === "applicationMessage") {
      this.state = res.newState;
      res.consumed.forEach(zeroOutUint8Array);
      const pm = m.wireformat === "mls_private_message" ? m.privateMessage : undefined;
      if (pm === undefined || senderLeaf === undefined) fail("mls-rejected", "application data outside PrivateMessage");
      const payload = defaultPayloadCodec.decode(unpad(res.message));
      return {
        kind: "application",
        epoch: pm.epoch,
        sender: memberInfo(senderLeaf.leaf, senderLeaf.index, this.selfIndex),
        payload,
      };
    }

    const contentType = m.wireformat === "mls_private_message" ? m.privateMessage.contentType : m.publicMessage.content.contentType;
    if (contentType === "proposal") {
      let next = res.newState;
      if (update !== undefined) {
        // ts-mls validates a proposed leaf only when the proposal is committed;
        // one that fails then would make every later commit of ours fail.
        const invalid = await this.invalidUpdate(update.leaf, update.from);
        if (invalid !== undefined) return refused(invalid, sender);
        next = { ...next, unappliedProposals: withoutOlderUpdates(next.unappliedProposals, prev.unappliedProposals, update.from) };
      }
      this.state = next;
      res.consumed.forEach(zeroOutUint8Array);
      return {
        kind: "proposal",
        epoch: this.epoch,
        ...(sender !== undefined ? { sender } : {}),
        accepted: true,
      };
    }

    // Commit.
    if (res.actionTaken !== "accept") fail("mls-policy", "commit rejected by local policy");
    const next = res.newState;
    checkTreePolicy(next.ratchetTree, this.creatorKey);
    const committer = senderLeaf?.index;
    if (committer !== undefined && committer !== CITIZEN_LEAF) {
      // The policy let only a path-only commit through; its new leaf must keep the committer's identity.
      const before = leafAt(prev.ratchetTree, committer);
      const after = leafAt(next.ratchetTree, committer);
      if (before === undefined || after === undefined || !this.sameCertifiedIdentity(before, after)) {
        return refused(new E2eeError("group-change-refused", `a commit from leaf ${committer} that changes its certified identity`), sender);
      }
    }
    const before = membersOf(prev.ratchetTree, this.selfIndex);
    this.state = next;
    res.consumed.forEach(zeroOutUint8Array);
    const discardedOwnCommit = this.pending !== undefined;
    this.pending = undefined;
    const selfRemoved = next.groupActiveState.kind === "removedFromGroup";
    const after = membersOf(next.ratchetTree, this.selfIndex);
    return {
      kind: "commit",
      epoch: next.groupContext.epoch,
      ...(sender !== undefined ? { committer: sender } : {}),
      ...diffMembers(before, after),
      own: false,
      selfRemoved,
      discardedOwnCommit,
    };
  }

  /** Why a proposed update leaf is not acceptable (undefined when it is): the checks ts-mls makes only at commit time. */
  private async invalidUpdate(leaf: LeafNode, leafIndex: number): Promise<E2eeError | undefined> {
    if (leaf.leafNodeSource !== "update") return new E2eeError("mls-rejected", "update proposal without an update leaf node");
    this.auth.lastRejection = undefined;
    const err =
      (await validateLeafNodeUpdateOrCommit(leaf as LeafNodeUpdate, leafIndex, this.state.groupContext, this.auth, this.ctx.cs.signature)) ??
      (await validateLeafNodeCredentialAndKeyUniqueness(this.state.ratchetTree, leaf, leafIndex));
    return err === undefined ? undefined : mapError(err, this.auth);
  }

  /**
   * Authenticated sender leaf of a handshake or application message.
   * For PrivateMessage the sender is inside the encrypted SenderData; we
   * decrypt it with the epoch's sender-data secret. ts-mls then verifies the
   * content signature against exactly this leaf, so if processing succeeds
   * the sender is authentic.
   */
  private async senderOf(m: MLSMessage): Promise<{ leaf: LeafNode; index: number } | undefined> {
    if (m.wireformat === "mls_public_message") {
      const s = m.publicMessage.content.sender;
      if (s.senderType !== "member") return undefined;
      const leaf = leafAt(this.state.ratchetTree, s.leafIndex);
      return leaf === undefined ? undefined : { leaf, index: s.leafIndex };
    }
    if (m.wireformat !== "mls_private_message") return undefined;
    const pm: PrivateMessage = m.privateMessage;
    let secret: Uint8Array;
    let tree: RatchetTree;
    if (pm.epoch === this.state.groupContext.epoch) {
      secret = this.state.keySchedule.senderDataSecret;
      tree = this.state.ratchetTree;
    } else {
      const h = this.state.historicalReceiverData.get(pm.epoch) ?? fail("mls-rejected", "message from an unknown epoch");
      secret = h.senderDataSecret;
      tree = h.ratchetTree;
    }
    const sd = await decryptSenderData(pm, secret, this.ctx.cs).catch(() => undefined);
    if (sd === undefined) fail("mls-rejected", "cannot decrypt sender data");
    const leaf = leafAt(tree, sd.leafIndex) ?? fail("mls-rejected", "sender leaf is empty");
    return { leaf, index: sd.leafIndex };
  }

  exportState(): Uint8Array {
    const meta: ConvMeta = {
      role: this.role,
      lastSeq: this.seq ?? null,
      creatorKey: this.creatorKey !== undefined ? toHex(this.creatorKey) : null,
      own: this.ownDigests,
    };
    const sections = new Map<number, Uint8Array>([
      [SEC_META, utf8(JSON.stringify(meta))],
      [SEC_STATE, encodeGroupState(this.state)],
    ]);
    if (this.pending !== undefined) {
      sections.set(SEC_PENDING_STATE, encodeGroupState(this.pending.state));
      sections.set(SEC_PENDING_COMMIT, this.pending.commit);
      if (this.pending.welcome !== undefined) sections.set(SEC_PENDING_WELCOME, this.pending.welcome);
    }
    return writeContainer(CONV_MAGIC, CONV_VERSION, sections);
  }

  /** Restores from exportState() output. */
  restore(bytes: Uint8Array): void {
    const s = readContainer(bytes, CONV_MAGIC, CONV_VERSION, [
      SEC_META,
      SEC_STATE,
      SEC_PENDING_STATE,
      SEC_PENDING_COMMIT,
      SEC_PENDING_WELCOME,
    ]);
    const meta = parseConvMeta(s.get(SEC_META));
    const decodeState = (b: Uint8Array | undefined): ClientState => {
      if (b === undefined) fail("state-corrupt", "missing group state");
      let r;
      try {
        r = decodeGroupState(b, 0);
      } catch (e) {
        return fail("state-corrupt", "undecodable group state", e);
      }
      if (r === undefined || r[1] !== b.length) fail("state-corrupt", "undecodable group state");
      return { ...r[0], clientConfig: this.config };
    };
    if (meta.creatorKey === null) fail("state-corrupt", "missing creator key");
    this.init(decodeState(s.get(SEC_STATE)), fromHex(meta.creatorKey));
    this.seq = meta.lastSeq ?? undefined;
    this.ownDigests = meta.own;
    const ps = s.get(SEC_PENDING_STATE);
    const pc = s.get(SEC_PENDING_COMMIT);
    if ((ps === undefined) !== (pc === undefined)) fail("state-corrupt", "incomplete pending commit");
    if (ps !== undefined && pc !== undefined) {
      const pw = s.get(SEC_PENDING_WELCOME);
      this.pending = {
        state: decodeState(ps),
        commit: pc,
        ...(pw !== undefined ? { welcome: pw } : {}),
        digest: digest(pc),
        consumed: [],
      };
    }
  }

  /** Pending commit/welcome bytes, e.g. to resend after a reload. */
  pendingOutput(): CommitOutput | undefined {
    const p = this.pending;
    if (p === undefined) return undefined;
    return { commit: p.commit, ...(p.welcome !== undefined ? { welcome: p.welcome } : {}), epoch: p.state.groupContext.epoch };
  }
}

function parseConvMeta(b: Uint8Array | undefined): ConvMeta {
  if (b === undefined) fail("state-corrupt", "missing metadata");
  let m: unknown;
  try {
    m = JSON.parse(fromUtf8(b));
  } catch (e) {
    return fail("state-corrupt", "bad metadata", e);
  }
  const o = m as Partial<ConvMeta> | null;
  if (
    o === null ||
    typeof o !== "object" ||
    (o.role !== "citizen" && o.role !== "staff") ||
    !(o.lastSeq === null || (typeof o.lastSeq === "number" && Number.isSafeInteger(o.lastSeq))) ||
    !(o.creatorKey === null || (typeof o.creatorKey === "string" && /^[0-9a-f]{64}$/.test(o.creatorKey))) ||
    !Array.isArray(o.own) ||
    !o.own.every((x) => typeof x === "string" && /^[0-9a-f]{64}$/.test(x))
  ) {
    fail("state-corrupt", "bad metadata");
  }
  return o as ConvMeta;
}

/** A message that was not taken in; `sender` when it was authenticated (a refused group change says who tried). */
function refused(error: E2eeError, sender: MemberInfo | undefined): ConversationEvent {
  return { kind: "rejected", error, ...(sender !== undefined ? { sender } : {}) };
}

function diffMembers(before: MemberInfo[], after: MemberInfo[]): { added: MemberInfo[]; removed: MemberInfo[] } {
  const key = (m: MemberInfo) => `${m.leafIndex}:${toHex(m.signatureKey)}`;
  const b = new Set(before.map(key));
  const a = new Set(after.map(key));
  return { added: after.filter((m) => !b.has(key(m))), removed: before.filter((m) => !a.has(key(m))) };
}

// ---------------------------------------------------------------------------
// Staff device

const DEV_MAGIC = "MTLD";
const DEV_VERSION = 1;
const SEC_DEV_META = 1;
const SEC_DEV_KEY = 2;

interface StoredKeyPackage {
  readonly ref: string;
  readonly message: Uint8Array;
  readonly keyPackage: KeyPackage;
  readonly priv: PrivateKeyPackage;
}

interface DevMeta {
  chain: string[];
  kps: { message: string; init: string; hpke: string }[];
}

class MlsStaffDevice implements StaffDevice {
  private readonly kps = new Map<string, StoredKeyPackage>();

  constructor(
    private readonly ctx: Ctx,
    private readonly signingKey: DeviceSigningKey,
    private readonly chain: readonly Uint8Array[],
    readonly identity: StaffIdentity,
  ) {}

  get signaturePublicKey(): Uint8Array {
    return this.signingKey.publicKey;
  }
  get pendingKeyPackages(): number {
    return this.kps.size;
  }

  private credential() {
    return { credentialType: "x509" as const, certificates: [...this.chain] };
  }

  async generateKeyPackages(count: number): Promise<Uint8Array[]> {
    if (!Number.isSafeInteger(count) || count < 1 || count > 100) fail("bad-argument", "count must be 1..100");
    // Refuse to publish KeyPackages for a chain that no longer verifies (e.g. expired).
    verifyMemberCredential(this.credential(), this.signingKey.publicKey, undefined, this.ctx.policy);
    const nowS = BigInt(Math.floor(this.ctx.policy.now() / 1000));
    const skewS = BigInt(Math.floor(this.ctx.policy.clockSkewMs / 1000));
    const lifetime = { notBefore: nowS - skewS, notAfter: BigInt(Math.floor(this.identity.notAfter.getTime() / 1000)) };
    const out: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const { publicPackage, privatePackage } = await generateKeyPackageWithKey(
        this.credential(),
        defaultCapabilities(),
        lifetime,
        [],
        { signKey: this.signingKey.privateKey, publicKey: this.signingKey.publicKey },
        this.ctx.cs,
      );
      const message = encodeMessage({ version: "mls10", wireformat: "mls_key_package", keyPackage: publicPackage });
      const ref = toHex(await makeKeyPackageRef(publicPackage, this.ctx.cs.hash));
      this.kps.set(ref, { ref, message, keyPackage: publicPackage, priv: privatePackage });
      out.push(message);
    }
    return out;
  }

  async joinFromWelcome(welcomeBytes: Uint8Array, opts?: { expectedGroupId?: Uint8Array }): Promise<SecureConversation> {
    const m = decodeMessage(welcomeBytes);
    if (m.wireformat !== "mls_welcome") fail("mls-unexpected-wire-format", "expected a Welcome");
    const welcome: Welcome = m.welcome;
    if (welcome.cipherSuite !== MLS_CIPHERSUITE) fail("mls-unsupported-ciphersuite", "Welcome ciphersuite not supported");
    const match = welcome.secrets.map((s) => this.kps.get(toHex(s.newMember))).find((k) => k !== undefined);
    if (match === undefined) fail("no-matching-key-package", "Welcome is not addressed to any of our KeyPackages");
    const conv = new MlsConversation(this.ctx, "staff");
    conv.auth.lastRejection = undefined;
    let state: ClientState;
    try {
      state = await joinGroup(welcome, match.keyPackage, match.priv, emptyPskIndex, this.ctx.cs, undefined, undefined, conv.config);
    } catch (e) {
      throw mapError(e, conv.auth);
    }
    if (opts?.expectedGroupId !== undefined && !bytesEqual(opts.expectedGroupId, state.groupContext.groupId)) {
      fail("mls-wrong-group", "Welcome is for an unexpected group");
    }
    conv.init(state, undefined);
    this.kps.delete(match.ref); // KeyPackages are single use
    return conv;
  }

  exportState(): Uint8Array {
    const meta: DevMeta = {
      chain: this.chain.map(toHex),
      kps: [...this.kps.values()].map((k) => ({
        message: toHex(k.message),
        init: toHex(k.priv.initPrivateKey),
        hpke: toHex(k.priv.hpkePrivateKey),
      })),
    };
    return writeContainer(
      DEV_MAGIC,
      DEV_VERSION,
      new Map([
        [SEC_DEV_META, utf8(JSON.stringify(meta))],
        [SEC_DEV_KEY, this.signingKey.privateKey],
      ]),
    );
  }

  async restoreKeyPackages(kps: DevMeta["kps"]): Promise<void> {
    for (const k of kps) {
      const message = fromHex(k.message);
      const m = decodeMessage(message);
      if (m.wireformat !== "mls_key_package") fail("state-corrupt", "stored KeyPackage is not a KeyPackage");
      if (!bytesEqual(m.keyPackage.leafNode.signaturePublicKey, this.signingKey.publicKey)) {
        fail("state-corrupt", "stored KeyPackage belongs to another key");
      }
      const ref = toHex(await makeKeyPackageRef(m.keyPackage, this.ctx.cs.hash));
      this.kps.set(ref, {
        ref,
        message,
        keyPackage: m.keyPackage,
        priv: { initPrivateKey: fromHex(k.init), hpkePrivateKey: fromHex(k.hpke), signaturePrivateKey: this.signingKey.privateKey },
      });
    }
  }
}

// ---------------------------------------------------------------------------
// Client

class MatalaMlsClient implements MlsClient {
  constructor(private readonly ctx: Ctx) {}

  async createCitizenConversation(opts?: { groupId?: Uint8Array; pseudonym?: string }): Promise<SecureConversation> {
    const pseudonym = opts?.pseudonym ?? randomPseudonym();
    const groupId = opts?.groupId ?? randomBytes(16);
    if (groupId.length < 1 || groupId.length > 255) fail("bad-argument", "groupId must be 1..255 bytes");
    const credential = { credentialType: "basic" as const, identity: citizenIdentityBytes(pseudonym) };
    const nowS = BigInt(Math.floor(this.ctx.policy.now() / 1000));
    const skewS = BigInt(Math.floor(this.ctx.policy.clockSkewMs / 1000));
    const sig = await this.ctx.cs.signature.keygen();
    const kp = await generateKeyPackageWithKey(
      credential,
      defaultCapabilities(),
      { notBefore: nowS - skewS, notAfter: nowS + CITIZEN_LIFETIME_S },
      [],
      sig,
      this.ctx.cs,
    );
    const conv = new MlsConversation(this.ctx, "citizen");
    const state = await createGroup(groupId, kp.publicPackage, kp.privatePackage, [], this.ctx.cs, conv.config);
    conv.init(state, sig.publicKey);
    return conv;
  }

  async openStaffDevice(opts: { signingKey: DeviceSigningKey; certificateChain: readonly Uint8Array[] }): Promise<StaffDevice> {
    const { signingKey } = opts;
    if (signingKey.privateKey.length !== 32 || !bytesEqual(ed25519.getPublicKey(signingKey.privateKey), signingKey.publicKey)) {
      fail("bad-argument", "signing key pair is inconsistent");
    }
    const chain = opts.certificateChain.map((c) => c.slice());
    const v = verifyMemberCredential({ credentialType: "x509", certificates: chain }, signingKey.publicKey, undefined, this.ctx.policy);
    if (v.kind !== "staff") fail("credential-rejected", "not a staff credential");
    return new MlsStaffDevice(this.ctx, signingKey, chain, v.identity);
  }

  async restoreConversation(state: Uint8Array): Promise<SecureConversation> {
    const meta = parseConvMeta(readContainer(state, CONV_MAGIC, CONV_VERSION, [1, 2, 3, 4, 5]).get(SEC_META));
    const conv = new MlsConversation(this.ctx, meta.role);
    conv.restore(state);
    return conv;
  }

  async restoreStaffDevice(state: Uint8Array): Promise<StaffDevice> {
    const s = readContainer(state, DEV_MAGIC, DEV_VERSION, [SEC_DEV_META, SEC_DEV_KEY]);
    const key = s.get(SEC_DEV_KEY);
    const metaBytes = s.get(SEC_DEV_META);
    if (key === undefined || key.length !== 32 || metaBytes === undefined) fail("state-corrupt", "incomplete device state");
    let meta: DevMeta;
    try {
      meta = JSON.parse(fromUtf8(metaBytes)) as DevMeta;
      if (!Array.isArray(meta.chain) || !Array.isArray(meta.kps)) throw new Error("shape");
    } catch (e) {
      return fail("state-corrupt", "bad device metadata", e);
    }
    const signingKey = { privateKey: key, publicKey: ed25519.getPublicKey(key) };
    // Re-verifies the chain: an expired device certificate makes the device unusable.
    const dev = (await this.openStaffDevice({ signingKey, certificateChain: meta.chain.map(fromHex) })) as MlsStaffDevice;
    await dev.restoreKeyPackages(meta.kps);
    return dev;
  }
}

/** Creates the client. The trust anchor is checked (self-signed Ed25519 CA) here. */
export async function createMlsClient(opts: MlsClientOptions): Promise<MlsClient> {
  const anchor = loadTrustAnchor(opts.trustAnchorDer);
  const skew = opts.clockSkewSeconds ?? 300;
  if (!Number.isFinite(skew) || skew < 0 || skew > 3600) fail("bad-argument", "clockSkewSeconds must be 0..3600");
  const cs = await cipherSuite();
  return new MatalaMlsClient({
    cs,
    policy: { anchor, now: opts.now ?? (() => Date.now()), clockSkewMs: skew * 1000 },
    handshakePublic: opts.handshakeWireFormat === "public",
  });
}
