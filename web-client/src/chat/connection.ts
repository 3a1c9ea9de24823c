// One WebSocket to the Matala server (docs/protocol.md) that comes back by
// itself: after a network change, sleep or a server restart it reconnects with
// exponential back-off and authenticates again (citizen.resume / staff.auth).
// Requests carry a rid and resolve with the answer that echoes it.
import { backoffDelay } from './backoff';

export type Frame = Record<string, unknown> & { type: string };

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'stopped';

/** The server answered a request with an `error` frame. */
export class FrameError extends Error {
  constructor(
    readonly code: string,
    readonly serverMessage: string,
    readonly frame: Frame,
  ) {
    super(`${code}: ${serverMessage}`);
    this.name = 'FrameError';
  }
}

/** The connection closed before the answer arrived; the request may or may not have reached the server. */
export class ConnectionLostError extends Error {
  constructor() {
    super('connection lost');
    this.name = 'ConnectionLostError';
  }
}

export interface ConnectionHooks {
  /** The authentication frame to send first on every (re)connection. */
  hello(): Frame | Promise<Frame>;
  /** Authentication succeeded; runs before any later frame of this connection is delivered. */
  onAuthed(reply: Frame): void;
  /** Authentication was refused. Return true when retrying is pointless (the connection then stops). */
  onAuthRefused(error: FrameError): boolean;
  /** Every frame that is not the answer to a request. */
  onFrame(frame: Frame): void;
  /**
   * The server closed the connection with this close code and reason (docs/protocol.md, e.g.
   * 4401 token expired, 4403 account disabled, 4409 roles changed). Return true when
   * reconnecting is pointless (the connection then stops); otherwise it reconnects as after
   * any close.
   */
  onClosed?(code: number, reason: string): boolean;
  onStatus?(status: ConnectionStatus): void;
}

export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface ConnectionOptions {
  createSocket?: (url: string) => WebSocketLike;
  /** How long to wait for an answer before the connection is considered dead. */
  requestTimeoutMs?: number;
  random?: () => number;
}

interface PendingRequest {
  resolve(frame: Frame): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

export function defaultSocketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export class ChatConnection {
  private socket: WebSocketLike | null = null;
  private authed = false;
  private stopped = true;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<string, PendingRequest>();
  private ridCounter = 0;
  private statusValue: ConnectionStatus = 'stopped';
  private readonly createSocket: (url: string) => WebSocketLike;
  private readonly requestTimeoutMs: number;
  private readonly random: () => number;

  constructor(
    private readonly url: string,
    private readonly hooks: ConnectionHooks,
    options: ConnectionOptions = {},
  ) {
    this.createSocket = options.createSocket ?? ((u) => new WebSocket(u) as unknown as WebSocketLike);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** Authenticated and able to send. */
  get online(): boolean {
    return this.authed && this.socket?.readyState === OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  /** Closes for good (until start()). Pending requests fail with ConnectionLostError. */
  stop(): void {
    this.stopped = true;
    this.clearRetry();
    const socket = this.socket;
    this.socket = null;
    this.authed = false;
    this.failPending();
    if (socket) {
      detach(socket);
      try {
        socket.close(1000, 'bye');
      } catch {
        /* already closed */
      }
    }
    this.setStatus('stopped');
  }

  /**
   * Reconnects at once: when waiting for the next attempt, or (force) also when
   * the socket looks open but may be dead, e.g. after the network changed.
   */
  reconnectNow(force = false): void {
    if (this.stopped) return;
    if (this.retryTimer !== null) {
      this.clearRetry();
      this.connect();
    } else if (force && this.socket) {
      this.dropSocket();
    }
  }

  /** Sends a request and resolves with the frame that answers it (same rid). */
  request(frame: Frame, rid?: string): Promise<Frame> {
    if (!this.online || !this.socket) return Promise.reject(new ConnectionLostError());
    const id = rid ?? this.nextRid();
    if (this.pending.has(id)) return Promise.reject(new Error(`request ${id} already pending`));
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        // No answer: treat the connection as dead; everything pending is retried after reconnecting.
        this.dropSocket();
      }, this.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.socket!.send(JSON.stringify({ ...frame, rid: id }));
      } catch {
        this.settle(id, undefined, new ConnectionLostError());
        this.dropSocket();
      }
    });
  }

  // ---- internals ----------------------------------------------------------

  private nextRid(): string {
    this.ridCounter += 1;
    return `r${this.ridCounter}`;
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.statusValue) return;
    this.statusValue = status;
    this.hooks.onStatus?.(status);
  }

  private connect(): void {
    if (this.stopped) return;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let socket: WebSocketLike;
    try {
      socket = this.createSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    this.authed = false;
    socket.onopen = () => void this.authenticate(socket);
    socket.onmessage = (event) => this.onMessage(socket, event.data);
    socket.onerror = () => {
      /* a close event follows */
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.authed = false;
      this.failPending();
      const { code, reason } = closeDetails(event);
      if (this.hooks.onClosed?.(code, reason)) {
        this.stop();
        return;
      }
      this.scheduleRetry();
    };
  }

  private async authenticate(socket: WebSocketLike): Promise<void> {
    let hello: Frame;
    try {
      hello = await this.hooks.hello();
    } catch (error) {
      console.error('chat: cannot build the authentication frame', error);
      this.stop();
      return;
    }
    if (this.socket !== socket) return;
    const rid = this.nextRid();
    const timer = setTimeout(() => this.dropSocket(), this.requestTimeoutMs);
    this.pending.set(rid, {
      timer,
      resolve: (reply) => {
        this.authed = true;
        this.attempt = 0;
        this.setStatus('online');
        this.hooks.onAuthed(reply);
      },
      reject: (error) => {
        if (error instanceof FrameError) {
          const fatal = this.hooks.onAuthRefused(error);
          if (fatal) {
            this.stop();
            return;
          }
          this.dropSocket();
        }
      },
    });
    try {
      socket.send(JSON.stringify({ ...hello, rid }));
    } catch {
      this.dropSocket();
    }
  }

  private onMessage(socket: WebSocketLike, data: unknown): void {
    if (this.socket !== socket || typeof data !== 'string') return;
    let frame: Frame;
    try {
      const parsed = JSON.parse(data) as unknown;
      if (!parsed || typeof parsed !== 'object' || typeof (parsed as Frame).type !== 'string') return;
      frame = parsed as Frame;
    } catch {
      return;
    }
    const rid = typeof frame.rid === 'string' ? frame.rid : null;
    if (rid !== null && this.pending.has(rid)) {
      if (frame.type === 'error') {
        this.settle(rid, undefined, new FrameError(String(frame.error ?? 'error'), String(frame.message ?? ''), frame));
      } else {
        this.settle(rid, frame);
      }
      return;
    }
    this.hooks.onFrame(frame);
  }

  private settle(rid: string, frame: Frame | undefined, error?: unknown): void {
    const p = this.pending.get(rid);
    if (!p) return;
    this.pending.delete(rid);
    clearTimeout(p.timer);
    if (error !== undefined) p.reject(error);
    else p.resolve(frame as Frame);
  }

  private failPending(): void {
    for (const rid of [...this.pending.keys()]) this.settle(rid, undefined, new ConnectionLostError());
  }

  /** Closes the current socket and reconnects (with back-off). */
  private dropSocket(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    this.authed = false;
    detach(socket);
    try {
      socket.close(4000, 'reconnect');
    } catch {
      /* ignore */
    }
    this.failPending();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.clearRetry();
    this.attempt += 1;
    this.setStatus('reconnecting');
    // The first retry is quick: most drops are a single blip.
    const delay = this.attempt === 1 ? 250 : backoffDelay(this.attempt - 1, this.random);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }
}

/** The close code and reason of a close event (0 and '' when the event carries none). */
function closeDetails(event: unknown): { code: number; reason: string } {
  const e = (event ?? {}) as { code?: unknown; reason?: unknown };
  return { code: typeof e.code === 'number' ? e.code : 0, reason: typeof e.reason === 'string' ? e.reason : '' };
}

function detach(socket: WebSocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onerror = null;
  socket.onclose = null;
}
