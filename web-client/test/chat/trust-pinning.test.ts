import { afterEach, describe, expect, it, vi } from 'vitest';

describe('organisation root pinned at build time', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('uses the pinned root and never asks the server', async () => {
    vi.stubEnv('VITE_MATALA_ORG_ROOT', 'AQIDBA==');
    const { fetchTrustAnchor } = await import('../../src/chat/trust');
    const fetchSpy = vi.fn();
    const root = await fetchTrustAnchor(fetchSpy as unknown as typeof fetch);
    expect(Array.from(root)).toEqual([1, 2, 3, 4]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('fetches the root from its own server when nothing is pinned', async () => {
    vi.stubEnv('VITE_MATALA_ORG_ROOT', '');
    const { fetchTrustAnchor } = await import('../../src/chat/trust');
    const fetchSpy = vi.fn(async () => new Response(JSON.stringify({ root: 'BQY=' }), { status: 200 }));
    const root = await fetchTrustAnchor(fetchSpy as unknown as typeof fetch);
    expect(Array.from(root)).toEqual([5, 6]);
    expect(fetchSpy).toHaveBeenCalledWith('/api/e2ee/root', expect.anything());
  });
});
