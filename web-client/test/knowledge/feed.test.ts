import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TranscriptEntry } from '../../src/chat/transcript';
import type { SuggestResult } from '../../src/knowledge/api';
import { SuggestionFeed, type FeedState } from '../../src/knowledge/feed';
import { SUGGEST_DEBOUNCE_MS as WAIT } from '../../src/knowledge/recent-text';

let n = 0;
const citizen = (body: string): TranscriptEntry => ({ k: 'msg', id: `r${++n}`, at: n, self: false, senderKind: 'citizen', name: 'Aino', body });
const staff = (body: string): TranscriptEntry => ({ k: 'msg', id: `m${++n}`, at: n, self: true, senderKind: 'staff', name: 'Tiina', body });

const alcohol: SuggestResult = { suggestions: [{ id: 'paihteet-alkoholin-riskikaytto', title: 'Alkoholi', reply: 'Kiitos', score: 3 }], risk: false };
const crisis: SuggestResult = { suggestions: [{ id: 'mielenterveys-itsetuhoiset-ajatukset', title: 'Kriisi', reply: 'Olen tässä', score: 9 }], risk: true };

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SuggestionFeed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once, a moment after the last citizen message, with the latest text', async () => {
    const fetcher = vi.fn(async (_text: string, _signal: AbortSignal) => alcohol);
    const states: FeedState[] = [];
    const feed = new SuggestionFeed(fetcher, (s) => states.push(s));
    let transcript = [citizen('mä juon')];
    feed.update(transcript);
    await vi.advanceTimersByTimeAsync(WAIT / 2);
    transcript = [...transcript, citizen('liikaa kaljaa')];
    feed.update(transcript);
    await vi.advanceTimersByTimeAsync(WAIT - 1);
    expect(fetcher).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(fetcher.mock.calls[0][0]).toBe('mä juon\nliikaa kaljaa');
    expect(feed.current).toMatchObject({ status: 'ready', suggestions: alcohol.suggestions, risk: false, riskSeen: false });
    expect(states.map((s) => s.status)).toEqual(['loading', 'ready']);
  });

  it("does not ask again when only the worker wrote, or before the citizen writes", async () => {
    const fetcher = vi.fn(async () => alcohol);
    const feed = new SuggestionFeed(fetcher, () => undefined);
    feed.update([staff('Hei, miten voin auttaa?')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetcher).not.toHaveBeenCalled();
    const t1 = [citizen('moi')];
    feed.update(t1);
    await vi.advanceTimersByTimeAsync(WAIT);
    feed.update([...t1, staff('Moi!')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it('keeps only the answer to the newest request, and aborts the older one', async () => {
    const first = deferred<SuggestResult>();
    const second = deferred<SuggestResult>();
    const signals: AbortSignal[] = [];
    const fetcher = vi.fn((_text: string, signal: AbortSignal) => {
      signals.push(signal);
      return signals.length === 1 ? first.promise : second.promise;
    });
    const feed = new SuggestionFeed(fetcher, () => undefined);
    const t1 = [citizen('en jaksa')];
    feed.update(t1);
    await vi.advanceTimersByTimeAsync(WAIT);
    feed.update([...t1, citizen('juon liikaa')]);
    await vi.advanceTimersByTimeAsync(WAIT);
    expect(signals[0].aborted).toBe(true);
    second.resolve(alcohol);
    await vi.advanceTimersByTimeAsync(0);
    first.resolve(crisis); // late: ignored
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.current.suggestions).toEqual(alcohol.suggestions);
  });

  it('remembers that risk signs were seen in the chat', async () => {
    const answers = [crisis, alcohol];
    const fetcher = vi.fn(async () => answers.shift() as SuggestResult);
    const feed = new SuggestionFeed(fetcher, () => undefined);
    const t1 = [citizen('haluan kuolla')];
    feed.update(t1);
    await vi.advanceTimersByTimeAsync(WAIT);
    expect(feed.current).toMatchObject({ risk: true, riskSeen: true });
    feed.update([...t1, citizen('entä alkoholi')]);
    await vi.advanceTimersByTimeAsync(WAIT);
    expect(feed.current).toMatchObject({ risk: false, riskSeen: true });
  });

  it('reports an error and can try again', async () => {
    const fetcher = vi.fn<(text: string, signal: AbortSignal) => Promise<SuggestResult>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(alcohol);
    const feed = new SuggestionFeed(fetcher, () => undefined);
    feed.update([citizen('moi')]);
    await vi.advanceTimersByTimeAsync(WAIT);
    expect(feed.current.status).toBe('error');
    feed.retry();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(feed.current.status).toBe('ready');
  });

  it('does nothing after dispose', async () => {
    const fetcher = vi.fn(async () => alcohol);
    const feed = new SuggestionFeed(fetcher, () => undefined);
    feed.update([citizen('moi')]);
    feed.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetcher).not.toHaveBeenCalled();
  });
});
