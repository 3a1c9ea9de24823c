import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/chat/backoff';

describe('backoffDelay', () => {
  const top = () => 0; // no jitter taken off
  const bottom = () => 1; // all the jitter taken off

  it('doubles from the base delay', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, top))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('is capped', () => {
    expect(backoffDelay(6, top)).toBe(15_000);
    expect(backoffDelay(60, top)).toBe(15_000);
    expect(backoffDelay(1e9, top)).toBe(15_000);
  });

  it('subtracts up to half of the step at random', () => {
    expect(backoffDelay(3, bottom)).toBe(1000);
    expect(backoffDelay(3, () => 0.5)).toBe(1500);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(4, Math.random);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  it('treats odd attempts as the first', () => {
    expect(backoffDelay(0, top)).toBe(500);
    expect(backoffDelay(-3, top)).toBe(500);
    expect(backoffDelay(Number.NaN, top)).toBe(500);
  });

  it('takes options and clamps a broken random source', () => {
    expect(backoffDelay(2, top, { baseMs: 100, maxMs: 150 })).toBe(150);
    expect(backoffDelay(1, () => 7, { jitter: 0.25 })).toBe(375);
    expect(backoffDelay(1, () => -1)).toBe(500);
  });
});
