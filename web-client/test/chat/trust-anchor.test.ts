import { afterEach, describe, expect, it, vi } from 'vitest';

/** A document with (or without) the root the server writes into its pages. */
function page(content?: string): Pick<Document, 'querySelector'> {
  return {
    querySelector: ((selector: string) =>
      selector === 'meta[name="matala-org-root"]' && content !== undefined ? { content } : null) as Document['querySelector'],
  };
}

describe('organisation root', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('comes from the page the server delivered when nothing is pinned', async () => {
    vi.stubEnv('VITE_MATALA_ORG_ROOT', '');
    const { trustAnchor } = await import('../../src/chat/trust');
    expect(Array.from(trustAnchor(page('BQY=')))).toEqual([5, 6]);
  });

  it('a root pinned at build time wins over the page', async () => {
    vi.stubEnv('VITE_MATALA_ORG_ROOT', 'AQIDBA==');
    const { trustAnchor } = await import('../../src/chat/trust');
    expect(Array.from(trustAnchor(page('BQY=')))).toEqual([1, 2, 3, 4]);
    expect(Array.from(trustAnchor(page()))).toEqual([1, 2, 3, 4]);
  });

  it('a page without a root (the placeholder left empty) is refused, not trusted blindly', async () => {
    vi.stubEnv('VITE_MATALA_ORG_ROOT', '');
    const { trustAnchor } = await import('../../src/chat/trust');
    expect(() => trustAnchor(page(''))).toThrow(/no organisation root/);
    expect(() => trustAnchor(page())).toThrow(/no organisation root/);
  });
});
