/**
 * Who may change a Matala chat's MLS group (docs/e2ee.md, "Policy on
 * incoming handshakes").
 *
 * Only the citizen's client adds and removes members: it is leaf 0, the
 * group's creator, and it adds a staff device only after checking that its
 * certificate names the staff member the server announced (member-check.ts).
 * MLS itself lets any member propose or commit an Add or a Remove, and a
 * proposal that a client takes in is committed by reference in the citizen's
 * next commit. Without this policy a malicious or compromised staff client
 * could add a device of its choice (or remove the citizen, which would also
 * make every later commit of the citizen fail) behind the citizen's back.
 *
 * So from any leaf but 0 we take exactly one kind of change: a member's
 * update of its own leaf (an Update proposal, or a commit whose only change
 * is the committer's own path) whose new leaf keeps the certified identity of
 * the old one (same staff id and role, verified against the organisation
 * root). Everything else is refused, and external proposals and commits
 * (no sender leaf) always are.
 *
 * Pure decisions over what ts-mls hands the incoming-message callback; the
 * checks that need the processed result (a commit's new path leaf) are made
 * by the caller with {@link sameCertifiedIdentity} too.
 */
import type { LeafNode, Proposal, ProposalWithSender, RatchetTree } from "ts-mls";
import { E2eeError, type E2eeErrorCode } from "./errors.js";

/** The citizen's leaf: the group creator, and the only member that changes the group. */
export const CITIZEN_LEAF = 0;

/** Proposal types Matala groups use at all; PSK, ReInit, ExternalInit, GroupContextExtensions are never taken. */
const SUPPORTED_PROPOSALS: ReadonlySet<string> = new Set(["add", "remove", "update"]);

export type Verdict =
  | { readonly accept: true }
  | { readonly accept: false; readonly code: E2eeErrorCode; readonly reason: string };

const ACCEPT: Verdict = { accept: true };

function refuse(reason: string, code: E2eeErrorCode = "group-change-refused"): Verdict {
  return { accept: false, code, reason };
}

/** Whether `after` states the same certified person and role as `before` (false if it does not verify). */
export type SameIdentity = (before: LeafNode, after: LeafNode) => boolean;

/** What ts-mls's IncomingMessageCallback is given. */
export type Incoming =
  | { readonly kind: "commit"; readonly senderLeafIndex: number | undefined; readonly proposals: readonly ProposalWithSender[] }
  | { readonly kind: "proposal"; readonly proposal: ProposalWithSender };

function leafAt(tree: RatchetTree, leafIndex: number): LeafNode | undefined {
  const n = tree[leafIndex * 2];
  return n?.nodeType === "leaf" ? n.leaf : undefined;
}

function typeOf(p: Proposal): string {
  return String(p.proposalType);
}

/** One proposal, standing alone or inside a commit, judged by who sent it. */
function judgeProposal(p: ProposalWithSender, tree: RatchetTree, sameIdentity: SameIdentity): Verdict {
  const type = typeOf(p.proposal);
  if (!SUPPORTED_PROPOSALS.has(type)) return refuse(`${type} proposals are not used in Matala chats`, "mls-policy");
  const sender = p.senderLeafIndex;
  if (sender === undefined) return refuse("a proposal from outside the group");
  if (sender === CITIZEN_LEAF) return ACCEPT;
  if (p.proposal.proposalType !== "update") return refuse(`a ${type} proposal from leaf ${sender}: only the citizen changes who is in the chat`);
  const before = leafAt(tree, sender);
  if (before === undefined) return refuse(`an update from the empty leaf ${sender}`);
  return sameIdentity(before, p.proposal.update.leafNode)
    ? ACCEPT
    : refuse(`an update from leaf ${sender} that changes its certified identity`);
}

/**
 * The incoming-message decision. A commit's own path leaf is not part of
 * what ts-mls passes here: for a commit by someone other than the citizen
 * this accepts only an empty proposal list, and the caller then checks that
 * the committer's new leaf has the same identity (see mls.ts).
 */
export function judgeIncoming(incoming: Incoming, tree: RatchetTree, sameIdentity: SameIdentity): Verdict {
  if (incoming.kind === "proposal") return judgeProposal(incoming.proposal, tree, sameIdentity);
  const committer = incoming.senderLeafIndex;
  if (committer === undefined) return refuse("an external commit");
  for (const p of incoming.proposals) {
    const type = typeOf(p.proposal);
    if (!SUPPORTED_PROPOSALS.has(type)) return refuse(`a commit with a ${type} proposal`, "mls-policy");
  }
  if (committer !== CITIZEN_LEAF) {
    return incoming.proposals.length === 0
      ? ACCEPT
      : refuse(`a commit from leaf ${committer} with proposals: only the citizen changes who is in the chat`);
  }
  // The citizen's commit may carry, by reference, other members' self-updates: those are judged like standalone ones.
  for (const p of incoming.proposals) {
    const verdict = judgeProposal(p, tree, sameIdentity);
    if (!verdict.accept) return verdict;
  }
  return ACCEPT;
}

/** The refusal as the error a `rejected` event carries. */
export function refusalError(verdict: Verdict): E2eeError {
  if (verdict.accept) throw new E2eeError("bad-argument", "not a refusal");
  return new E2eeError(verdict.code, verdict.reason);
}
