// One chat as the worker's console sees it: waits for the Welcome the
// citizen's client sends, joins the MLS group from it, then processes the
// stream in order. Saved to sessionStorage after each change.
import type { AppPayload, ConversationEvent, MemberInfo, MlsClient, SecureConversation } from '../../e2ee';
import { fromBase64, toBase64 } from '../../chat/base64';
import { SecureChannel, type MsgFrame } from '../../chat/channel';
import type { ChatConnection, FrameError } from '../../chat/connection';
import { Outbox, type SealedEntry } from '../../chat/outbox';
import { memberEntry, receivedHandover, receivedText, refusedChangeEntry, uniqueStaff, warnRefusedChange } from '../../chat/received';
import { removeItem, writeItem, type StorageLike } from '../../chat/storage';
import type { DeviceHandle } from './device';
import { conversationKey, type StaffConversationRecord, type StaffConversationStatus } from './store';

export interface StaffConversationDeps {
  conn: ChatConnection;
  storage: StorageLike | null;
  staffId: string;
  /** This tab's devices, current first (then one retired by a role change whose Welcome may still come). */
  devices: () => DeviceHandle[];
  /** A key package of this device was used: top up the server's supply. */
  keyPackageUsed: () => void;
  /** Something the worker should notice (a message from the client). */
  notify: (conversation: StaffConversation, kind: 'message') => void;
}

export class StaffConversation extends SecureChannel {
  status: StaffConversationStatus = 'joining';
  closedReason: string | null = null;
  lastSeq = 0;
  clientName: string | null = null;
  unread = 0;
  /** Opened (conversation.open sent) on the current connection. */
  opened = false;
  private deliveredWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];

  constructor(
    readonly id: string,
    readonly queue: string,
    readonly lang: string,
    private readonly deps: StaffConversationDeps,
    init: { outbox?: Outbox; transcript?: StaffConversationRecord['transcript'] } = {},
  ) {
    super(deps.conn, { outbox: init.outbox, transcript: init.transcript ? [...init.transcript] : [] });
  }

  static async restore(record: StaffConversationRecord, client: MlsClient, deps: StaffConversationDeps): Promise<StaffConversation> {
    const c = new StaffConversation(record.conversation, record.queue, record.lang, deps, {
      outbox: new Outbox(record.outbox),
      transcript: record.transcript,
    });
    c.status = record.status;
    c.closedReason = record.closedReason;
    c.lastSeq = record.lastSeq;
    c.clientName = record.clientName;
    if (record.mlsState && record.status === 'active') {
      try {
        c.conv = await client.restoreConversation(fromBase64(record.mlsState));
      } catch (error) {
        console.warn('chat: stored conversation unusable', error);
        c.status = 'unreadable';
      }
    }
    return c;
  }

  /** The citizen's name for this chat: the one they gave, else their MLS pseudonym. */
  displayName(): string | null {
    if (this.clientName) return this.clientName;
    const citizen = this.conv?.members().find((m) => m.kind === 'citizen');
    return citizen?.displayName ?? null;
  }

  /** Receiving and (once joined) able to write. */
  get isOpen(): boolean {
    return this.status === 'joining' || this.status === 'active';
  }

  /** Still ours on the server (also when this window cannot read it). */
  get isAssigned(): boolean {
    return this.status !== 'closed';
  }

  /** afterSeq for conversation.open. */
  resumeAfter(): number {
    return Math.max(this.lastSeq, this.conv?.lastSeq ?? 0);
  }

  // ---- actions ---------------------------------------------------------------

  send(body: string): void {
    if (this.status !== 'active') return;
    const localId = this.newId('m');
    const now = Date.now();
    this.addEntry({ k: 'msg', id: localId, at: now, self: true, senderKind: 'staff', name: '', body, status: 'sending' });
    this.queuePayload({ t: 'text', body, ts: now }, localId);
    this.save();
    this.changed();
    this.kick();
  }

  /** Queues the handover summary (encrypted into the chat; everyone in it sees it). */
  sendHandover(summary: string, toRole?: string): void {
    if (this.status !== 'active') throw new Error('not active');
    const now = Date.now();
    const me = this.conv?.self();
    this.addEntry({
      k: 'handover',
      id: this.newId('h'),
      at: now,
      summary,
      author: me?.displayName ?? '',
      ...(me?.kind === 'staff' ? { authorRole: me.role } : {}),
      forwarded: false,
      self: true,
    });
    this.queuePayload({ t: 'handover', summary, ...(toRole ? { toRole } : {}), ts: now });
    this.save();
    this.changed();
    this.kick();
  }

  /** Resolves once everything queued so far has been stored by the server. */
  whenDelivered(): Promise<void> {
    if (this.outbox.isEmpty) return Promise.resolve();
    return new Promise((resolve, reject) => this.deliveredWaiters.push({ resolve, reject }));
  }

  markRead(): void {
    if (this.unread === 0) return;
    this.unread = 0;
    this.changed();
  }

  /** The server took the chat from us (transfer, end, removal). */
  close(reason: string): void {
    if (this.status === 'closed') return;
    this.status = 'closed';
    this.closedReason = reason;
    this.conv = null;
    this.outbox.clear();
    this.settleWaiters(new Error(`closed: ${reason}`));
    this.transcript = this.transcript.map((e) => (e.k === 'msg' && e.status === 'sending' ? { ...e, status: 'failed' } : e));
    removeItem(this.deps.storage, conversationKey(this.id));
    this.changed();
  }

  /** Called after (re)authenticating and conversation.open. */
  online(): void {
    this.connected();
  }

  offline(): void {
    this.opened = false;
    this.disconnected();
  }

  // ---- stream ----------------------------------------------------------------

  onMsg(msg: MsgFrame): void {
    void this.serial.push(() => this.processMsg(msg));
  }

  private async processMsg(msg: MsgFrame): Promise<void> {
    if (msg.conversation !== this.id || !this.isOpen) return;
    if (msg.seq <= this.resumeAfter()) return; // already processed (replay)
    this.matchOwnEcho(msg);
    if (!this.conv) {
      await this.join(msg);
    } else {
      const event = await this.conv.process(fromBase64(msg.data), msg.seq);
      this.apply(event, msg);
      this.lastSeq = Math.max(this.lastSeq, msg.seq);
    }
    this.save();
    this.changed();
    await this.sealAndSend();
  }

  private async join(msg: MsgFrame): Promise<void> {
    this.lastSeq = msg.seq;
    if (msg.wire !== 'welcome') return; // nothing before our Welcome is for us
    let joined: { handle: DeviceHandle; conv: SecureConversation } | null = null;
    for (const handle of this.deps.devices()) {
      try {
        joined = { handle, conv: await handle.device.joinFromWelcome(fromBase64(msg.data)) };
        break;
      } catch (error) {
        // e.g. the Welcome is for a key package of another window's device
        console.warn('chat: cannot join from Welcome', error);
      }
    }
    if (!joined) {
      this.status = 'unreadable';
      return;
    }
    this.conv = joined.conv;
    joined.handle.save(); // the key package is used up
    this.deps.keyPackageUsed();
    this.status = 'active';
    const others = uniqueStaff(joined.conv.members()).filter((m) => !m.isSelf);
    for (const m of others) this.addEntry(memberEntry(this.newId('n'), msg.at, 'joined', m));
  }

  private apply(event: ConversationEvent, msg: MsgFrame): void {
    switch (event.kind) {
      case 'application':
        this.received(event.sender, event.payload, msg);
        break;
      case 'commit': {
        const self = this.conv?.self();
        for (const m of uniqueStaff(event.removed)) {
          if (self?.kind === 'staff' && m.staffId === self.staffId) continue;
          this.addEntry(memberEntry(this.newId('n'), msg.at, 'left', m));
        }
        for (const m of uniqueStaff(event.added)) {
          if (self?.kind === 'staff' && m.staffId === self.staffId) continue;
          this.addEntry(memberEntry(this.newId('n'), msg.at, 'joined', m));
        }
        if (event.selfRemoved) this.close('removed');
        break;
      }
      case 'rejected':
        if (event.error.code === 'group-change-refused') {
          // A colleague's client tried to change the group: only the citizen's client does that.
          warnRefusedChange(event.sender, event.error.message);
          this.addEntry(refusedChangeEntry(this.newId('s'), msg.at, event.sender, 'work.changeRefused', 'chat.changeRefusedUnknown'));
          break;
        }
        if (msg.sender !== this.deps.staffId) {
          console.warn('chat: message rejected', event.error.code);
          this.addEntry({ k: 'sys', id: this.newId('s'), at: msg.at, key: 'chat.undecryptable' });
        }
        break;
      default:
        break;
    }
  }

  private received(sender: MemberInfo, payload: AppPayload, msg: MsgFrame): void {
    switch (payload.t) {
      case 'text':
        this.addEntry(receivedText(this.newId('r'), sender, payload.body, msg));
        if (sender.kind === 'citizen') {
          this.unread += 1;
          this.deps.notify(this, 'message');
        }
        break;
      case 'notice':
        // The citizen's client tells the name they chose, inside the encrypted chat.
        if (sender.kind === 'citizen' && payload.event === 'joined') {
          this.clientName = payload.name;
          this.addEntry({ k: 'client-name', id: this.newId('n'), at: msg.at, name: payload.name, self: false });
        }
        break;
      case 'handover':
        this.addEntry(receivedHandover(this.newId('h'), sender, payload, msg));
        break;
      default:
        break;
    }
  }

  // ---- SecureChannel -----------------------------------------------------------

  protected conversationId(): string | null {
    return this.id;
  }

  protected canSeal(): boolean {
    return this.status === 'active' && this.conv !== null && this.conv.status === 'active';
  }

  protected override async sealAndSend(): Promise<void> {
    await super.sealAndSend();
    if (this.outbox.isEmpty) this.settleWaiters();
  }

  protected onRefused(entry: SealedEntry, error: FrameError): void {
    console.warn('chat: message refused', entry.kind, error.code);
    if (entry.localId) {
      this.transcript = this.transcript.map((e) => (e.id === entry.localId && e.k === 'msg' ? { ...e, status: 'failed' } : e));
    }
    this.settleWaiters(new Error(error.code));
  }

  private settleWaiters(error?: Error): void {
    const waiters = this.deliveredWaiters;
    this.deliveredWaiters = [];
    for (const w of waiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
  }

  protected save(): void {
    if (this.status === 'closed') return;
    const record: StaffConversationRecord = {
      v: 1,
      staffId: this.deps.staffId,
      conversation: this.id,
      queue: this.queue,
      lang: this.lang,
      status: this.status,
      closedReason: this.closedReason,
      lastSeq: this.resumeAfter(),
      mlsState: this.conv ? toBase64(this.conv.exportState()) : null,
      clientName: this.clientName,
      transcript: this.transcript,
      outbox: this.outbox.toJSON(),
    };
    writeItem(this.deps.storage, conversationKey(this.id), JSON.stringify(record));
  }
}
