// Reconnect delays: exponential with jitter, capped. Pure, so it can be tested.

export interface BackoffOptions {
  /** First delay in ms (attempt 1). */
  baseMs?: number;
  /** Largest delay in ms. */
  maxMs?: number;
  /** Share of the delay that is randomised (0..1): 0.5 gives 50–100 % of the step. */
  jitter?: number;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): base·2^(attempt-1),
 * at most maxMs, minus up to `jitter` of it at random so that many clients
 * that lost the server at once do not all come back at the same moment.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const max = options.maxMs ?? 15_000;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const n = Math.max(1, Math.floor(Number.isFinite(attempt) ? attempt : 1));
  const step = Math.min(max, base * 2 ** Math.min(n - 1, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(step * (1 - jitter * r));
}
