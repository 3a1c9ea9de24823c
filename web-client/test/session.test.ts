import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, type AuthResponse } from '../src/staff/api';
import {
  needsRefresh,
  refreshDelay,
  retryDelay,
  SessionEndedError,
  SessionManager,
  STORAGE_KEY,
} from '../src/staff/session';
import { MemoryStorage } from './helpers/memory-storage';

const staff = { id: 's1', username: 'worker', displayName: 'Aino Työntekijä', roles: ['worker'], disabled: false };

function auth(token: string, expiresAt: number, refreshToken = `r-${token}`): AuthResponse {
  return { token, expiresAt, refreshToken, staff };
}

describe('refreshDelay', () => {
  const now = 1_000_000;

  it('refreshes a 15 min token one minute early', () => {
    expect(refreshDelay(now + 15 * 60_000, now)).toBe(14 * 60_000);
  });

  it('uses a quarter of a short lifetime as margin', () => {
    expect(refreshDelay(now + 60_000, now)).toBe(45_000);
  });

  it('keeps at least five seconds of margin', () => {
    expect(refreshDelay(now + 8_000, now)).toBe(3_000);
    expect(refreshDelay(now + 5_000, now)).toBe(0);
  });

  it('is zero for expired tokens and junk', () => {
    expect(refreshDelay(now - 1, now)).toBe(0);
    expect(refreshDelay(Number.NaN, now)).toBe(0);
  });

  it('stays within the setTimeout range', () => {
    expect(refreshDelay(now + 365 * 24 * 3_600_000, now)).toBeLessThan(2 ** 31);
  });

  it('needsRefresh matches a zero delay', () => {
    expect(needsRefresh(now + 4_000, now)).toBe(true);
    expect(needsRefresh(now + 60_000, now)).toBe(false);
  });

  it('backs off on retries', () => {
    expect([1, 2, 3, 4, 9].map(retryDelay)).toEqual([2_000, 5_000, 10_000, 30_000, 30_000]);
  });
});

describe('SessionManager', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(refresh: (token: string) => Promise<AuthResponse>) {
    const storage = new MemoryStorage();
    const ended = vi.fn();
    const manager = new SessionManager({ storage, refresh: vi.fn(refresh), onEnded: ended });
    return { storage, ended, manager, refresh: manager['deps'].refresh as ReturnType<typeof vi.fn> };
  }

  it('stores the session in storage and restores it', () => {
    const { storage, manager } = setup(async () => auth('b', Date.now() + 60_000));
    manager.start(auth('a', Date.now() + 15 * 60_000));
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).token).toBe('a');

    const again = new SessionManager({ storage, refresh: vi.fn(), onEnded: vi.fn() });
    expect(again.restore()?.token).toBe('a');
    expect(again.current?.staff.displayName).toBe('Aino Työntekijä');
  });

  it('ignores malformed stored data', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{"token":1}');
    const manager = new SessionManager({ storage, refresh: vi.fn(), onEnded: vi.fn() });
    expect(manager.restore()).toBeNull();
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    storage.setItem(STORAGE_KEY, 'not json');
    expect(manager.restore()).toBeNull();
  });

  it('refreshes shortly before expiry and rotates the refresh token', async () => {
    const { manager, refresh, storage } = setup(async (rt) => {
      expect(rt).toBe('r-a');
      return auth('b', Date.now() + 15 * 60_000);
    });
    manager.start(auth('a', Date.now() + 15 * 60_000));
    await vi.advanceTimersByTimeAsync(14 * 60_000 - 1);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(manager.current?.token).toBe('b');
    expect(manager.current?.refreshToken).toBe('r-b');
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).token).toBe('b');
    // and the next refresh is scheduled from the new expiry
    await vi.advanceTimersByTimeAsync(14 * 60_000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('hands every new token to its listeners, so an open chat connection can renew in-band', async () => {
    const { manager } = setup(async () => auth('b', Date.now() + 15 * 60_000));
    const seen: string[] = [];
    const off = manager.onTokenRenewed((token) => seen.push(token));
    manager.start(auth('a', Date.now() + 15 * 60_000));
    await manager.refreshNow();
    expect(seen).toEqual(['a', 'b']);
    off();
    await manager.refreshNow();
    expect(seen).toEqual(['a', 'b']);
  });

  it('reports why the server ended the session', () => {
    const { manager, ended } = setup(async () => auth('b', Date.now() + 60_000));
    manager.start(auth('a', Date.now() + 15 * 60_000));
    manager.end('disabled');
    expect(ended).toHaveBeenCalledWith('disabled');
    expect(manager.current).toBeNull();
  });

  it('ends the session when the refresh token is rejected', async () => {
    const { manager, ended, storage } = setup(async () => {
      throw new ApiError(401, 'invalid_token', null);
    });
    manager.start(auth('a', Date.now() + 60_000));
    await vi.advanceTimersByTimeAsync(45_000);
    expect(ended).toHaveBeenCalledWith('expired');
    expect(manager.current).toBeNull();
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
  });

  it('retries after a network error and keeps the session', async () => {
    let calls = 0;
    const { manager, ended } = setup(async () => {
      calls += 1;
      if (calls === 1) throw new NetworkError();
      return auth('b', Date.now() + 60_000);
    });
    manager.start(auth('a', Date.now() + 60_000));
    await vi.advanceTimersByTimeAsync(45_000);
    expect(calls).toBe(1);
    expect(manager.current?.token).toBe('a');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(2);
    expect(manager.current?.token).toBe('b');
    expect(ended).not.toHaveBeenCalled();
  });

  it('validToken refreshes an expired token once for concurrent callers', async () => {
    const { manager, refresh } = setup(async () => auth('b', Date.now() + 60_000));
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, JSON.stringify(auth('a', Date.now() - 1)));
    manager['deps'].storage = storage;
    manager.restore();
    vi.clearAllTimers();
    const [x, y] = await Promise.all([manager.validToken(), manager.validToken()]);
    expect([x, y]).toEqual(['b', 'b']);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('validToken returns the current token while it is fresh', async () => {
    const { manager, refresh } = setup(async () => auth('b', Date.now() + 60_000));
    manager.start(auth('a', Date.now() + 60_000));
    await expect(manager.validToken()).resolves.toBe('a');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('validToken without a session rejects', async () => {
    const { manager } = setup(async () => auth('b', 0));
    await expect(manager.validToken()).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('clear() forgets everything without reporting an ended session', async () => {
    const { manager, ended, storage, refresh } = setup(async () => auth('b', Date.now() + 60_000));
    manager.start(auth('a', Date.now() + 60_000));
    manager.clear();
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(refresh).not.toHaveBeenCalled();
    expect(ended).not.toHaveBeenCalled();
  });

  it('a refresh finishing after sign-out does not revive the session', async () => {
    let resolve!: (value: AuthResponse) => void;
    const { manager } = setup(() => new Promise<AuthResponse>((r) => (resolve = r)));
    manager.start(auth('a', Date.now() + 60_000));
    const pending = manager.refreshNow();
    manager.clear();
    resolve(auth('b', Date.now() + 60_000));
    await expect(pending).rejects.toBeInstanceOf(SessionEndedError);
    expect(manager.current).toBeNull();
  });
});
