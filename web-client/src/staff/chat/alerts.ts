// Getting the worker's attention: a short beep (WebAudio, can be muted) and a
// flashing document title, for a new chat waiting, a new message, and again
// while a chat has waited longer than two minutes.
import type { QueueStat } from './server-data';

export const LONG_WAIT_SECONDS = 120;
export const LONG_WAIT_REPEAT_MS = 120_000;
export const SOUND_STORAGE_KEY = 'matala.staff.sound';

/** The longest current wait over all queues, counting the time since the figures arrived. */
export function liveLongestWait(queues: readonly QueueStat[], queuesAt: number, now: number): number {
  let longest = 0;
  for (const q of queues) {
    if (q.waiting > 0) longest = Math.max(longest, q.longestWaitSeconds + Math.max(0, (now - queuesAt) / 1000));
  }
  return Math.floor(longest);
}

/** True when the "has waited over 2 minutes" alert should sound (again). */
export function longWaitAlertDue(longestSeconds: number, lastAlertAt: number | null, now: number): boolean {
  if (longestSeconds < LONG_WAIT_SECONDS) return false;
  return lastAlertAt === null || now - lastAlertAt >= LONG_WAIT_REPEAT_MS;
}

/** Short sine beep. The AudioContext is created on first use and resumed on user input (autoplay rules). */
export class Beeper {
  private context: AudioContext | null = null;
  muted: boolean;

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null) {
    let stored: string | null = null;
    try {
      stored = storage?.getItem(SOUND_STORAGE_KEY) ?? null;
    } catch {
      stored = null;
    }
    this.muted = stored === 'off';
    const unlock = (): void => {
      void this.ensure()?.resume().catch(() => undefined);
    };
    document.addEventListener('pointerdown', unlock, { capture: true });
    document.addEventListener('keydown', unlock, { capture: true });
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    try {
      this.storage?.setItem(SOUND_STORAGE_KEY, muted ? 'off' : 'on');
    } catch {
      /* ignore */
    }
  }

  private ensure(): AudioContext | null {
    if (this.context) return this.context;
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return null;
    try {
      this.context = new Ctor();
    } catch {
      return null;
    }
    return this.context;
  }

  beep(times = 1): void {
    if (this.muted) return;
    const ctx = this.ensure();
    if (!ctx || ctx.state === 'closed') return;
    try {
      const start = ctx.currentTime + 0.02;
      for (let i = 0; i < times; i++) {
        const at = start + i * 0.25;
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.16);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + 0.18);
      }
    } catch {
      /* no sound available */
    }
  }
}

/**
 * Puts a notice in front of the page title ("● New chat waiting – …") until
 * the worker comes back to the page (focus or interaction).
 */
export class TitleAlert {
  private base: string | null = null;
  private text: string | null = null;

  constructor() {
    const clear = (): void => this.clear();
    window.addEventListener('focus', () => {
      if (document.hasFocus()) clear();
    });
    document.addEventListener('pointerdown', clear, { capture: true });
    document.addEventListener('keydown', clear, { capture: true });
  }

  get active(): string | null {
    return this.text;
  }

  show(text: string): void {
    if (this.base === null) this.base = document.title;
    this.text = text;
    document.title = `● ${text} – ${this.base}`;
  }

  clear(): void {
    if (this.base === null) return;
    // The page may have set a new title meanwhile (e.g. language switch): keep it.
    if (this.text !== null && document.title.startsWith('● ')) document.title = this.base;
    this.base = null;
    this.text = null;
  }
}
