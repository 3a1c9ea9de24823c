// The member changes the server asks the citizen's client for (member.add):
// which staff devices go into the MLS group and which leave, and the
// bookkeeping that makes each request happen once, survive a reload, and be
// answered with member.refused when nobody could be added. Only the citizen's
// client can change the group; the server merely asks (docs/protocol.md).
import { sha256 } from '@noble/hashes/sha2.js';
import type { CommitOutput, SecureConversation } from '../e2ee';
import { staffMembers } from '../chat/received';
import type { CitizenRecord, MemberAddRequest, RefusalReason, RefusedAdd } from './chat-store';
import { screenKeyPackages, type ScreenedKeyPackages } from './member-check';

/** How many handled requests (and refusals) are remembered: enough for any resume. */
const MAX_HANDLED = 32;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Identifies one member.add (its key packages are single use, so they identify it). */
export function memberAddKey(req: MemberAddRequest): string {
  const text = JSON.stringify([req.staff?.id ?? null, req.keyPackages, [...req.remove].sort()]);
  return hex(sha256(new TextEncoder().encode(text))).slice(0, 40);
}

export interface CommittedMemberAdd {
  /** The commit (and Welcome) to send; null when there was nothing to add or remove. */
  readonly commit: CommitOutput | null;
  /** The key packages that went into the commit. */
  readonly added: readonly Uint8Array[];
  readonly screened: ScreenedKeyPackages;
}

/**
 * Makes the commit a member.add asks for: adds the key packages that name the
 * announced staff member, removes the staff members the request names. The
 * commit stays pending in `conv` until the server's stream confirms it.
 */
export async function commitMemberAdd(conv: SecureConversation, req: MemberAddRequest): Promise<CommittedMemberAdd> {
  const removeIds = new Set(req.remove);
  // A worker added again (e.g. took the chat back) gets a fresh leaf: drop the old one.
  if (req.staff) removeIds.add(req.staff.id);
  const leaves = [...new Set(staffMembers(conv.members()).filter((m) => !m.isSelf && removeIds.has(m.staffId)).map((m) => m.leafIndex))];
  // Only devices whose certificate names the announced staff member; the rest of the request still proceeds.
  const screened = await screenKeyPackages(conv, req.staff, req.keyPackages);
  let added = screened.accepted;
  let commit: CommitOutput | null = null;
  if (added.length > 0 || leaves.length > 0) {
    try {
      commit = await conv.commitChanges({ add: added, remove: leaves });
    } catch (error) {
      // Verified key packages can still clash with the group (e.g. a key already in it): add only the ones that go in.
      console.warn('chat: key package refused', error);
      added = await addable(conv, added);
      if (added.length > 0 || leaves.length > 0) commit = await conv.commitChanges({ add: added, remove: leaves });
    }
  }
  return { commit, added, screened };
}

/** The key packages that go into a commit on their own (each tried, then dropped). */
async function addable(conv: SecureConversation, keyPackages: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const good: Uint8Array[] = [];
  for (const kp of keyPackages) {
    try {
      await conv.commitChanges({ add: [kp] });
      conv.discardPendingCommit();
      good.push(kp);
    } catch {
      /* refused */
    }
  }
  return good;
}

/**
 * The line that tells the citizen when someone the server announced was not
 * added, or one of their devices was refused; null when all went in.
 */
export function refusalNoticeKey(req: MemberAddRequest, screened: ScreenedKeyPackages, addedCount: number): string | null {
  if (!req.staff) return null;
  if (addedCount === 0) return screened.mismatched > 0 ? 'chat.addMismatch' : 'chat.addFailed';
  return screened.mismatched > 0 ? 'chat.deviceMismatch' : null;
}

type JobState = Pick<CitizenRecord, 'handled' | 'refusedAdds' | 'addJob' | 'nextJob'>;

/** Which member.add requests were handled, refused, are in progress or wait; stored with the chat. */
export class MemberAddJobs {
  private handledKeys: string[];
  private refusals: RefusedAdd[];
  /** The request whose commit is out, until its Welcome is stored. */
  private current: MemberAddRequest | null;
  /** The request to run once our pending commit is settled (the server's latest wins). */
  private next: MemberAddRequest | null;

  constructor(state: Partial<JobState> = {}) {
    this.handledKeys = [...(state.handled ?? [])];
    this.refusals = [...(state.refusedAdds ?? [])];
    this.current = state.addJob ?? null;
    this.next = state.nextJob ?? null;
  }

  /** The fields of the stored chat record. */
  toRecord(): Required<JobState> {
    return { handled: this.handledKeys, refusedAdds: this.refusals, addJob: this.current, nextJob: this.next };
  }

  isHandled(key: string): boolean {
    return this.handledKeys.includes(key);
  }

  /** The refusal given to this request earlier, to be said again when the server asks again. */
  refusalFor(key: string): RefusedAdd | undefined {
    return this.refusals.find((r) => r.key === key);
  }

  /** Marks the request handled (the newest last; old ones are forgotten). */
  remember(key: string): void {
    this.handledKeys = [...this.handledKeys.filter((h) => h !== key), key].slice(-MAX_HANDLED);
  }

  /** Our commit for `req` is out; `waitsForWelcome` when it added the announced staff member. */
  committed(req: MemberAddRequest, waitsForWelcome: boolean): void {
    this.current = waitsForWelcome ? req : null;
  }

  /** The Welcome was stored, or the commit or Welcome refused: nothing is in progress any more. */
  settled(): void {
    this.current = null;
  }

  /** Waits for our pending commit; replaces any request waiting already. */
  defer(req: MemberAddRequest): void {
    this.next = req;
  }

  /** Another commit won the epoch: the request in progress must be made again, as the next job. */
  redoCurrent(): void {
    if (!this.current) return;
    const key = memberAddKey(this.current);
    this.handledKeys = this.handledKeys.filter((h) => h !== key);
    this.next ??= this.current;
    this.current = null;
  }

  /** The waiting request, taken off the queue. */
  takeNext(): MemberAddRequest | null {
    const job = this.next;
    this.next = null;
    return job;
  }

  get hasNext(): boolean {
    return this.next !== null;
  }

  /**
   * When none of the announced staff member's devices went in, remembers it (with the request's
   * key, so that the same request delivered again is answered again) for member.refused.
   */
  noteRefusal(req: MemberAddRequest, key: string, screened: ScreenedKeyPackages, addedCount: number): RefusedAdd | null {
    if (!req.staff || addedCount > 0) return null;
    const reason: RefusalReason = screened.mismatched > 0 ? 'identity_mismatch' : 'invalid';
    const refusal: RefusedAdd = { key, staff: req.staff.id, reason };
    this.refusals = [...this.refusals.filter((r) => r.key !== key), refusal].slice(-MAX_HANDLED);
    return refusal;
  }
}
