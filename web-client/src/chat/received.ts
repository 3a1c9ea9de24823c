// Transcript entries for what arrives in the encrypted stream, the same for
// the citizen's page and the staff console: a chat message, a handover
// summary, a staff member joining or leaving. Each side decides itself what
// else a received payload means for it (unread counts, the chosen name, …).
import type { HandoverPayload, MemberInfo, StaffMemberInfo } from '../e2ee';
import type { MsgFrame } from './channel';
import type { TranscriptEntry } from './transcript';

type Entry<K extends TranscriptEntry['k']> = Extract<TranscriptEntry, { k: K }>;

export function staffMembers(members: readonly MemberInfo[]): StaffMemberInfo[] {
  return members.filter((m): m is StaffMemberInfo => m.kind === 'staff');
}

/** One entry per staff id (a worker may have several devices in the group). */
export function uniqueStaff(members: readonly MemberInfo[]): StaffMemberInfo[] {
  const seen = new Set<string>();
  return staffMembers(members).filter((m) => (seen.has(m.staffId) ? false : (seen.add(m.staffId), true)));
}

/** A chat message from another member; the name and role are what their MLS credential says. */
export function receivedText(id: string, sender: MemberInfo, body: string, msg: Pick<MsgFrame, 'at' | 'seq'>): Entry<'msg'> {
  const role = sender.kind === 'staff' ? sender.role : undefined;
  return {
    k: 'msg',
    id,
    at: msg.at,
    self: false,
    senderKind: sender.kind,
    name: sender.displayName,
    ...(role ? { role } : {}),
    body,
    seq: msg.seq,
  };
}

/**
 * A handover summary from a colleague directly, or forwarded by the citizen's
 * client after a transfer: then the author is what that client states (not an
 * MLS identity), falling back to the sender.
 */
export function receivedHandover(id: string, sender: MemberInfo, payload: HandoverPayload, msg: Pick<MsgFrame, 'at'>): Entry<'handover'> {
  const forwarded = sender.kind === 'citizen';
  const author = forwarded ? payload.author ?? sender.displayName : sender.displayName;
  const authorRole = forwarded ? payload.authorRole : sender.role;
  return {
    k: 'handover',
    id,
    at: msg.at,
    summary: payload.summary,
    author,
    ...(authorRole ? { authorRole } : {}),
    forwarded,
    self: false,
  };
}

/**
 * A member tried to change who is in the chat (an Add, a Remove, or an update to another
 * certified identity) and this client refused it: only the citizen's client changes the group
 * (docs/e2ee.md). The line names who tried, from their authenticated MLS credential; `unknownKey`
 * when the sender was not a member at all.
 */
export function refusedChangeEntry(id: string, at: number, sender: MemberInfo | undefined, key: string, unknownKey: string): Entry<'sys'> {
  return sender ? { k: 'sys', id, at, key, args: { name: sender.displayName } } : { k: 'sys', id, at, key: unknownKey };
}

/** What the console says about a refused group change: who and why, never any content. */
export function warnRefusedChange(sender: MemberInfo | undefined, reason: string): void {
  const who = sender?.kind === 'staff' ? `${sender.staffId} (${sender.role})` : sender?.kind ?? 'a non-member';
  console.warn('chat: refused a group change by', who, '-', reason);
}

/** A staff member joined or left the chat (seen in a commit or the group we joined). */
export function memberEntry(id: string, at: number, event: 'joined' | 'left', member: StaffMemberInfo): Entry<'member'> {
  return { k: 'member', id, at, event, name: member.displayName, role: member.role };
}
