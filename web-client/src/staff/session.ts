// The signed-in staff session: access token kept in memory and in
// sessionStorage (per tab, gone when the tab closes; never localStorage),
// refreshed shortly before it expires. Timers, clock, storage and the refresh
// call are injected so the scheduling can be unit-tested.
import { ApiError, NetworkError, type AuthResponse, type Staff } from './api';

export const STORAGE_KEY = 'matala.staff.session';

export interface StoredSession {
  token: string;
  expiresAt: number;
  refreshToken: string;
  staff: Staff;
}

/** Most we wait before a refresh; also keeps setTimeout below its 2^31 ms limit. */
const MAX_DELAY_MS = 2_147_000_000;
const MAX_MARGIN_MS = 60_000;
const MIN_MARGIN_MS = 5_000;

/**
 * Milliseconds from `now` until the token should be refreshed: a margin
 * before expiry of a quarter of the remaining lifetime, at least 5 s and at
 * most 60 s. Zero when the token is (nearly) expired already.
 */
export function refreshDelay(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  if (!Number.isFinite(remaining) || remaining <= 0) return 0;
  const margin = Math.min(MAX_MARGIN_MS, Math.max(MIN_MARGIN_MS, remaining / 4));
  return Math.min(MAX_DELAY_MS, Math.max(0, Math.floor(remaining - margin)));
}

/** Back-off after a refresh that failed for a transient reason (1-based attempt). */
export function retryDelay(attempt: number): number {
  const steps = [2_000, 5_000, 10_000, 30_000];
  return steps[Math.min(Math.max(attempt, 1), steps.length) - 1];
}

/** True when the token cannot be used for a request any more. */
export function needsRefresh(expiresAt: number, now: number): boolean {
  return refreshDelay(expiresAt, now) === 0;
}

function isStoredSession(value: unknown): value is StoredSession {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<StoredSession>;
  return (
    typeof v.token === 'string' &&
    typeof v.expiresAt === 'number' &&
    typeof v.refreshToken === 'string' &&
    !!v.staff &&
    typeof v.staff === 'object' &&
    typeof v.staff.displayName === 'string' &&
    Array.isArray(v.staff.roles)
  );
}

/** Why a session ended without the user signing out: it ran out, or an admin disabled the account. */
export type EndReason = 'expired' | 'disabled';

export class SessionEndedError extends Error {
  constructor() {
    super('session ended');
    this.name = 'SessionEndedError';
  }
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SessionDeps {
  storage: StorageLike | null;
  refresh: (refreshToken: string) => Promise<AuthResponse>;
  onEnded: (reason: EndReason) => void;
  onChange?: (session: StoredSession) => void;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class SessionManager {
  private session: StoredSession | null = null;
  private timer: unknown = null;
  private inFlight: Promise<StoredSession> | null = null;
  private failures = 0;
  private readonly tokenListeners = new Set<(token: string) => void>();
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.setTimer = deps.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = deps.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  get current(): StoredSession | null {
    return this.session;
  }

  /** Loads a session left in storage by an earlier page load of this tab. */
  restore(): StoredSession | null {
    let stored: unknown = null;
    try {
      const raw = this.deps.storage?.getItem(STORAGE_KEY);
      stored = raw ? JSON.parse(raw) : null;
    } catch {
      stored = null;
    }
    if (!isStoredSession(stored)) {
      this.forget();
      return null;
    }
    this.session = stored;
    this.schedule();
    return stored;
  }

  /** Begins a session from a login (or refresh) response. */
  start(auth: AuthResponse): StoredSession {
    this.session = {
      token: auth.token,
      expiresAt: auth.expiresAt,
      refreshToken: auth.refreshToken,
      staff: auth.staff,
    };
    this.failures = 0;
    this.persist();
    this.schedule();
    this.deps.onChange?.(this.session);
    const token = this.session.token;
    for (const listener of [...this.tokenListeners]) {
      try {
        listener(token);
      } catch (error) {
        console.error(error);
      }
    }
    return this.session;
  }

  /**
   * Calls the listener with every new access token (each refresh), e.g. so that an open chat
   * connection renews its session in-band before the old token expires. Returns the unsubscribe.
   */
  onTokenRenewed(listener: (token: string) => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  /** Updates the stored staff object (e.g. after GET /api/staff/me). */
  updateStaff(staff: Staff): void {
    if (!this.session) return;
    this.session = { ...this.session, staff };
    this.persist();
    this.deps.onChange?.(this.session);
  }

  /** Drops the session (sign-out): no callback. */
  clear(): void {
    this.forget();
  }

  /** Drops the session because the server no longer accepts it. */
  end(reason: EndReason = 'expired'): void {
    const had = this.session !== null;
    this.forget();
    if (had) this.deps.onEnded(reason);
  }

  /** An access token fit for a request now, refreshing first if needed. */
  async validToken(): Promise<string> {
    const session = this.session;
    if (!session) throw new SessionEndedError();
    if (!needsRefresh(session.expiresAt, this.now())) return session.token;
    try {
      return (await this.refreshNow()).token;
    } catch (error) {
      // A transient failure while the old token is still valid: use it.
      if (isTransient(error) && this.session === session && session.expiresAt > this.now()) {
        return session.token;
      }
      throw error;
    }
  }

  /** Refreshes now; concurrent callers share one request. */
  refreshNow(): Promise<StoredSession> {
    if (this.inFlight) return this.inFlight;
    const session = this.session;
    if (!session) return Promise.reject(new SessionEndedError());
    this.cancelTimer();
    const attempt = this.deps
      .refresh(session.refreshToken)
      .then((auth) => {
        // Signed out (or a new login) while the request was under way.
        if (this.session?.refreshToken !== session.refreshToken) throw new SessionEndedError();
        return this.start(auth);
      })
      .catch((error: unknown) => {
        if (error instanceof SessionEndedError) throw error;
        if (this.session?.refreshToken !== session.refreshToken) throw new SessionEndedError();
        if (isTransient(error)) {
          this.failures += 1;
          this.schedule(retryDelay(this.failures));
          throw error;
        }
        this.end('expired');
        throw new SessionEndedError();
      })
      .finally(() => {
        this.inFlight = null;
      });
    this.inFlight = attempt;
    return attempt;
  }

  /** Re-arms the refresh timer, e.g. when a background tab becomes visible. */
  schedule(delay?: number): void {
    this.cancelTimer();
    const session = this.session;
    if (!session) return;
    const ms = delay ?? refreshDelay(session.expiresAt, this.now());
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.refreshNow().catch(() => {
        /* handled in refreshNow: retry scheduled or session ended */
      });
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
  }

  private persist(): void {
    try {
      if (this.session) this.deps.storage?.setItem(STORAGE_KEY, JSON.stringify(this.session));
    } catch {
      /* storage full or blocked: the in-memory session still works */
    }
  }

  private forget(): void {
    this.cancelTimer();
    this.session = null;
    this.failures = 0;
    try {
      this.deps.storage?.removeItem(STORAGE_KEY);
    } catch {
      /* ignore */
    }
  }
}

/** Errors after which the refresh token may still be good. */
function isTransient(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) return error.status >= 500 || error.status === 429 || error.status === 408;
  return false;
}
