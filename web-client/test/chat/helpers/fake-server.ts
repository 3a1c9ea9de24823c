// A small in-memory stand-in for the Matala delivery service (the parts of
// docs/protocol.md the chat engine uses), so the citizen and staff engines
// can be tested with real MLS but without a network. It does not parse MLS.
import type { Frame, WebSocketLike } from '../../../src/chat/connection';

interface Stored {
  seq: number;
  sender: string;
  data: string;
  to: string | null;
}

interface Member {
  joinedSeq: number | null;
  leftSeq: number | null;
}

interface Conv {
  id: string;
  secret: string;
  queue: string;
  status: 'queued' | 'active' | 'ended';
  log: Stored[];
  members: Map<string, Member>;
  assignedTo: string | null;
  pendingAdd: Record<string, unknown> | null;
}

class ServerSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  citizenOf: string | null = null;
  staffId: string | null = null;
  readonly following = new Map<string, number>();

  constructor(private readonly server: FakeServer) {
    setTimeout(() => {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.({});
    }, 0);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    const frame = JSON.parse(data) as Frame;
    setTimeout(() => this.server.handle(this, frame), 0);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.server.sockets.delete(this);
    setTimeout(() => this.onclose?.(code === undefined ? {} : { code, reason: reason ?? '' }), 0);
  }

  push(frame: Frame): void {
    if (this.readyState !== 1 || this.server.losePush(frame, this)) return;
    const text = JSON.stringify(frame);
    setTimeout(() => {
      if (this.readyState === 1) this.onmessage?.({ data: text });
    }, 0);
  }
}

export class FakeServer {
  readonly sockets = new Set<ServerSocket>();
  readonly convs = new Map<string, Conv>();
  private readonly keyPackages = new Map<string, Map<string, string[]>>();
  private counter = 0;
  /** Return true to lose this client frame (as if the connection dropped before it arrived). */
  loseIncoming: (frame: Frame, socket: ServerSocket) => boolean = () => false;
  /** Return true to lose this frame to a client (e.g. the echo of its own message). */
  losePush: (frame: Frame, socket: ServerSocket) => boolean = () => false;
  /** Rewrites a member.add before it is kept and sent (a dishonest server). */
  tamperAdd: (pending: Record<string, unknown>) => Record<string, unknown> = (pending) => pending;
  /** Every member.refused that arrived (also the ones answered not_pending). */
  readonly refusals: Frame[] = [];
  /** Every staff.auth and staff.renew that arrived, in order. */
  readonly staffSignIns: Frame[] = [];
  /** Return true to lose this answer (the frame was handled, the client never hears). */
  loseReply: (reply: Frame, request: Frame) => boolean = () => false;

  connect = (): WebSocketLike => {
    const s = new ServerSocket(this);
    this.sockets.add(s);
    return s;
  };

  /** Closes every connection of a citizen (or staff member), as a network drop would. */
  drop(who: { citizenOf?: string; staffId?: string }): void {
    for (const s of [...this.sockets]) {
      if ((who.citizenOf && s.citizenOf === who.citizenOf) || (who.staffId && s.staffId === who.staffId)) s.close();
    }
  }

  conv(id: string): Conv {
    const c = this.convs.get(id);
    if (!c) throw new Error(`no conversation ${id}`);
    return c;
  }

  handle(socket: ServerSocket, frame: Frame): void {
    if (socket.readyState !== 1) return;
    if (this.loseIncoming(frame, socket)) return;
    const reply = (answer: Frame): void => {
      const withRid = { ...answer, rid: frame.rid };
      if (!this.loseReply(withRid, frame)) socket.push(withRid);
    };
    const error = (code: string): void => reply({ type: 'error', error: code, message: code });
    switch (frame.type) {
      case 'citizen.open': {
        const id = `c${++this.counter}`;
        const conv: Conv = {
          id,
          secret: `s${this.counter}secret`,
          queue: String(frame.queue),
          status: 'queued',
          log: [],
          members: new Map(),
          assignedTo: null,
          pendingAdd: null,
        };
        this.convs.set(id, conv);
        socket.citizenOf = id;
        reply({ type: 'citizen.opened', conversation: id, secret: conv.secret, seq: 0, status: 'queued', position: 1, estimatedWaitSeconds: 240 });
        this.follow(socket, id, 0);
        return;
      }
      case 'citizen.resume': {
        const conv = this.convs.get(String(frame.conversation));
        if (!conv || conv.secret !== frame.secret) return error('unknown_conversation');
        socket.citizenOf = conv.id;
        reply({ type: 'citizen.resumed', conversation: conv.id, status: conv.status });
        if (conv.pendingAdd) socket.push({ type: 'member.add', conversation: conv.id, ...conv.pendingAdd });
        this.follow(socket, conv.id, Number(frame.afterSeq));
        return;
      }
      case 'citizen.end': {
        const conv = this.conv(String(frame.conversation));
        conv.status = 'ended';
        reply({ type: 'citizen.ended', conversation: conv.id, deleted: false });
        this.broadcast(conv.id, { type: 'conversation.status', conversation: conv.id, status: 'ended', by: 'citizen' });
        return;
      }
      case 'member.refused': {
        this.refusals.push(frame);
        const conv = this.conv(String(frame.conversation));
        const staffId = String(frame.staff);
        const pendingStaff = (conv.pendingAdd?.staff as { id?: string } | null | undefined)?.id;
        if (pendingStaff !== staffId || conv.members.get(staffId)?.joinedSeq !== null) return error('not_pending');
        conv.pendingAdd = null;
        conv.members.delete(staffId);
        if (conv.assignedTo === staffId) {
          conv.assignedTo = null;
          conv.status = 'queued';
        }
        for (const s of this.sockets) if (s.staffId === staffId) s.following.delete(conv.id);
        this.toStaff(staffId, { type: 'conversation.removed', conversation: conv.id, reason: 'refused' });
        const queued = conv.status === 'queued';
        reply({ type: 'member.dropped', conversation: conv.id, staff: staffId, status: conv.status, ...(queued ? { position: 1, estimatedWaitSeconds: 60 } : {}) });
        return;
      }
      case 'staff.auth': {
        this.staffSignIns.push(frame);
        socket.staffId = staffOf(String(frame.token));
        const conversations = [...this.convs.values()]
          .filter((c) => c.status !== 'ended' && c.members.has(socket.staffId!) && c.members.get(socket.staffId!)!.leftSeq === null)
          .map((c) => ({ conversation: c.id, queue: c.queue, status: c.status, joinedSeq: c.members.get(socket.staffId!)!.joinedSeq }));
        reply({ type: 'staff.authed', staff: { id: socket.staffId }, queues: this.stats(), conversations });
        return;
      }
      case 'staff.renew': {
        this.staffSignIns.push(frame);
        if (staffOf(String(frame.token)) !== socket.staffId) return error('wrong_staff');
        reply({ type: 'staff.renewed', expiresAt: Date.now() + 60_000 });
        return;
      }
      case 'keypackages.upload': {
        const byDevice = this.keyPackages.get(socket.staffId!) ?? new Map<string, string[]>();
        this.keyPackages.set(socket.staffId!, byDevice);
        const list = byDevice.get(String(frame.device)) ?? [];
        list.push(...(frame.keyPackages as string[]));
        byDevice.set(String(frame.device), list);
        reply({ type: 'keypackages.ok', stored: (frame.keyPackages as string[]).length, available: list.length });
        return;
      }
      case 'presence.set':
        reply({ type: 'presence.ok', status: frame.status });
        return;
      case 'queue.take': {
        const conv = [...this.convs.values()].find((c) => c.status === 'queued');
        if (!conv) return error('nothing_waiting');
        const staffId = socket.staffId!;
        const claimed = this.claim(staffId);
        if (claimed.length === 0) return error('no_key_packages');
        conv.status = 'active';
        conv.assignedTo = staffId;
        const remove = [...conv.members.entries()].filter(([id, m]) => m.leftSeq !== null && m.joinedSeq !== null && id !== staffId).map(([id]) => id);
        conv.members.set(staffId, { joinedSeq: null, leftSeq: null });
        this.requestAdd(conv, { staff: { id: staffId, displayName: staffId, role: 'worker' }, keyPackages: claimed, remove, reason: 'taken' });
        this.toStaff(staffId, { type: 'conversation.assigned', conversation: conv.id, queue: conv.queue, lang: 'fi' });
        reply({ type: 'queue.taken', conversation: conv.id, queue: conv.queue, lang: 'fi', waitedSeconds: 1 });
        return;
      }
      case 'conversation.open': {
        const conv = this.conv(String(frame.conversation));
        if (!conv.members.has(socket.staffId!)) return error('not_a_member');
        reply({ type: 'conversation.opened', conversation: conv.id, status: conv.status });
        this.follow(socket, conv.id, Number(frame.afterSeq));
        return;
      }
      case 'conversation.transfer': {
        const conv = this.conv(String(frame.conversation));
        const staffId = socket.staffId!;
        conv.members.get(staffId)!.leftSeq = conv.log.length + 1;
        conv.status = 'queued';
        conv.assignedTo = null;
        this.requestAdd(conv, { staff: null, keyPackages: [], remove: [staffId], reason: 'transfer' });
        reply({ type: 'conversation.transferred', conversation: conv.id });
        for (const s of this.sockets) if (s.staffId === staffId) s.following.delete(conv.id);
        this.toStaff(staffId, { type: 'conversation.removed', conversation: conv.id, reason: 'transferred' });
        return;
      }
      case 'conversation.end': {
        const conv = this.conv(String(frame.conversation));
        conv.status = 'ended';
        reply({ type: 'conversation.ended', conversation: conv.id });
        this.broadcast(conv.id, { type: 'conversation.status', conversation: conv.id, status: 'ended', by: 'staff' });
        this.toStaff(socket.staffId!, { type: 'conversation.removed', conversation: conv.id, reason: 'ended' });
        return;
      }
      case 'msg.send': {
        const conv = this.conv(String(frame.conversation));
        if (conv.status === 'ended') return error('conversation_ended');
        const to = typeof frame.to === 'string' ? frame.to : null;
        if (to !== null && conv.members.get(to)?.joinedSeq !== null) return error('bad_welcome');
        const stored: Stored = { seq: conv.log.length + 1, sender: socket.citizenOf ? 'citizen' : socket.staffId!, data: String(frame.data), to };
        conv.log.push(stored);
        if (to !== null) {
          conv.members.get(to)!.joinedSeq = stored.seq;
          conv.pendingAdd = null;
        }
        reply({ type: 'msg.ack', conversation: conv.id, seq: stored.seq });
        this.pumpAll(conv.id);
        return;
      }
      default:
        return error('unknown_type');
    }
  }

  /** Stores a message as if `sender` had sent it: this fake relays whatever it is given, as a server that checks nothing would. */
  inject(convId: string, sender: string, data: string): void {
    const conv = this.conv(convId);
    conv.log.push({ seq: conv.log.length + 1, sender, data, to: null });
    this.pumpAll(convId);
  }

  private stats(): Frame[] {
    const waiting = [...this.convs.values()].filter((c) => c.status === 'queued').length;
    return [{ id: 'q', waiting, longestWaitSeconds: 0, available: 1, open: true } as unknown as Frame];
  }

  /** Hands out one key package of each device of a staff member, as queue.take does. */
  claim(staffId: string): string[] {
    const out: string[] = [];
    for (const list of this.keyPackages.get(staffId)?.values() ?? []) {
      const kp = list.shift();
      if (kp) out.push(kp);
    }
    return out;
  }

  private requestAdd(conv: Conv, pending: Frame | Record<string, unknown>): void {
    conv.pendingAdd = this.tamperAdd(pending as Record<string, unknown>);
    for (const s of this.sockets) {
      if (s.citizenOf === conv.id) s.push({ type: 'member.add', conversation: conv.id, ...conv.pendingAdd });
    }
  }

  /** What the real server does when an admin changes someone's roles (docs/e2ee.md): tells, then closes. */
  rolesChanged(staffId: string, tell = true): void {
    this.keyPackages.delete(staffId);
    if (tell) this.toStaff(staffId, { type: 'staff.changed', reason: 'roles' });
    setTimeout(() => this.closeStaff(staffId, 4409, 'roles changed'), 0);
  }

  /** Closes every connection of a staff member with this close code (as the real server ends a session). */
  closeStaff(staffId: string, code: number, reason: string): void {
    for (const s of [...this.sockets]) if (s.staffId === staffId) s.close(code, reason);
  }

  private toStaff(staffId: string, frame: Frame): void {
    for (const s of this.sockets) if (s.staffId === staffId) s.push(frame);
  }

  private broadcast(convId: string, frame: Frame): void {
    for (const s of this.sockets) if (s.following.has(convId)) s.push(frame);
  }

  private follow(socket: ServerSocket, convId: string, afterSeq: number): void {
    socket.following.set(convId, afterSeq);
    this.pump(socket, convId);
  }

  private pumpAll(convId: string): void {
    for (const s of this.sockets) if (s.following.has(convId)) this.pump(s, convId);
  }

  private pump(socket: ServerSocket, convId: string): void {
    const conv = this.conv(convId);
    let last = socket.following.get(convId) ?? 0;
    const member = socket.staffId ? conv.members.get(socket.staffId) : undefined;
    if (socket.staffId && (!member || member.joinedSeq === null)) return; // waits for its Welcome
    for (const m of conv.log) {
      if (m.seq <= last) continue;
      const visible = socket.citizenOf
        ? m.to === null
        : m.seq >= member!.joinedSeq! && (member!.leftSeq === null || m.seq < member!.leftSeq) && (m.to === null || m.to === socket.staffId);
      if (visible) {
        socket.push({ type: 'msg', conversation: convId, seq: m.seq, sender: m.sender, wire: m.to ? 'welcome' : 'private', content: null, epoch: 0, data: m.data, at: 1_700_000_000_000 + m.seq });
      }
      last = m.seq;
    }
    socket.following.set(convId, last);
  }
}


/** Tokens here are "<staff id>" or "<staff id>#<n>" (a refreshed one). */
function staffOf(token: string): string {
  return token.split('#')[0];
}

/** Waits until `check` holds (polling), or fails with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
