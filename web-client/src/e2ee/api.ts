/**
 * Project-owned E2EE interface. UI code depends only on these types, never
 * on ts-mls, so the MLS implementation can be replaced later.
 */
import type { E2eeError } from "./errors.js";
import type { AppPayload } from "./payload.js";

export const MLS_CIPHERSUITE = "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519" as const;

interface MemberInfoBase {
  /** MLS leaf index; stable for as long as the member stays in the group. */
  readonly leafIndex: number;
  /** Ed25519 MLS signature public key (32 bytes). */
  readonly signatureKey: Uint8Array;
  readonly isSelf: boolean;
  /** Name to show in the UI: the pseudonym or the certificate CN. */
  readonly displayName: string;
}

export interface CitizenMemberInfo extends MemberInfoBase {
  readonly kind: "citizen";
  readonly credentialType: "basic";
  readonly pseudonym: string;
}

export interface StaffMemberInfo extends MemberInfoBase {
  readonly kind: "staff";
  readonly credentialType: "x509";
  readonly staffId: string;
  readonly role: string;
  readonly deviceId: string;
  readonly organisation?: string;
  readonly certificateNotAfter: Date;
}

export type MemberInfo = CitizenMemberInfo | StaffMemberInfo;

/**
 * Verified identity of a staff device KeyPackage that is not (yet) in the
 * group: what its certificate states, without a leaf position.
 */
export type KeyPackageInfo = Omit<StaffMemberInfo, "leafIndex" | "isSelf">;

/** Result of processing one message from the server stream. */
export type ConversationEvent =
  | {
      readonly kind: "application";
      readonly seq?: number;
      readonly epoch: bigint;
      readonly sender: MemberInfo;
      readonly payload: AppPayload;
    }
  | {
      readonly kind: "commit";
      readonly seq?: number;
      /** Epoch after the commit. */
      readonly epoch: bigint;
      readonly committer?: MemberInfo;
      readonly added: readonly MemberInfo[];
      readonly removed: readonly MemberInfo[];
      /** True when this was our own pending commit echoed back by the server. */
      readonly own: boolean;
      /** True when this commit removed us; the conversation is then closed. */
      readonly selfRemoved: boolean;
      /** True when our own pending commit lost the race and was discarded. */
      readonly discardedOwnCommit: boolean;
    }
  | {
      readonly kind: "proposal";
      readonly seq?: number;
      readonly epoch: bigint;
      readonly sender?: MemberInfo;
      readonly accepted: boolean;
    }
  /** Echo of an application message this client sent itself. */
  | { readonly kind: "own-message"; readonly seq?: number }
  /** Server sequence number already processed (e.g. replay after reload). */
  | { readonly kind: "duplicate"; readonly seq: number }
  /**
   * The message could not be processed, or was refused; the group state is
   * unchanged. `sender` is set when the sender was authenticated before the
   * refusal, e.g. a member who tried to change the group
   * (`group-change-refused`: only the citizen's client does that).
   */
  | { readonly kind: "rejected"; readonly seq?: number; readonly error: E2eeError; readonly sender?: MemberInfo };

export interface CommitOutput {
  /** MLSMessage (commit) to send to the server. */
  readonly commit: Uint8Array;
  /** MLSMessage (welcome) for the added members, if any were added. */
  readonly welcome?: Uint8Array;
  /** Epoch the group will be in once the commit is accepted. */
  readonly epoch: bigint;
}

export type ConversationStatus = "active" | "removed";

export interface SecureConversation {
  readonly groupId: Uint8Array;
  readonly epoch: bigint;
  readonly status: ConversationStatus;
  readonly role: "citizen" | "staff";
  /** Highest server sequence number processed (undefined before the first). */
  readonly lastSeq: number | undefined;
  /** True while a commit of ours awaits the server's decision. */
  readonly hasPendingCommit: boolean;
  self(): MemberInfo;
  members(): MemberInfo[];
  /** Pads and encrypts an application payload; returns MLSMessage bytes. */
  encrypt(payload: AppPayload): Promise<Uint8Array>;
  /**
   * Verifies a staff KeyPackage (MLSMessage bytes) exactly as addMembers does
   * (ciphersuite, KeyPackage and leaf signatures, lifetime, certificate chain
   * to the organisation root) and returns the identity its certificate
   * states. Callers compare it with whom the server said it was before
   * adding it: the chain proves the device is the organisation's, not that
   * it belongs to the person announced. Throws E2eeError when it is invalid.
   */
  inspectKeyPackage(keyPackage: Uint8Array): Promise<KeyPackageInfo>;
  /** Creates a commit adding the members whose KeyPackages (MLSMessage bytes) are given. */
  addMembers(keyPackages: readonly Uint8Array[]): Promise<CommitOutput>;
  /** Creates a commit removing the given leaves. */
  removeMembers(leafIndices: readonly number[]): Promise<CommitOutput>;
  /** Add and remove in one commit (e.g. a transfer from worker A to worker B). */
  commitChanges(changes: { add?: readonly Uint8Array[]; remove?: readonly number[] }): Promise<CommitOutput>;
  /** Applies our pending commit (server accepted it); also happens automatically on its echo. */
  confirmPendingCommit(): ConversationEvent;
  /** Drops our pending commit (server rejected it). */
  discardPendingCommit(): void;
  /** Processes one MLSMessage from the server stream, in server order. */
  process(message: Uint8Array, seq?: number): Promise<ConversationEvent>;
  /** Complete state for browser storage; see restoreConversation. */
  exportState(): Uint8Array;
}

export interface DeviceSigningKey {
  /** 32-byte Ed25519 seed. Keep secret. */
  readonly privateKey: Uint8Array;
  /** 32-byte Ed25519 public key, to be certified by the Matala issuing CA. */
  readonly publicKey: Uint8Array;
}

export interface StaffDevice {
  readonly identity: {
    readonly displayName: string;
    readonly staffId: string;
    readonly role: string;
    readonly deviceId: string;
    readonly organisation?: string;
    readonly notAfter: Date;
  };
  readonly signaturePublicKey: Uint8Array;
  readonly pendingKeyPackages: number;
  /** Generates single-use KeyPackages (MLSMessage bytes) to upload to the server. */
  generateKeyPackages(count: number): Promise<Uint8Array[]>;
  /** Joins a group from a Welcome addressed to one of our KeyPackages. */
  joinFromWelcome(welcome: Uint8Array, opts?: { expectedGroupId?: Uint8Array }): Promise<SecureConversation>;
  /** Device state (signing key, certificate chain, unused KeyPackages). */
  exportState(): Uint8Array;
}

export interface MlsClientOptions {
  /** DER of the organisation root certificate (trust anchor). */
  readonly trustAnchorDer: Uint8Array;
  /** Clock in ms since epoch (default Date.now). */
  readonly now?: () => number;
  /** Clock skew tolerated on certificate validity periods, seconds (default 300). */
  readonly clockSkewSeconds?: number;
  /** Wire format for commits and proposals (default "private"). */
  readonly handshakeWireFormat?: "private" | "public";
}

export interface MlsClient {
  createCitizenConversation(opts?: { groupId?: Uint8Array; pseudonym?: string }): Promise<SecureConversation>;
  openStaffDevice(opts: { signingKey: DeviceSigningKey; certificateChain: readonly Uint8Array[] }): Promise<StaffDevice>;
  restoreConversation(state: Uint8Array): Promise<SecureConversation>;
  restoreStaffDevice(state: Uint8Array): Promise<StaffDevice>;
}
