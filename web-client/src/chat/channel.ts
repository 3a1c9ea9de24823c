// Shared engine of one end-to-end encrypted conversation, used by the citizen
// page and the staff console: processes the server's message stream in order
// through the MLS wrapper, encrypts drafts exactly once, and delivers the
// outbox one message at a time over the connection.
//
// Every change of the MLS state is saved (see `save`) before anything that
// depends on it leaves the browser, so a reload continues from the last saved
// point: messages after lastSeq are delivered again by the server, and the
// outbox is re-sent as the same bytes.
import type { AppPayload, SecureConversation } from '../e2ee';
import { ConnectionLostError, FrameError, type ChatConnection, type Frame } from './connection';
import { Outbox, type SealedEntry } from './outbox';
import { SerialQueue } from './serial';
import { toBase64 } from './base64';
import { updateEntry, type TranscriptEntry } from './transcript';

/** Re-sent entries wait this long after a reconnect, so that the replayed stream can show they were stored. */
export const RESEND_GRACE_MS = 1500;

export interface MsgFrame {
  conversation: string;
  seq: number;
  sender: string;
  wire: 'public' | 'private' | 'welcome';
  content: string | null;
  epoch: number;
  data: string;
  at: number;
}

export function parseMsgFrame(frame: Frame): MsgFrame | null {
  const { conversation, seq, sender, wire, data, at, epoch, content } = frame;
  if (typeof conversation !== 'string' || typeof data !== 'string' || typeof sender !== 'string') return null;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return null;
  if (wire !== 'public' && wire !== 'private' && wire !== 'welcome') return null;
  return {
    conversation,
    seq,
    sender,
    wire,
    content: typeof content === 'string' ? content : null,
    epoch: typeof epoch === 'number' ? epoch : 0,
    data,
    at: typeof at === 'number' ? at : Date.now(),
  };
}

export abstract class SecureChannel {
  conv: SecureConversation | null = null;
  outbox: Outbox;
  transcript: TranscriptEntry[];
  readonly serial = new SerialQueue((error) => this.onTaskError(error));
  private holdUntil = 0;
  private holdTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private entryCounter = 0;

  protected constructor(
    protected readonly conn: ChatConnection,
    init: { outbox?: Outbox; transcript?: TranscriptEntry[] } = {},
  ) {
    this.outbox = init.outbox ?? new Outbox();
    this.transcript = init.transcript ?? [];
  }

  /** The server's conversation id (null before it exists). */
  protected abstract conversationId(): string | null;
  /** May drafts be encrypted now? */
  protected abstract canSeal(): boolean;
  /** Persists everything (MLS state, transcript, outbox) in one write. */
  protected abstract save(): void;
  /** The server refused a message for good. */
  protected abstract onRefused(entry: SealedEntry, error: FrameError): void;

  /** Sealed entries that must wait (default: a Welcome waits until our commit is merged). */
  protected isBlocked(entry: SealedEntry): boolean {
    return entry.kind === 'welcome' && (this.conv?.hasPendingCommit ?? false);
  }

  /** The server stored an entry of ours (ack or echo). */
  protected onStored(entry: SealedEntry, seq: number | undefined): void {
    if (entry.localId !== undefined) {
      this.transcript = updateEntry(this.transcript, entry.localId, { status: 'sent', ...(seq !== undefined ? { seq } : {}) });
    }
  }

  protected onTaskError(error: unknown): void {
    console.error('chat task failed', error);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        console.error(error);
      }
    }
  }

  protected newId(prefix: string): string {
    this.entryCounter += 1;
    const random = new Uint32Array(2);
    crypto.getRandomValues(random);
    return `${prefix}${Date.now().toString(36)}${this.entryCounter.toString(36)}${random[0].toString(36)}${random[1].toString(36)}`.slice(0, 48);
  }

  protected addEntry(entry: TranscriptEntry): void {
    this.transcript = [...this.transcript, entry];
  }

  /** Queues an application payload for encryption and delivery (shown as "sending…" until acked when `show`). */
  protected queuePayload(payload: AppPayload, localId?: string, front = false): void {
    const id = this.newId('o');
    const draft = { id, payload: payload as unknown as Readonly<Record<string, unknown>> & { t: string }, ...(localId ? { localId } : {}) };
    this.outbox.addDraft(draft, front);
  }

  // ---- connection events ----------------------------------------------------

  /** Call when (re)authenticated: unanswered messages are sent again, after a short grace. */
  protected connected(): void {
    this.outbox.connectionLost();
    this.holdUntil = Date.now() + RESEND_GRACE_MS;
    this.kick();
  }

  protected disconnected(): void {
    this.outbox.connectionLost();
  }

  /** Encrypts what can be encrypted and sends the next message (in the serial queue). */
  kick(): void {
    void this.serial.push(() => this.sealAndSend());
  }

  protected async sealAndSend(): Promise<void> {
    await this.sealDrafts();
    this.sendNext();
  }

  protected async sealDrafts(): Promise<void> {
    let sealed = false;
    while (this.conv && this.canSeal()) {
      const draft = this.outbox.nextDraft();
      if (!draft) break;
      let bytes: Uint8Array;
      try {
        bytes = await this.conv.encrypt(draft.payload as unknown as AppPayload);
      } catch (error) {
        // e.g. a payload the codec refuses: drop it rather than block everything after it
        console.warn('chat: cannot encrypt', error);
        this.outbox.removeWhere((e) => e.id === draft.id);
        if (draft.localId) {
          this.transcript = this.transcript.map((e) => (e.id === draft.localId && e.k === 'msg' ? { ...e, status: 'failed' } : e));
        }
        this.save();
        sealed = true;
        continue;
      }
      this.outbox.sealDraft(draft.id, toBase64(bytes));
      sealed = true;
      // Saved before it can be sent: the ratchet moved on and these bytes are the only copy.
      this.save();
    }
    if (sealed) this.changed();
  }

  private sendNext(): void {
    const conversation = this.conversationId();
    if (!conversation || !this.conn.online) return;
    const entry = this.outbox.next((e) => this.isBlocked(e));
    if (!entry) return;
    const now = Date.now();
    if (entry.attempts > 0 && now < this.holdUntil) {
      if (this.holdTimer === null) {
        this.holdTimer = setTimeout(() => {
          this.holdTimer = null;
          this.kick();
        }, this.holdUntil - now);
      }
      return;
    }
    this.outbox.markSent(entry.id);
    this.save();
    const frame: Frame = { type: 'msg.send', conversation, data: entry.data };
    if (entry.to !== undefined) frame.to = entry.to;
    this.conn.request(frame, entry.id).then(
      (reply) => {
        void this.serial.push(() => this.acked(entry.id, typeof reply.seq === 'number' ? reply.seq : undefined));
      },
      (error: unknown) => {
        void this.serial.push(() => this.sendFailed(entry.id, error));
      },
    );
  }

  private async acked(id: string, seq: number | undefined): Promise<void> {
    const entry = this.outbox.acked(id);
    if (entry) {
      this.onStored(entry, seq);
      this.save();
      this.changed();
    }
    await this.sealAndSend();
  }

  private async sendFailed(id: string, error: unknown): Promise<void> {
    if (error instanceof ConnectionLostError || !(error instanceof FrameError)) {
      this.outbox.retry(id); // sent again after reconnecting
      return;
    }
    if (error.code === 'rate_limited' || error.code === 'busy' || error.code === 'internal_error') {
      this.outbox.retry(id);
      setTimeout(() => this.kick(), 2000);
      return;
    }
    const entry = this.outbox.failed(id);
    if (entry) {
      this.onRefused(entry, error);
      this.save();
      this.changed();
    }
    await this.sealAndSend();
  }

  /**
   * A message of the stream: if its bytes are one of ours still in the
   * outbox, it was stored (the ack was lost, e.g. by a reload).
   */
  protected matchOwnEcho(msg: MsgFrame): void {
    const entry = this.outbox.matchEcho(msg.data);
    if (entry) this.onStored(entry, msg.seq);
  }
}
