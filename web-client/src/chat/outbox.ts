// The outbox: what this client still has to deliver to the server, kept with
// the MLS state so that a reload or a lost connection loses nothing.
//
// Two lists:
//  - drafts: application payloads not yet encrypted (e.g. typed while no
//    worker is in the group yet, or while our commit awaits the server);
//  - sealed: MLS messages, encrypted exactly once, sent strictly in order and
//    one at a time (the next one only after the server's msg.ack). A sealed
//    message is re-sent as the same bytes until it is acknowledged, seen in
//    the stream (its echo), or refused by the server.
//
// Pure bookkeeping: no I/O, no timers, no crypto.

export type SealedKind = 'app' | 'commit' | 'welcome';

export interface SealedEntry {
  /** Client id; also the request id (rid) of its msg.send. */
  readonly id: string;
  readonly kind: SealedKind;
  /** Base64 MLSMessage exactly as sent. */
  readonly data: string;
  /** Recipient staff id (Welcome only). */
  readonly to?: string;
  /** Transcript entry this message belongs to (own chat messages). */
  readonly localId?: string;
  /** Times it has been handed to the socket. */
  attempts: number;
}

export interface DraftEntry {
  readonly id: string;
  /** Application payload (JSON object) to encrypt. */
  readonly payload: Readonly<Record<string, unknown>> & { readonly t: string };
  readonly localId?: string;
}

export interface OutboxState {
  sealed: SealedEntry[];
  drafts: DraftEntry[];
}

export class Outbox {
  private sealed: SealedEntry[];
  private drafts: DraftEntry[];
  private inFlightId: string | null = null;

  constructor(state?: OutboxState | null) {
    this.sealed = state ? state.sealed.map((e) => ({ ...e })) : [];
    this.drafts = state ? state.drafts.map((d) => ({ ...d })) : [];
  }

  toJSON(): OutboxState {
    return { sealed: this.sealed.map((e) => ({ ...e })), drafts: this.drafts.map((d) => ({ ...d })) };
  }

  get isEmpty(): boolean {
    return this.sealed.length === 0 && this.drafts.length === 0;
  }

  get sealedCount(): number {
    return this.sealed.length;
  }

  get draftCount(): number {
    return this.drafts.length;
  }

  get inFlight(): string | null {
    return this.inFlightId;
  }

  entries(): readonly SealedEntry[] {
    return this.sealed;
  }

  draftEntries(): readonly DraftEntry[] {
    return this.drafts;
  }

  /** Adds a payload to encrypt later; `front` puts it before the other drafts. */
  addDraft(draft: DraftEntry, front = false): void {
    if (this.has(draft.id)) throw new Error(`duplicate outbox id ${draft.id}`);
    if (front) this.drafts.unshift({ ...draft });
    else this.drafts.push({ ...draft });
  }

  /** Adds several drafts in this order before the existing ones. */
  addDraftsFirst(drafts: readonly DraftEntry[]): void {
    for (let i = drafts.length - 1; i >= 0; i--) this.addDraft(drafts[i], true);
  }

  nextDraft(): DraftEntry | undefined {
    return this.drafts[0];
  }

  /** The draft `id` was encrypted to `data`: it moves to the end of the send queue. */
  sealDraft(id: string, data: string): SealedEntry {
    const index = this.drafts.findIndex((d) => d.id === id);
    if (index < 0) throw new Error(`no draft ${id}`);
    const [draft] = this.drafts.splice(index, 1);
    const entry: SealedEntry = {
      id: draft.id,
      kind: 'app',
      data,
      ...(draft.localId !== undefined ? { localId: draft.localId } : {}),
      attempts: 0,
    };
    this.sealed.push(entry);
    return entry;
  }

  addSealed(entry: Omit<SealedEntry, 'attempts'> & { attempts?: number }): SealedEntry {
    if (this.has(entry.id)) throw new Error(`duplicate outbox id ${entry.id}`);
    const stored: SealedEntry = { ...entry, attempts: entry.attempts ?? 0 };
    this.sealed.push(stored);
    return stored;
  }

  /**
   * The entry to send now: the first sealed one, unless one is already on its
   * way (waiting for its ack) or the first one is `blocked`.
   */
  next(blocked: (entry: SealedEntry) => boolean = () => false): SealedEntry | undefined {
    if (this.inFlightId !== null) return undefined;
    const head = this.sealed[0];
    if (head === undefined || blocked(head)) return undefined;
    return head;
  }

  markSent(id: string): void {
    const entry = this.sealed.find((e) => e.id === id);
    if (!entry) throw new Error(`no sealed entry ${id}`);
    entry.attempts += 1;
    this.inFlightId = id;
  }

  /** The server stored it (msg.ack). Returns the entry, or undefined if already settled. */
  acked(id: string): SealedEntry | undefined {
    return this.remove(id);
  }

  /** The server refused it for good. */
  failed(id: string): SealedEntry | undefined {
    return this.remove(id);
  }

  /** The in-flight entry was not answered (connection lost or retry later): send it again. */
  retry(id?: string): void {
    if (id === undefined || this.inFlightId === id) this.inFlightId = null;
  }

  /** The connection was lost: whatever was in flight is sent again after reconnecting. */
  connectionLost(): void {
    this.inFlightId = null;
  }

  /**
   * A message from the server stream with these bytes: if it is one of ours
   * it was stored, even if we never saw the ack (e.g. after a reload).
   */
  matchEcho(data: string): SealedEntry | undefined {
    const entry = this.sealed.find((e) => e.data === data && e.kind !== 'welcome');
    return entry ? this.remove(entry.id) : undefined;
  }

  /** Removes every sealed entry and draft for which `predicate` holds; returns the removed sealed ones. */
  removeWhere(predicate: (entry: SealedEntry | DraftEntry) => boolean): Array<SealedEntry | DraftEntry> {
    const removed: Array<SealedEntry | DraftEntry> = [];
    this.sealed = this.sealed.filter((e) => {
      if (!predicate(e)) return true;
      removed.push(e);
      if (this.inFlightId === e.id) this.inFlightId = null;
      return false;
    });
    this.drafts = this.drafts.filter((d) => {
      if (!predicate(d)) return true;
      removed.push(d);
      return false;
    });
    return removed;
  }

  clear(): void {
    this.sealed = [];
    this.drafts = [];
    this.inFlightId = null;
  }

  private has(id: string): boolean {
    return this.sealed.some((e) => e.id === id) || this.drafts.some((d) => d.id === id);
  }

  private remove(id: string): SealedEntry | undefined {
    const index = this.sealed.findIndex((e) => e.id === id);
    if (this.inFlightId === id) this.inFlightId = null;
    if (index < 0) return undefined;
    return this.sealed.splice(index, 1)[0];
  }
}

/** Checks the shape of a stored outbox (from sessionStorage); throws when it is not one. */
export function parseOutboxState(value: unknown): OutboxState {
  if (!value || typeof value !== 'object') throw new Error('outbox: not an object');
  const v = value as { sealed?: unknown; drafts?: unknown };
  if (!Array.isArray(v.sealed) || !Array.isArray(v.drafts)) throw new Error('outbox: lists missing');
  const ids = new Set<string>();
  const uniqueId = (id: unknown): string => {
    if (typeof id !== 'string' || id.length === 0 || id.length > 64 || ids.has(id)) throw new Error('outbox: bad id');
    ids.add(id);
    return id;
  };
  const optString = (x: unknown, name: string): string | undefined => {
    if (x === undefined) return undefined;
    if (typeof x !== 'string') throw new Error(`outbox: bad ${name}`);
    return x;
  };
  const sealed: SealedEntry[] = v.sealed.map((raw) => {
    if (!raw || typeof raw !== 'object') throw new Error('outbox: bad entry');
    const e = raw as Record<string, unknown>;
    const kind = e.kind;
    if (kind !== 'app' && kind !== 'commit' && kind !== 'welcome') throw new Error('outbox: bad kind');
    if (typeof e.data !== 'string' || e.data.length === 0) throw new Error('outbox: bad data');
    const attempts = e.attempts ?? 0;
    if (typeof attempts !== 'number' || !Number.isSafeInteger(attempts) || attempts < 0) throw new Error('outbox: bad attempts');
    const to = optString(e.to, 'to');
    const localId = optString(e.localId, 'localId');
    if (kind === 'welcome' && to === undefined) throw new Error('outbox: welcome without recipient');
    return {
      id: uniqueId(e.id),
      kind,
      data: e.data,
      ...(to !== undefined ? { to } : {}),
      ...(localId !== undefined ? { localId } : {}),
      attempts,
    };
  });
  const drafts: DraftEntry[] = v.drafts.map((raw) => {
    if (!raw || typeof raw !== 'object') throw new Error('outbox: bad draft');
    const d = raw as Record<string, unknown>;
    const payload = d.payload as Record<string, unknown> | null;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload) || typeof payload.t !== 'string') {
      throw new Error('outbox: bad payload');
    }
    const localId = optString(d.localId, 'localId');
    return {
      id: uniqueId(d.id),
      payload: payload as DraftEntry['payload'],
      ...(localId !== undefined ? { localId } : {}),
    };
  });
  return { sealed, drafts };
}
