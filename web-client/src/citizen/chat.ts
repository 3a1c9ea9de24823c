// The citizen's end of a chat (no DOM): creates the MLS group, opens or
// resumes the conversation, adds and removes workers when the server asks
// (member.add; what goes into the commit and the request bookkeeping are in
// member-add.ts), and keeps everything in sessionStorage after each change.
import type { AppPayload, ConversationEvent, MemberInfo, MlsClient, StaffMemberInfo } from '../e2ee';
import type { Lang } from '../i18n/lang';
import { fromBase64, toBase64 } from '../chat/base64';
import { SecureChannel, parseMsgFrame, type MsgFrame } from '../chat/channel';
import {
  ChatConnection,
  ConnectionLostError,
  defaultSocketUrl,
  FrameError,
  type ConnectionOptions,
  type ConnectionStatus,
  type Frame,
} from '../chat/connection';
import { Outbox, type SealedEntry } from '../chat/outbox';
import {
  memberEntry,
  receivedHandover,
  receivedText,
  refusedChangeEntry,
  staffMembers,
  uniqueStaff,
  warnRefusedChange,
} from '../chat/received';
import { readItem, removeItem, writeItem, type StorageLike } from '../chat/storage';
import type { TranscriptEntry } from '../chat/transcript';
import {
  CITIZEN_RECORD_VERSION,
  CITIZEN_STORAGE_KEY,
  decodeCitizenRecord,
  encodeCitizenRecord,
  parseMemberAdd,
  type CitizenRecord,
  type CitizenStatus,
  type HandoverNote,
  type MemberAddRequest,
  type RefusedAdd,
} from './chat-store';
import { MemberAddJobs, commitMemberAdd, memberAddKey, refusalNoticeKey } from './member-add';

/** What the page shows. */
export type CitizenPhase = 'opening' | 'queued' | 'active' | 'ended' | 'gone' | 'refused';

export interface CitizenChatOptions {
  client: MlsClient;
  storage: StorageLike | null;
  url?: string;
  connection?: ConnectionOptions;
}

export interface NewChat {
  queue: string;
  lang: Lang;
  nickname: string | null;
}

export class CitizenChat extends SecureChannel {
  conversation: string | null = null;
  private secret: string | null = null;
  readonly queue: string;
  readonly lang: Lang;
  readonly nickname: string | null;
  status: CitizenStatus = 'queued';
  endedBy: 'citizen' | 'staff' | null = null;
  phase: CitizenPhase = 'opening';
  /** Why the server refused to open the chat (error code), when phase is 'refused'. */
  refusal: string | null = null;
  position: number | null = null;
  estimatedWaitSeconds: number | null = null;
  connection: ConnectionStatus = 'stopped';
  private jobs = new MemberAddJobs();
  private lastHandover: HandoverNote | null = null;
  private readonly storage: StorageLike | null;

  private constructor(
    conn: ChatConnection,
    options: CitizenChatOptions,
    init: { queue: string; lang: Lang; nickname: string | null; outbox?: Outbox; transcript?: TranscriptEntry[] },
  ) {
    super(conn, init);
    this.storage = options.storage;
    this.queue = init.queue;
    this.lang = init.lang;
    this.nickname = init.nickname;
  }

  private static build(
    options: CitizenChatOptions,
    init: { queue: string; lang: Lang; nickname: string | null; outbox?: Outbox; transcript?: TranscriptEntry[] },
  ): CitizenChat {
    let chat: CitizenChat | null = null;
    const conn = new ChatConnection(
      options.url ?? defaultSocketUrl(),
      {
        hello: () => chat!.hello(),
        onAuthed: (reply) => chat!.authed(reply),
        onAuthRefused: (error) => chat!.refused(error),
        onFrame: (frame) => chat!.frame(frame),
        onStatus: (status) => chat!.connectionStatus(status),
      },
      options.connection,
    );
    chat = new CitizenChat(conn, options, init);
    return chat;
  }

  /** A new chat: a fresh MLS group, then citizen.open. */
  static async open(options: CitizenChatOptions, request: NewChat): Promise<CitizenChat> {
    const chat = CitizenChat.build(options, request);
    chat.conv = await options.client.createCitizenConversation();
    chat.phase = 'opening';
    chat.conn.start();
    return chat;
  }

  /** The chat kept in this tab's storage, if any. */
  static stored(storage: StorageLike | null): CitizenRecord | null {
    const record = decodeCitizenRecord(readItem(storage, CITIZEN_STORAGE_KEY));
    if (!record && readItem(storage, CITIZEN_STORAGE_KEY) !== null) removeItem(storage, CITIZEN_STORAGE_KEY);
    return record;
  }

  /** Continues a stored chat: restores the MLS state and resumes after its last sequence number. */
  static async resume(options: CitizenChatOptions, record: CitizenRecord): Promise<CitizenChat> {
    const chat = CitizenChat.build(options, {
      queue: record.queue,
      lang: record.lang,
      nickname: record.nickname,
      outbox: new Outbox(record.outbox),
      transcript: [...record.transcript],
    });
    chat.conversation = record.conversation;
    chat.secret = record.secret;
    chat.status = record.status;
    chat.endedBy = record.endedBy;
    chat.jobs = new MemberAddJobs(record);
    chat.lastHandover = record.lastHandover;
    if (record.status === 'ended' || record.mlsState === null) {
      chat.status = 'ended';
      chat.phase = 'ended';
      return chat;
    }
    chat.conv = await options.client.restoreConversation(fromBase64(record.mlsState));
    chat.phase = chat.hasStaff() ? 'active' : 'queued';
    chat.conn.start();
    return chat;
  }

  // ---- what the page calls --------------------------------------------------

  /** Queues a chat message: shown at once as "sending…", encrypted when a worker is in the chat. */
  send(body: string): void {
    if (this.status === 'ended') return;
    const localId = this.newId('m');
    const now = Date.now();
    this.addEntry({ k: 'msg', id: localId, at: now, self: true, senderKind: 'citizen', name: this.nickname ?? '', body, status: 'sending' });
    this.queuePayload({ t: 'text', body, ts: now }, localId);
    this.save();
    this.changed();
    this.kick();
  }

  /** Ends the chat (citizen.end), optionally deleting it on the server now. */
  async end(deleteToo: boolean): Promise<void> {
    const conversation = this.conversation;
    if (!conversation) {
      this.stop();
      return;
    }
    const reply = await this.conn.request({ type: 'citizen.end', conversation, delete: deleteToo });
    await this.serial.push(() => this.finish('citizen', reply.deleted === true));
  }

  /** Forgets the chat in this tab (after it ended, or before starting a new one). */
  forget(): void {
    this.stop();
    removeItem(this.storage, CITIZEN_STORAGE_KEY);
  }

  stop(): void {
    this.conn.stop();
  }

  /** Reconnect now (e.g. the browser reports the network is back). */
  reconnectNow(force = false): void {
    this.conn.reconnectNow(force);
  }

  hasStaff(): boolean {
    return this.conv !== null && this.conv.status === 'active' && staffMembers(this.conv.members()).length > 0;
  }

  /** Staff currently in the chat according to the MLS group (certificate CN and OU). */
  staffInChat(): StaffMemberInfo[] {
    return this.conv ? uniqueStaff(this.conv.members()) : [];
  }

  /** Whether anything typed is still waiting for a worker or for the server. */
  get hasUnsent(): boolean {
    return !this.outbox.isEmpty;
  }

  // ---- connection hooks -------------------------------------------------------

  private hello(): Frame {
    const conv = this.conv;
    if (!conv) throw new Error('no conversation');
    if (this.conversation && this.secret) {
      return { type: 'citizen.resume', conversation: this.conversation, secret: this.secret, afterSeq: conv.lastSeq ?? 0 };
    }
    return { type: 'citizen.open', queue: this.queue, lang: this.lang, groupId: toBase64(conv.groupId) };
  }

  private authed(reply: Frame): void {
    if (reply.type === 'citizen.opened') {
      this.conversation = String(reply.conversation);
      this.secret = String(reply.secret);
      this.status = 'queued';
      this.phase = 'queued';
      this.setPosition(reply);
      this.save();
    } else if (reply.type === 'citizen.resumed') {
      this.setPosition(reply);
      if (reply.status === 'ended') {
        void this.serial.push(() => this.finish('staff', false));
        return;
      }
    }
    this.changed();
    this.connected();
  }

  private refused(error: FrameError): boolean {
    if (!this.conversation) {
      // citizen.open refused: closed, full, unknown queue or too many new chats.
      if (error.code === 'busy' || error.code === 'internal_error') return false;
      this.refusal = error.code;
      this.phase = 'refused';
      this.changed();
      return true;
    }
    if (error.code === 'unknown_conversation') {
      // Ended and deleted, or expired: nothing to resume.
      this.phase = 'gone';
      removeItem(this.storage, CITIZEN_STORAGE_KEY);
      this.changed();
      return true;
    }
    return false;
  }

  private connectionStatus(status: ConnectionStatus): void {
    this.connection = status;
    if (status !== 'online') this.disconnected();
    this.changed();
  }

  private frame(frame: Frame): void {
    switch (frame.type) {
      case 'msg': {
        const msg = parseMsgFrame(frame);
        if (msg) void this.serial.push(() => this.processMsg(msg));
        break;
      }
      case 'member.add': {
        let req: MemberAddRequest;
        try {
          req = parseMemberAdd(frame);
        } catch {
          console.warn('chat: unreadable member.add');
          return;
        }
        if (frame.conversation === this.conversation) void this.serial.push(() => this.memberAdd(req));
        break;
      }
      case 'queue.position':
        this.setPosition(frame);
        this.changed();
        break;
      case 'conversation.status':
        if (frame.status === 'ended') void this.serial.push(() => this.finish(frame.by === 'citizen' ? 'citizen' : 'staff', false));
        break;
      case 'error':
        console.warn('chat: server error', frame.error, frame.message);
        break;
      default:
        break;
    }
  }

  private setPosition(frame: Frame): void {
    if (typeof frame.position === 'number') this.position = frame.position;
    if (typeof frame.estimatedWaitSeconds === 'number') this.estimatedWaitSeconds = frame.estimatedWaitSeconds;
  }

  // ---- the stream ---------------------------------------------------------------

  private async processMsg(msg: MsgFrame): Promise<void> {
    const conv = this.conv;
    if (!conv || msg.conversation !== this.conversation || this.status === 'ended') return;
    this.matchOwnEcho(msg);
    if (msg.wire === 'welcome') return;
    const event = await conv.process(fromBase64(msg.data), msg.seq);
    await this.apply(event, msg);
    this.save();
    this.changed();
    await this.sealAndSend();
  }

  private async apply(event: ConversationEvent, msg: MsgFrame): Promise<void> {
    const conv = this.conv!;
    switch (event.kind) {
      case 'application':
        this.received(event.sender, event.payload, msg);
        break;
      case 'commit': {
        for (const m of uniqueStaff(event.removed)) {
          if (!staffMembers(conv.members()).some((s) => s.staffId === m.staffId)) {
            this.addEntry(memberEntry(this.newId('n'), msg.at, 'left', m));
          }
        }
        const added = uniqueStaff(event.added);
        for (const m of added) this.addEntry(memberEntry(this.newId('n'), msg.at, 'joined', m));
        if (event.own && added.length > 0) this.afterAdd(added);
        if (event.discardedOwnCommit) {
          // Another commit won this epoch: our Welcome is worthless; make the change again.
          this.outbox.removeWhere((e) => 'kind' in e && (e.kind === 'welcome' || e.kind === 'commit'));
          this.jobs.redoCurrent();
        }
        const hadStaff = this.phase === 'active';
        this.phase = this.hasStaff() ? 'active' : 'queued';
        this.status = this.phase === 'active' ? 'active' : 'queued';
        if (hadStaff && this.phase === 'queued') {
          this.addEntry({ k: 'sys', id: this.newId('s'), at: msg.at, key: 'chat.backInQueue' });
        }
        if (this.jobs.hasNext && !conv.hasPendingCommit) await this.runJob(this.jobs.takeNext()!);
        break;
      }
      case 'rejected':
        if (event.error.code === 'group-change-refused') {
          // A staff member's client tried to add, remove or re-identify someone: only ours does that.
          warnRefusedChange(event.sender, event.error.message);
          this.addEntry(refusedChangeEntry(this.newId('s'), msg.at, event.sender, 'chat.changeRefused', 'chat.changeRefusedUnknown'));
          break;
        }
        // Our own messages come back undecryptable when sent twice (a lost ack); ignore those.
        if (msg.sender !== 'citizen') {
          console.warn('chat: message rejected', event.error.code);
          this.addEntry({ k: 'sys', id: this.newId('s'), at: msg.at, key: 'chat.undecryptable' });
        }
        break;
      default:
        break; // own-message (already marked by its ack), duplicate, proposal
    }
  }

  private received(sender: MemberInfo, payload: AppPayload, msg: MsgFrame): void {
    switch (payload.t) {
      case 'text':
        this.addEntry(receivedText(this.newId('r'), sender, payload.body, msg));
        break;
      case 'handover': {
        const entry = receivedHandover(this.newId('h'), sender, payload, msg);
        // Kept to pass on to the next worker after a transfer (see afterAdd).
        this.lastHandover = { summary: entry.summary, author: entry.author, ...(entry.authorRole ? { authorRole: entry.authorRole } : {}), at: msg.at };
        this.addEntry(entry);
        break;
      }
      default:
        break; // notices and video invitations are not used by the citizen page yet
    }
  }

  /** After our commit added workers: tell them the chosen name and pass on the latest handover summary. */
  private afterAdd(added: readonly StaffMemberInfo[]): void {
    const names = added.map((m) => m.displayName).join(', ');
    const now = Date.now();
    const drafts: Array<{ id: string; payload: Readonly<Record<string, unknown>> & { t: string } }> = [];
    if (this.nickname) {
      drafts.push({ id: this.newId('o'), payload: { t: 'notice', event: 'joined', name: this.nickname, ts: now } });
      this.addEntry({ k: 'client-name', id: this.newId('n'), at: now, name: this.nickname, self: true });
    }
    const handover = this.lastHandover;
    if (handover) {
      drafts.push({
        id: this.newId('o'),
        payload: {
          t: 'handover',
          summary: handover.summary,
          forwarded: true,
          author: handover.author,
          ...(handover.authorRole ? { authorRole: handover.authorRole } : {}),
          ts: now,
        },
      });
      this.addEntry({ k: 'sys', id: this.newId('s'), at: now, key: 'chat.handoverShared', args: { name: names } });
    }
    // Before anything typed meanwhile: these come first for the new worker.
    this.outbox.addDraftsFirst(drafts);
  }

  // ---- membership -------------------------------------------------------------------

  private async memberAdd(req: MemberAddRequest): Promise<void> {
    const conv = this.conv;
    if (!conv || this.status === 'ended') return;
    const key = memberAddKey(req);
    if (this.jobs.isHandled(key)) {
      // Asked again (resume): the server may not have heard our refusal, so it is said again.
      const refusal = this.jobs.refusalFor(key);
      if (refusal) this.tellRefused(refusal);
      return;
    }
    if (conv.hasPendingCommit) {
      this.jobs.defer(req); // the server's latest request wins; done once our commit is settled
      this.save();
      return;
    }
    await this.runJob(req);
    this.changed();
    await this.sealAndSend();
  }

  /** Commits the Add (and Removes) the server asked for; the commit and the Welcome go to the outbox. */
  private async runJob(req: MemberAddRequest): Promise<void> {
    const key = memberAddKey(req);
    const { commit: out, added, screened } = await commitMemberAdd(this.conv!, req);
    const notice = refusalNoticeKey(req, screened, added.length);
    if (notice && req.staff) this.addEntry({ k: 'sys', id: this.newId('s'), at: Date.now(), key: notice, args: { name: req.staff.displayName } });
    const refusal = this.jobs.noteRefusal(req, key, screened, added.length);
    this.jobs.remember(key);
    if (out !== null) {
      this.outbox.addSealed({ id: this.newId('c'), kind: 'commit', data: toBase64(out.commit) });
      if (out.welcome && req.staff) {
        this.outbox.addSealed({ id: this.newId('w'), kind: 'welcome', data: toBase64(out.welcome), to: req.staff.id });
      }
      this.jobs.committed(req, !!req.staff && added.length > 0); // waits for its Welcome to be stored
    }
    this.save();
    if (refusal) this.tellRefused(refusal);
  }

  /**
   * Tells the server that this staff member was not added (member.refused), so that nobody waits
   * for a Welcome that never comes: a worker's chat goes back to the queue. Not awaited: when the
   * connection drops first, the request stays pending on the server and comes again on resume.
   */
  private tellRefused(refusal: RefusedAdd): void {
    const conversation = this.conversation;
    if (!conversation || this.status === 'ended') return;
    this.conn.request({ type: 'member.refused', conversation, staff: refusal.staff, reason: refusal.reason }).then(
      (reply) => {
        this.setPosition(reply);
        this.changed();
      },
      (error: unknown) => {
        // not_pending: the server dropped it already (our earlier frame arrived after all);
        // a lost connection: the server asks again on resume, and we answer again.
        if (error instanceof ConnectionLostError || (error instanceof FrameError && error.code === 'not_pending')) return;
        console.warn('chat: member.refused not delivered', error);
      },
    );
  }

  // ---- SecureChannel ------------------------------------------------------------------

  protected conversationId(): string | null {
    return this.conversation;
  }

  protected canSeal(): boolean {
    // Messages typed while nobody is in the chat wait: only members at encryption time can read them.
    return this.status !== 'ended' && this.conv !== null && !this.conv.hasPendingCommit && this.hasStaff();
  }

  protected override onStored(entry: SealedEntry, seq: number | undefined): void {
    super.onStored(entry, seq);
    if (entry.kind === 'welcome') this.jobs.settled();
  }

  protected onRefused(entry: SealedEntry, error: FrameError): void {
    if (error.code === 'conversation_ended') {
      void this.serial.push(() => this.finish('staff', false));
      return;
    }
    switch (entry.kind) {
      case 'app':
        if (entry.localId) {
          this.transcript = this.transcript.map((e) => (e.id === entry.localId && e.k === 'msg' ? { ...e, status: 'failed' } : e));
        }
        break;
      case 'commit':
        if (error.code === 'commit_conflict') break; // the stream shows which commit won; see apply()
        if (this.conv?.hasPendingCommit) this.conv.discardPendingCommit();
        this.outbox.removeWhere((e) => 'kind' in e && e.kind === 'welcome');
        this.jobs.settled();
        break;
      case 'welcome':
        this.jobs.settled(); // stored already (bad_welcome) or no longer wanted
        break;
    }
    console.warn('chat: message refused', entry.kind, error.code);
  }

  private async finish(by: 'citizen' | 'staff', deleted: boolean): Promise<void> {
    if (this.status === 'ended') return;
    this.status = 'ended';
    this.endedBy = by;
    this.phase = 'ended';
    this.outbox.clear();
    this.conn.stop();
    this.transcript = this.transcript.map((e) => (e.k === 'msg' && e.status === 'sending' ? { ...e, status: 'failed' } : e));
    this.addEntry({ k: 'sys', id: this.newId('s'), at: Date.now(), key: by === 'citizen' ? 'chat.endedByYou' : 'chat.endedByWorker' });
    if (deleted) this.addEntry({ k: 'sys', id: this.newId('s'), at: Date.now(), key: 'chat.deleted' });
    this.conv = null; // the keys are not needed any more
    this.save();
    this.changed();
  }

  protected save(): void {
    if (!this.conversation || !this.secret) return; // nothing to resume before citizen.opened
    const record: CitizenRecord = {
      v: CITIZEN_RECORD_VERSION,
      conversation: this.conversation,
      secret: this.secret,
      queue: this.queue,
      lang: this.lang,
      lastSeq: this.conv?.lastSeq ?? 0,
      mlsState: this.conv && this.status !== 'ended' ? toBase64(this.conv.exportState()) : null,
      nickname: this.nickname,
      status: this.status,
      endedBy: this.endedBy,
      transcript: this.transcript,
      outbox: this.outbox.toJSON(),
      ...this.jobs.toRecord(),
      lastHandover: this.lastHandover,
    };
    writeItem(this.storage, CITIZEN_STORAGE_KEY, encodeCitizenRecord(record));
  }
}
