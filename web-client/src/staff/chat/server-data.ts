// What the server reports to the console besides the chats themselves, checked
// and typed: live queue figures and the waiting chats (staff.authed,
// queue.stats), the open conversations (GET /api/conversations) and the
// outcome categories (staff.authed). Anything malformed is left out.

export interface QueueStat {
  id: string;
  waiting: number;
  longestWaitSeconds: number;
  available: number;
  open: boolean;
}

/** One waiting chat as staff see it (queue.stats "waitingChats"): no content, nothing about the citizen. */
export interface WaitingChat {
  conversation: string;
  queue: string;
  /** 1 = next in its queue. */
  position: number;
  /** How long it had waited when the figures were computed. */
  waitedSeconds: number;
  lang: string;
  /** Absent for a queue without priority. */
  priority?: number;
}

/** A finite number, else 0. */
function num(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

/** The live figures per queue (staff.authed, queue.stats). */
export function parseQueueStats(value: unknown): QueueStat[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw): QueueStat[] => {
    if (!raw || typeof raw !== 'object') return [];
    const q = raw as Record<string, unknown>;
    if (typeof q.id !== 'string') return [];
    return [{ id: q.id, waiting: num(q.waiting), longestWaitSeconds: num(q.longestWaitSeconds), available: num(q.available), open: q.open !== false }];
  });
}

/** The waiting chats of staff.authed and queue.stats, in the server's order (per queue: next first). */
export function parseWaitingChats(value: unknown): WaitingChat[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw): WaitingChat[] => {
    if (!raw || typeof raw !== 'object') return [];
    const w = raw as Record<string, unknown>;
    if (typeof w.conversation !== 'string' || typeof w.queue !== 'string') return [];
    const chat: WaitingChat = {
      conversation: w.conversation,
      queue: w.queue,
      position: num(w.position),
      waitedSeconds: num(w.waitedSeconds),
      lang: typeof w.lang === 'string' ? w.lang : '',
    };
    if (typeof w.priority === 'number' && Number.isFinite(w.priority)) chat.priority = w.priority;
    return [chat];
  });
}

/** One row of GET /api/conversations (no content). */
export interface OpenConversation {
  conversation: string;
  queue: string;
  lang: string;
  status: string;
  queuedAt: number;
  members: Array<{ id: string; displayName: string; role: string; joined: boolean }>;
}

export function parseOpenConversations(value: unknown): OpenConversation[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw): OpenConversation[] => {
    if (!raw || typeof raw !== 'object') return [];
    const o = raw as Record<string, unknown>;
    if (typeof o.conversation !== 'string') return [];
    const members = Array.isArray(o.members) ? (o.members as Array<Record<string, unknown>>) : [];
    return [
      {
        conversation: o.conversation,
        queue: String(o.queue ?? ''),
        lang: String(o.lang ?? ''),
        status: String(o.status ?? ''),
        queuedAt: typeof o.queuedAt === 'number' ? o.queuedAt : 0,
        members: members
          .filter((m) => m && typeof m === 'object' && typeof m.id === 'string')
          .map((m) => ({ id: String(m.id), displayName: String(m.displayName ?? ''), role: String(m.role ?? ''), joined: m.joined === true })),
      },
    ];
  });
}

/** The outcome ids of staff.authed; anything that is not a plain id is left out. */
export function parseOutcomes(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((o): o is string => typeof o === 'string' && /^[a-z0-9-]{1,40}$/.test(o));
}
