// The suggestions for one chat (no DOM): after the citizen's messages change,
// waits SUGGEST_DEBOUNCE_MS, gives their latest words to the suggester (the
// engine on this device), and keeps only the answer to the newest text. Once
// risk signs have been seen in a chat, it stays marked (riskSeen) for the rest
// of it.
import type { TranscriptEntry } from '../chat/transcript';
import type { Suggestion, SuggestResult } from './api';
import { Debouncer, recentCitizenText, SUGGEST_DEBOUNCE_MS, type Timers } from './recent-text';

export type FeedStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface FeedState {
  status: FeedStatus;
  suggestions: readonly Suggestion[];
  /** The latest answer saw risk signs. */
  risk: boolean;
  /** Some answer in this chat saw risk signs (sticky). */
  riskSeen: boolean;
}

export type SuggestFetcher = (text: string, signal: AbortSignal) => Promise<SuggestResult>;

export interface FeedOptions {
  debounceMs?: number;
  timers?: Timers;
}

export class SuggestionFeed {
  private state: FeedState = { status: 'idle', suggestions: [], risk: false, riskSeen: false };
  private lastText = '';
  private pendingText = '';
  private seq = 0;
  private controller: AbortController | null = null;
  private readonly debouncer: Debouncer;
  private disposed = false;

  constructor(
    private readonly fetcher: SuggestFetcher,
    private readonly onState: (state: FeedState) => void,
    options: FeedOptions = {},
  ) {
    this.debouncer = new Debouncer(options.debounceMs ?? SUGGEST_DEBOUNCE_MS, () => void this.run(), options.timers);
  }

  get current(): FeedState {
    return this.state;
  }

  /** Call after every change of the chat; asks again only when the citizen's recent text changed. */
  update(transcript: readonly TranscriptEntry[]): void {
    if (this.disposed) return;
    const text = recentCitizenText(transcript);
    if (text === this.pendingText) return;
    this.pendingText = text;
    if (!text) {
      this.debouncer.cancel();
      return;
    }
    this.debouncer.trigger();
  }

  /** Asks again now with the same text (after an error, or when the knowledge bank changed). */
  retry(): void {
    if (this.disposed || !this.pendingText) return;
    this.lastText = '';
    this.debouncer.cancel();
    void this.run();
  }

  dispose(): void {
    this.disposed = true;
    this.debouncer.cancel();
    this.controller?.abort();
    this.controller = null;
  }

  private set(next: Partial<FeedState>): void {
    this.state = { ...this.state, ...next };
    this.onState(this.state);
  }

  private async run(): Promise<void> {
    const text = this.pendingText;
    if (this.disposed || !text || text === this.lastText) return;
    this.lastText = text;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const seq = ++this.seq;
    this.set({ status: 'loading' });
    try {
      const result = await this.fetcher(text, controller.signal);
      if (seq !== this.seq || this.disposed) return;
      this.set({
        status: 'ready',
        suggestions: result.suggestions,
        risk: result.risk,
        riskSeen: this.state.riskSeen || result.risk,
      });
    } catch {
      // the index could not be loaded (the text itself is never logged)
      if (seq !== this.seq || this.disposed) return;
      this.lastText = '';
      this.set({ status: 'error' });
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }
}
