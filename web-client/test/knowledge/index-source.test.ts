import { describe, expect, it, vi } from 'vitest';
import type { KnowledgeEngine } from '../../src/knowledge/engine/engine';
import { IndexSource } from '../../src/knowledge/index-source';

const engineOf = (json: unknown): Promise<KnowledgeEngine> => Promise.resolve({ version: (json as { version: string }).version } as KnowledgeEngine);

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('IndexSource', () => {
  it('fetches the index once for everyone who asks at the same time', async () => {
    const fetchIndex = vi.fn(async () => ({ version: 'v1' }));
    const source = new IndexSource(fetchIndex, engineOf);
    const [a, b] = await Promise.all([source.engine(), source.engine()]);
    expect(a).toBe(b);
    expect((await source.engine()).version).toBe('v1');
    expect(fetchIndex).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed load', async () => {
    const fetchIndex = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ version: 'v1' });
    const source = new IndexSource(fetchIndex, engineOf);
    await expect(source.engine()).rejects.toThrow('offline');
    expect((await source.engine()).version).toBe('v1');
  });

  it('takes in a new version when told, keeping the old engine until it is ready', async () => {
    const next = deferred<unknown>();
    const fetchIndex = vi.fn().mockResolvedValueOnce({ version: 'v1' }).mockReturnValueOnce(next.promise);
    const source = new IndexSource(fetchIndex, engineOf);
    await source.engine();
    const changed = vi.fn();
    source.onChange(changed);

    source.changed('v1'); // the one in use: nothing to do
    expect(fetchIndex).toHaveBeenCalledTimes(1);

    source.changed('v2');
    expect(fetchIndex).toHaveBeenCalledTimes(2);
    expect((await source.engine()).version).toBe('v1'); // still answering meanwhile
    next.resolve({ version: 'v2' });
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1));
    expect((await source.engine()).version).toBe('v2');
  });

  it('looks again when a change is announced while an older version is still loading', async () => {
    const first = deferred<unknown>();
    const fetchIndex = vi.fn().mockReturnValueOnce(first.promise).mockResolvedValue({ version: 'v2' });
    const source = new IndexSource(fetchIndex, engineOf);
    const loading = source.engine();
    source.changed('v2');
    first.resolve({ version: 'v1' });
    expect((await loading).version).toBe('v1');
    await vi.waitFor(() => expect(source.version).toBe('v2'));
    expect(fetchIndex).toHaveBeenCalledTimes(2);
  });
});
