// The worker's chat service in the console (no DOM): device set-up, the
// authenticated WebSocket (staff.auth), key package upload and top-up, live
// queue figures and the waiting chats (their frames are read in
// server-data.ts), presence, taking (the next chat or a specific one),
// transferring and ending chats, and the open conversations (each a
// StaffConversation).
import type { MlsClient } from '../../e2ee';
import { toBase64 } from '../../chat/base64';
import { parseMsgFrame } from '../../chat/channel';
import {
  ChatConnection,
  ConnectionLostError,
  defaultSocketUrl,
  FrameError,
  type ConnectionOptions,
  type ConnectionStatus,
  type Frame,
} from '../../chat/connection';
import { readItem, type StorageLike } from '../../chat/storage';
import { StaffConversation } from './conversation';
import { openDevice, type CertificateResponse, type DeviceHandle } from './device';
import { parseOutcomes, parseQueueStats, parseWaitingChats, type QueueStat, type WaitingChat } from './server-data';
import { clearStaffChat, conversationKey, parseConversationRecord, pruneConversations } from './store';

export type Presence = 'available' | 'busy' | 'away';
export const PRESENCE_VALUES: readonly Presence[] = ['available', 'busy', 'away'];
export const PRESENCE_STORAGE_KEY = 'matala.staff.presence';

export interface StaffChatDeps {
  client: MlsClient;
  storage: StorageLike | null;
  staffId: string;
  /** A valid access token for staff.auth (refreshed when needed). */
  token(): Promise<string>;
  /** A new access token now: after a role change the old one still states the old roles. */
  renewToken?(): Promise<void>;
  /**
   * Subscribes to every refreshed access token (returns the unsubscribe): the open connection
   * renews its session with it in-band (staff.renew), so it is not closed when the old one expires.
   */
  onTokenRenewed?(listener: (token: string) => void): () => void;
  certify(deviceId: string, publicKeyB64: string): Promise<CertificateResponse>;
  url?: string;
  connection?: ConnectionOptions;
}

export type ServiceEvent =
  | { kind: 'change' }
  | { kind: 'new-chat-waiting' }
  /** An encrypted request arrived or was answered (also after a reconnect: something may have changed meanwhile). */
  | { kind: 'requests-changed' }
  /** The knowledge bank's content changed: the console fetches this staff index version. */
  | { kind: 'kb-changed'; version: string }
  | { kind: 'message'; conversation: StaffConversation }
  /** Live queue figures arrived (the open-conversation list of supervisors and peers may have changed). */
  | { kind: 'queue-stats' }
  | { kind: 'assigned'; conversation: StaffConversation }
  /** The server ended this person's session for good (an admin disabled the account): sign out. */
  | { kind: 'session-ended'; reason: 'disabled' };

/** Close codes the server ends a staff connection with (docs/protocol.md, "Session"). */
export const CLOSE_TOKEN_EXPIRED = 4401;
export const CLOSE_ACCOUNT_DISABLED = 4403;
export const CLOSE_ROLES_CHANGED = 4409;

/** Key packages kept ready on the server for this device. */
const KEY_PACKAGE_TARGET = 10;
const KEY_PACKAGE_LOW = 4;

export class StaffChatService {
  readonly conn: ChatConnection;
  handle: DeviceHandle | null = null;
  /**
   * The device a role change retired: its key packages are gone from the server, but a Welcome
   * for one claimed just before the change may still come, and only this device can open it.
   */
  private retired: DeviceHandle | null = null;
  private renewing: Promise<void> | null = null;
  /** 'preparing' until the device is certified; 'failed' when that did not work. */
  deviceState: 'preparing' | 'ready' | 'failed' = 'preparing';
  connection: ConnectionStatus = 'stopped';
  queues: QueueStat[] = [];
  /** Outcome categories to end a chat with, as configured on the server (staff.authed). */
  outcomes: string[] = [];
  /** The waiting chats, per queue in queue order (arrive with `queues`). */
  waitingChats: WaitingChat[] = [];
  /** When `queues` arrived (longest waits grow from there). */
  queuesAt = Date.now();
  presence: Presence;
  readonly conversations = new Map<string, StaffConversation>();
  private readonly listeners = new Set<(event: ServiceEvent) => void>();
  private upload: Promise<void> | null = null;
  /** Set once this connection's key packages are on the server (taking a chat needs them). */
  keysReady = false;
  /** queue.take requests under way (their conversation.assigned is no news to the worker). */
  private taking = 0;
  private stopped = false;
  /** The token the current connection signed in with, and the newest one the session has. */
  private helloToken: string | null = null;
  private latestToken: string | null = null;
  /** Set once a device renewal began after this connection signed in (one per role change). */
  private renewedSinceAuth = false;
  private readonly offToken: () => void;

  constructor(private readonly deps: StaffChatDeps) {
    this.conn = new ChatConnection(
      deps.url ?? defaultSocketUrl(),
      {
        hello: () => this.hello(),
        onAuthed: (reply) => this.authed(reply),
        onAuthRefused: (error) => this.refused(error),
        onFrame: (frame) => this.frame(frame),
        onClosed: (code) => this.closed(code),
        onStatus: (status) => {
          this.connection = status;
          if (status !== 'online') {
            this.keysReady = false;
            for (const c of this.conversations.values()) c.offline();
          }
          this.emit({ kind: 'change' });
        },
      },
      deps.connection,
    );
    this.offToken = deps.onTokenRenewed?.((token) => this.renewInBand(token)) ?? (() => undefined);
    const stored = readItem(deps.storage, PRESENCE_STORAGE_KEY);
    this.presence = (PRESENCE_VALUES as readonly string[]).includes(stored ?? '') ? (stored as Presence) : 'available';
  }

  on(listener: (event: ServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ServiceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Certifies (or restores) the device, then connects. */
  async start(): Promise<void> {
    try {
      this.handle = await openDevice({
        client: this.deps.client,
        storage: this.deps.storage,
        staffId: this.deps.staffId,
        certify: this.deps.certify,
      });
      this.deviceState = 'ready';
    } catch (error) {
      console.error('chat: device set-up failed', error);
      this.deviceState = 'failed';
      this.emit({ kind: 'change' });
      return;
    }
    if (this.stopped) return;
    this.emit({ kind: 'change' });
    this.conn.start();
  }

  /**
   * An admin changed this person's roles (staff.changed): the device certificate states the old
   * role, so citizens' clients would refuse this device. A new token (with the new roles), a new
   * device certified for them, then staff.auth again, which uploads the new device's key packages.
   */
  renewDevice(): Promise<void> {
    this.renewedSinceAuth = true;
    this.renewing ??= (async () => {
      try {
        await this.deps.renewToken?.();
        const handle = await openDevice({
          client: this.deps.client,
          storage: this.deps.storage,
          staffId: this.deps.staffId,
          certify: this.deps.certify,
          renew: true,
        });
        if (this.stopped) return;
        this.retired = this.handle;
        this.retired?.dispose(); // it must not overwrite the new device's record
        this.handle = handle;
        this.keysReady = false;
        // The server closes the connection itself (4409) and the reconnect's staff.auth waits for
        // this renewal; a connection still signed in under the old roles is replaced here.
        if (this.conn.online) this.conn.reconnectNow(true);
        this.emit({ kind: 'change' });
      } catch (error) {
        console.warn('chat: renewing the device certificate failed', error);
      } finally {
        this.renewing = null;
      }
    })();
    return this.renewing;
  }

  stop(): void {
    this.stopped = true;
    this.offToken();
    this.conn.stop();
  }

  /** Sign-out: close and forget this tab's device and chats. */
  forget(): void {
    this.stop();
    this.handle?.dispose();
    for (const c of this.conversations.values()) c.close('signed-out');
    clearStaffChat(this.deps.storage);
  }

  openConversations(): StaffConversation[] {
    return [...this.conversations.values()];
  }

  totalWaiting(): number {
    return this.queues.reduce((n, q) => n + q.waiting, 0);
  }

  // ---- actions -------------------------------------------------------------------

  /** Takes the next waiting chat (of one queue, if given), or the given chat (`already_taken` if someone was quicker). */
  async take(target: { queue?: string; conversation?: string } = {}): Promise<StaffConversation> {
    const request: Frame = {
      type: 'queue.take',
      ...(target.queue ? { queue: target.queue } : {}),
      ...(target.conversation ? { conversation: target.conversation } : {}),
    };
    let reply: Frame;
    this.taking += 1;
    try {
      reply = await this.takeRequest(request);
    } finally {
      this.taking -= 1;
    }
    const c = await this.ensure(String(reply.conversation), String(reply.queue ?? ''), String(reply.lang ?? ''));
    this.openOnServer(c);
    this.emit({ kind: 'change' });
    return c;
  }

  /**
   * Supervisor or peer expert: joins a running chat visibly (conversation.join).
   * The citizen's client adds this device; the Welcome then arrives like a worker's.
   */
  async join(conversation: string, queue: string, lang: string): Promise<StaffConversation> {
    const existing = this.conversations.get(conversation);
    if (existing?.isAssigned) return existing;
    const reply = await this.takeRequest({ type: 'conversation.join', conversation });
    const c = await this.ensure(String(reply.conversation ?? conversation), queue, lang);
    this.openOnServer(c);
    this.emit({ kind: 'change' });
    return c;
  }

  private async takeRequest(request: Frame): Promise<Frame> {
    let reply: Frame;
    try {
      reply = await this.conn.request(request);
    } catch (error) {
      if (error instanceof FrameError && error.code === 'no_key_packages') {
        await this.uploadKeyPackages(KEY_PACKAGE_TARGET, true);
        reply = await this.conn.request(request);
      } else {
        throw error;
      }
    }
    return reply;
  }

  async setPresence(status: Presence): Promise<void> {
    this.presence = status;
    try {
      this.deps.storage?.setItem(PRESENCE_STORAGE_KEY, status);
    } catch {
      /* in memory only */
    }
    this.emit({ kind: 'change' });
    if (this.conn.online) await this.conn.request({ type: 'presence.set', status });
  }

  /** Sends the handover summary (if any) into the chat, waits until it is stored, then transfers. */
  async transfer(c: StaffConversation, target: { toQueue: string } | { toStaff: string }, summary: string): Promise<void> {
    if (summary && c.status === 'active') {
      c.sendHandover(summary);
    }
    await c.whenDelivered();
    await this.conn.request({ type: 'conversation.transfer', conversation: c.id, ...target });
  }

  /** A joined supervisor or peer expert leaves; the citizen's client then removes this device. */
  async leave(c: StaffConversation): Promise<void> {
    await c.whenDelivered().catch(() => undefined);
    await this.conn.request({ type: 'conversation.leave', conversation: c.id });
    if (c.isAssigned) c.close('left');
    this.emit({ kind: 'change' });
  }

  async end(c: StaffConversation, outcome: string): Promise<void> {
    await c.whenDelivered().catch(() => undefined);
    await this.conn.request({ type: 'conversation.end', conversation: c.id, outcome });
  }

  /**
   * Drops a chat from the waiting list until the next figures arrive: taking it
   * failed because it is no longer waiting, so the list must not offer it again.
   */
  forgetWaiting(conversation: string): void {
    const before = this.waitingChats.length;
    this.waitingChats = this.waitingChats.filter((w) => w.conversation !== conversation);
    if (this.waitingChats.length !== before) this.emit({ kind: 'change' });
  }

  /** Removes a closed chat from the list. */
  dismiss(c: StaffConversation): void {
    if (c.isAssigned) return;
    this.conversations.delete(c.id);
    this.emit({ kind: 'change' });
  }

  // ---- connection hooks ------------------------------------------------------------

  private async hello(): Promise<Frame> {
    // After a role change: sign in with the new token and device, not the retired ones.
    if (this.renewing) await this.renewing;
    const handle = this.handle;
    if (!handle) throw new Error('no device');
    const token = await this.deps.token();
    this.helloToken = token;
    return { type: 'staff.auth', token, device: handle.deviceId };
  }

  /**
   * The session has a new access token: this connection's session now lasts as long as that
   * one (staff.renew); otherwise the server closes it when the token it signed in with expires.
   */
  private renewInBand(token: string): void {
    this.latestToken = token;
    if (!this.conn.online || token === this.helloToken) return; // the next staff.auth uses it
    this.conn.request({ type: 'staff.renew', token }).then(
      () => {
        this.helloToken = token;
      },
      (error: unknown) => {
        if (error instanceof FrameError && error.code === 'roles_changed') void this.renewDevice();
        else if (!(error instanceof ConnectionLostError)) console.warn('chat: staff.renew refused', error);
      },
    );
  }

  /** The server closed the connection: true stops it for good (the account was disabled). */
  private closed(code: number): boolean {
    if (code === CLOSE_ACCOUNT_DISABLED) {
      this.emit({ kind: 'session-ended', reason: 'disabled' });
      return true;
    }
    // roles changed: usually staff.changed came first and the renewal is under way already
    if (code === CLOSE_ROLES_CHANGED && !this.renewedSinceAuth) void this.renewDevice();
    return false; // also 4401 (token expired): reconnect, signing in with a fresh token
  }

  private authed(reply: Frame): void {
    this.renewedSinceAuth = false;
    // The token may have been refreshed while this connection was signing in with the old one.
    if (this.latestToken && this.latestToken !== this.helloToken) this.renewInBand(this.latestToken);
    this.emit({ kind: 'requests-changed' });
    if (reply.queues !== undefined) this.setQueues(reply.queues, reply.waitingChats, false);
    this.outcomes = parseOutcomes(reply.outcomes);
    const list = Array.isArray(reply.conversations) ? (reply.conversations as Array<Record<string, unknown>>) : [];
    const ids = new Set(list.map((c) => String(c.conversation)));
    pruneConversations(this.deps.storage, ids);
    // Chats we no longer hold (e.g. ended while this tab was closed).
    for (const c of this.conversations.values()) {
      if (c.isAssigned && !ids.has(c.id)) c.close('removed');
    }
    void (async () => {
      for (const item of list) {
        const c = await this.ensure(String(item.conversation), String(item.queue ?? ''), String(item.lang ?? ''));
        this.openOnServer(c);
      }
      if (this.presence !== 'available') {
        await this.conn.request({ type: 'presence.set', status: this.presence }).catch(() => undefined);
      }
      await this.uploadKeyPackages(KEY_PACKAGE_TARGET, false);
      this.keysReady = true;
      this.emit({ kind: 'change' });
    })().catch((error: unknown) => console.warn('chat: after sign-in', error));
    this.emit({ kind: 'change' });
  }

  private refused(error: FrameError): boolean {
    console.warn('chat: staff.auth refused', error.code);
    return false; // the token is fetched (and refreshed) again on the next attempt
  }

  private frame(frame: Frame): void {
    switch (frame.type) {
      case 'queue.stats':
        this.setQueues(frame.queues, frame.waitingChats, true);
        this.emit({ kind: 'queue-stats' });
        break;
      case 'msg': {
        const msg = parseMsgFrame(frame);
        if (!msg) return;
        this.conversations.get(msg.conversation)?.onMsg(msg);
        break;
      }
      case 'conversation.assigned': {
        const fromColleague = this.taking === 0 && !this.conversations.get(String(frame.conversation))?.isAssigned;
        void this.ensure(String(frame.conversation), String(frame.queue ?? ''), String(frame.lang ?? '')).then((c) => {
          this.openOnServer(c);
          if (fromColleague) this.emit({ kind: 'assigned', conversation: c });
          this.emit({ kind: 'change' });
        });
        break;
      }
      case 'conversation.removed': {
        const c = this.conversations.get(String(frame.conversation));
        if (c) {
          c.close(typeof frame.reason === 'string' ? frame.reason : 'removed');
          this.emit({ kind: 'change' });
        }
        break;
      }
      case 'conversation.status': {
        const c = this.conversations.get(String(frame.conversation));
        if (c && frame.status === 'ended') {
          c.close('ended');
          this.emit({ kind: 'change' });
        }
        break;
      }
      case 'requests.changed':
        this.emit({ kind: 'requests-changed' });
        break;
      case 'kb.changed':
        if (typeof frame.version === 'string' && frame.version) this.emit({ kind: 'kb-changed', version: frame.version });
        break;
      case 'staff.changed':
        void this.renewDevice();
        break;
      case 'error':
        console.warn('chat: server error', frame.error, frame.message);
        break;
      default:
        break;
    }
  }

  private setQueues(value: unknown, waitingChats: unknown, live: boolean): void {
    const before = this.totalWaiting();
    const beforeById = new Map(this.queues.map((q) => [q.id, q.waiting]));
    this.queues = parseQueueStats(value);
    this.waitingChats = parseWaitingChats(waitingChats);
    this.queuesAt = Date.now();
    if (live && this.queues.some((q) => q.waiting > (beforeById.get(q.id) ?? 0)) && this.totalWaiting() >= before) {
      this.emit({ kind: 'new-chat-waiting' });
    }
    this.emit({ kind: 'change' });
  }

  // ---- conversations ----------------------------------------------------------------

  private async ensure(id: string, queue: string, lang: string): Promise<StaffConversation> {
    const existing = this.conversations.get(id);
    if (existing && existing.isAssigned) return existing;
    const deps = {
      conn: this.conn,
      storage: this.deps.storage,
      staffId: this.deps.staffId,
      devices: () => [this.handle!, ...(this.retired ? [this.retired] : [])],
      keyPackageUsed: () => void this.uploadKeyPackages(KEY_PACKAGE_TARGET, false),
      notify: (c: StaffConversation) => this.emit({ kind: 'message', conversation: c }),
    };
    const record = parseConversationRecord(readItem(this.deps.storage, conversationKey(id)));
    let c: StaffConversation;
    if (record && record.staffId === this.deps.staffId && record.status !== 'closed') {
      c = await StaffConversation.restore(record, this.deps.client, deps);
    } else {
      c = new StaffConversation(id, queue, lang, deps);
    }
    // Another call may have created it meanwhile.
    const again = this.conversations.get(id);
    if (again && again.isAssigned) return again;
    this.conversations.set(id, c);
    c.onChange(() => this.emit({ kind: 'change' }));
    return c;
  }

  private openOnServer(c: StaffConversation): void {
    if (c.opened || !c.isOpen || !this.conn.online) return;
    c.opened = true;
    this.conn.request({ type: 'conversation.open', conversation: c.id, afterSeq: c.resumeAfter() }).then(
      () => c.online(),
      (error: unknown) => {
        c.opened = false;
        if (error instanceof FrameError && (error.code === 'not_a_member' || error.code === 'unknown_conversation')) {
          c.close('removed');
          this.emit({ kind: 'change' });
        } else if (!(error instanceof ConnectionLostError)) {
          console.warn('chat: conversation.open failed', error);
        }
      },
    );
  }

  /**
   * Keeps about KEY_PACKAGE_TARGET unused key packages of this device on the
   * server (saved locally before they are uploaded). Concurrent calls share one upload.
   */
  private uploadKeyPackages(target: number, force: boolean): Promise<void> {
    if (this.upload) return this.upload.then(() => (force ? this.uploadKeyPackages(target, true) : undefined));
    const handle = this.handle;
    if (!handle || !this.conn.online) return Promise.resolve();
    const have = handle.device.pendingKeyPackages;
    if (!force && have >= KEY_PACKAGE_LOW && have >= target - 6) return Promise.resolve();
    const count = Math.min(20, Math.max(force ? 5 : 1, target - (force ? 0 : have)));
    this.upload = (async () => {
      try {
        const packages = await handle.device.generateKeyPackages(count);
        handle.save(); // their private keys must survive a reload before anyone can use them
        await this.conn.request({ type: 'keypackages.upload', device: handle.deviceId, keyPackages: packages.map(toBase64) });
      } catch (error) {
        console.warn('chat: key package upload failed', error);
      } finally {
        this.upload = null;
      }
    })();
    return this.upload;
  }
}
