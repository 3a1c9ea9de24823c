import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatConnection, ConnectionLostError, FrameError, type ConnectionStatus, type Frame, type WebSocketLike } from '../../src/chat/connection';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  sent: Frame[] = [];
  closed = false;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Frame);
  }
  close(): void {
    this.closed = true;
    this.readyState = 3;
  }
  // server side
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: Frame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code?: number, reason?: string): void {
    this.readyState = 3;
    this.onclose?.(code === undefined ? {} : { code, reason });
  }
  last(): Frame {
    return this.sent[this.sent.length - 1];
  }
}

const flush = () => new Promise<void>((r) => queueMicrotask(r)).then(() => undefined);

describe('ChatConnection', () => {
  let sockets: FakeSocket[];
  let statuses: ConnectionStatus[];
  let frames: Frame[];
  let authed: Frame[];
  let refusedFatal: boolean;
  let closes: Array<[number, string]>;
  let closeStops: (code: number) => boolean;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    statuses = [];
    frames = [];
    authed = [];
    refusedFatal = false;
    closes = [];
    closeStops = () => false;
  });
  afterEach(() => vi.useRealTimers());

  function connection(): ChatConnection {
    let n = 0;
    return new ChatConnection(
      'wss://test/ws',
      {
        hello: () => ({ type: 'citizen.resume', attempt: ++n }),
        onAuthed: (reply) => authed.push(reply),
        onAuthRefused: () => refusedFatal,
        onFrame: (frame) => frames.push(frame),
        onStatus: (s) => statuses.push(s),
        onClosed: (code, reason) => {
          closes.push([code, reason]);
          return closeStops(code);
        },
      },
      {
        createSocket: () => {
          const s = new FakeSocket();
          sockets.push(s);
          return s;
        },
        random: () => 0,
        requestTimeoutMs: 10_000,
      },
    );
  }

  async function authenticate(s: FakeSocket): Promise<void> {
    s.open();
    await flush();
    await flush();
    const hello = s.last();
    s.receive({ type: 'citizen.resumed', rid: hello.rid });
  }

  it('authenticates first, then answers requests by rid and passes other frames on in order', async () => {
    const conn = connection();
    conn.start();
    expect(statuses).toEqual(['connecting']);
    await authenticate(sockets[0]);
    expect(sockets[0].sent[0]).toMatchObject({ type: 'citizen.resume', attempt: 1 });
    expect(authed).toHaveLength(1);
    expect(conn.online).toBe(true);
    expect(statuses).toEqual(['connecting', 'online']);

    sockets[0].receive({ type: 'msg', seq: 1 });
    const reply = conn.request({ type: 'msg.send', data: 'x' }, 'out-1');
    expect(sockets[0].last()).toEqual({ type: 'msg.send', data: 'x', rid: 'out-1' });
    sockets[0].receive({ type: 'msg', seq: 2 });
    sockets[0].receive({ type: 'msg.ack', rid: 'out-1', seq: 3 });
    await expect(reply).resolves.toMatchObject({ seq: 3 });
    expect(frames.map((f) => f.seq)).toEqual([1, 2]);

    const refused = conn.request({ type: 'msg.send' }, 'out-2');
    sockets[0].receive({ type: 'error', rid: 'out-2', error: 'commit_conflict', message: 'no', epoch: 4 });
    await expect(refused).rejects.toSatisfy((e: unknown) => e instanceof FrameError && e.code === 'commit_conflict' && e.frame.epoch === 4);
  });

  it('reconnects with back-off after the socket drops and authenticates again', async () => {
    const conn = connection();
    conn.start();
    await authenticate(sockets[0]);
    const pending = conn.request({ type: 'msg.send' }, 'a');
    sockets[0].drop();
    await expect(pending).rejects.toBeInstanceOf(ConnectionLostError);
    expect(conn.online).toBe(false);
    expect(statuses.at(-1)).toBe('reconnecting');
    await expect(conn.request({ type: 'x' })).rejects.toBeInstanceOf(ConnectionLostError);

    vi.advanceTimersByTime(249);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2); // first retry is quick
    sockets[1].drop(); // server still down
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3); // then 500 ms, 1 s, 2 s, …
    await authenticate(sockets[2]);
    expect(sockets[2].sent[0]).toMatchObject({ attempt: 2 });
    expect(authed).toHaveLength(2);
    expect(statuses.at(-1)).toBe('online');

    // the attempt counter starts again after a successful connection
    sockets[2].drop();
    vi.advanceTimersByTime(250);
    expect(sockets).toHaveLength(4);
  });

  it('treats an unanswered request as a dead connection', async () => {
    const conn = connection();
    conn.start();
    await authenticate(sockets[0]);
    const pending = conn.request({ type: 'msg.send' }, 'a');
    vi.advanceTimersByTime(10_000);
    await expect(pending).rejects.toBeInstanceOf(ConnectionLostError);
    expect(sockets[0].closed).toBe(true);
    vi.advanceTimersByTime(250);
    expect(sockets).toHaveLength(2);
  });

  it('stops for good when authentication is refused as fatal, retries otherwise', async () => {
    const conn = connection();
    conn.start();
    sockets[0].open();
    await flush();
    await flush();
    sockets[0].receive({ type: 'error', rid: sockets[0].last().rid, error: 'busy', message: '' });
    expect(statuses.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(250);
    refusedFatal = true;
    sockets[1].open();
    await flush();
    await flush();
    sockets[1].receive({ type: 'error', rid: sockets[1].last().rid, error: 'unknown_conversation', message: '' });
    expect(statuses.at(-1)).toBe('stopped');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('reconnectNow skips the wait, and with force replaces a socket that may be dead', async () => {
    const conn = connection();
    conn.start();
    await authenticate(sockets[0]);
    conn.reconnectNow(false);
    expect(sockets).toHaveLength(1); // fine as it is
    conn.reconnectNow(true);
    expect(sockets[0].closed).toBe(true);
    conn.reconnectNow(false); // waiting: go now
    expect(sockets).toHaveLength(2);
    conn.stop();
    expect(sockets[1].closed).toBe(true);
  });

  it('tells why the server closed the connection; the hook decides whether it comes back', async () => {
    const conn = connection();
    closeStops = (code) => code === 4403;
    conn.start();
    await authenticate(sockets[0]);
    sockets[0].drop(4401, 'token expired');
    expect(closes).toEqual([[4401, 'token expired']]);
    vi.advanceTimersByTime(250);
    expect(sockets).toHaveLength(2); // reconnects as after any close
    await authenticate(sockets[1]);

    sockets[1].drop(4403, 'account disabled');
    expect(closes.at(-1)).toEqual([4403, 'account disabled']);
    expect(statuses.at(-1)).toBe('stopped');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2); // stopped for good

    // a close without details (a network drop) reads as code 0
    conn.start();
    await authenticate(sockets[2]);
    sockets[2].drop();
    expect(closes.at(-1)).toEqual([0, '']);
  });
});
