// Which key packages of a member.add the citizen's client may add. The
// certificate chain only proves that a device belongs to the organisation,
// not that it belongs to the person the server named in the frame; without
// this check a dishonest server could announce one worker and slip in
// someone else's device. So a key package is added only when its verified
// certificate names the announced staff member (staff id, and role when the
// frame gives one).
import { E2eeError, type KeyPackageInfo, type SecureConversation } from '../e2ee';
import { fromBase64 } from '../chat/base64';
import type { StaffRef } from './chat-store';

export interface ScreenedKeyPackages {
  /** Verified and naming the announced staff member: these may be added. */
  readonly accepted: Uint8Array[];
  /** Verified, but the certificate names someone else, another role, or nobody was announced. */
  readonly mismatched: number;
  /** Not base64, or failing verification (chain, signature, lifetime, ciphersuite). */
  readonly invalid: number;
}

/** True when a verified device certificate names the staff member the server announced. */
export function namesAnnouncedStaff(info: KeyPackageInfo, staff: StaffRef): boolean {
  return info.staffId === staff.id && (staff.role === '' || info.role === staff.role);
}

/** Verifies every key package of a member.add and keeps the ones for the announced staff member. */
export async function screenKeyPackages(
  conv: Pick<SecureConversation, 'inspectKeyPackage'>,
  staff: StaffRef | null,
  keyPackages: readonly string[],
): Promise<ScreenedKeyPackages> {
  const accepted: Uint8Array[] = [];
  let mismatched = 0;
  let invalid = 0;
  for (const text of keyPackages) {
    let bytes: Uint8Array;
    let info: KeyPackageInfo;
    try {
      bytes = fromBase64(text);
      info = await conv.inspectKeyPackage(bytes);
    } catch (error) {
      console.warn('chat: key package refused', error instanceof E2eeError ? error.code : error);
      invalid++;
      continue;
    }
    if (staff !== null && namesAnnouncedStaff(info, staff)) {
      accepted.push(bytes);
    } else {
      console.warn('chat: key package refused: its certificate names another staff member', info.staffId, info.role);
      mismatched++;
    }
  }
  return { accepted, mismatched, invalid };
}
