/**
 * Matala end-to-end encryption module (MLS, RFC 9420). See docs/e2ee.md.
 * UI code should import from here only.
 */
export {
  MLS_CIPHERSUITE,
  type CitizenMemberInfo,
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
  type StaffMemberInfo,
} from "./api.js";
export { createMlsClient, generateDeviceSigningKey } from "./mls.js";
export { E2eeError, type E2eeErrorCode } from "./errors.js";
export {
  PayloadCodec,
  decodePayload,
  defaultPayloadCodec,
  encodePayload,
  field,
  type AppPayload,
  type HandoverPayload,
  type NoticePayload,
  type PayloadBase,
  type PayloadValidator,
  type TextPayload,
  type VideoInvitePayload,
} from "./payload.js";
export { MAX_PADDED_SIZE, MAX_UNPADDED_SIZE, MIN_BUCKET, bucketSize, pad, unpad } from "./padding.js";
export {
  DEVICE_URN_PREFIX,
  MAX_LEAF_VALIDITY_MS,
  loadTrustAnchor,
  parseCertificate,
  verifyStaffChain,
  type Certificate,
  type StaffIdentity,
  type TrustAnchor,
} from "./x509.js";
export {
  INBOX_KEY_URN_PREFIX,
  MAX_INBOX_KEY_VALIDITY_MS,
  verifyInboxKeyChain,
  type CertifiedInboxKey,
} from "./inbox-key-cert.js";
export { CITIZEN_IDENTITY_PREFIX, isValidPseudonym, randomPseudonym } from "./credentials.js";
