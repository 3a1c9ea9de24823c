// Pure helpers for the worker console's suggestions (no DOM): which of the
// citizen's words the engine on this device reads, and a debounce.
import type { TranscriptEntry } from '../chat/transcript';

/** How many of the citizen's latest messages are considered. */
export const RECENT_MESSAGES = 5;
/** At most this many characters of them (the newest). */
export const MAX_SUGGEST_TEXT = 4000;
/** Wait this long after the last citizen message, so that a burst of messages is read once. */
export const SUGGEST_DEBOUNCE_MS = 150;

// C0/C1 controls except \n and \t, and bidirectional overrides: not text.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Line ends as \n, controls removed, surrounding blank space trimmed. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, ' ').trim();
}

/** The last `max` UTF-16 units of `text`, not starting inside a surrogate pair. */
function tailOf(text: string, max: number): string {
  if (text.length <= max) return text;
  let start = text.length - max;
  const code = text.charCodeAt(start);
  if (code >= 0xdc00 && code <= 0xdfff) start += 1;
  return text.slice(start);
}

/**
 * The citizen's most recent messages (at most `maxMessages`), oldest first,
 * one per line, in at most `maxChars` characters: older messages are left out
 * first, and a single message that is too long keeps its end (the newest words).
 * Empty when the citizen has not written anything.
 */
export function recentCitizenText(
  transcript: readonly TranscriptEntry[],
  maxChars: number = MAX_SUGGEST_TEXT,
  maxMessages: number = RECENT_MESSAGES,
): string {
  const picked: string[] = [];
  let length = 0;
  for (let i = transcript.length - 1; i >= 0 && picked.length < maxMessages; i--) {
    const entry = transcript[i];
    if (entry.k !== 'msg' || entry.senderKind !== 'citizen' || entry.self) continue;
    const body = cleanText(entry.body);
    if (!body) continue;
    const extra = body.length + (picked.length > 0 ? 1 : 0);
    if (length + extra > maxChars) {
      if (picked.length === 0) picked.push(tailOf(body, maxChars));
      break;
    }
    picked.push(body);
    length += extra;
  }
  return picked.reverse().join('\n');
}

/** A short one-paragraph preview of a reply (plain text; rendered as text). */
export function replyPreview(reply: string, maxChars = 220): string {
  const flat = cleanText(reply).replace(/\s+/g, ' ');
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Calls `fn` once `ms` have passed without another `trigger()`. */
export class Debouncer {
  private handle: unknown = null;

  constructor(
    private readonly ms: number,
    private readonly fn: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  get pending(): boolean {
    return this.handle !== null;
  }

  trigger(): void {
    this.cancel();
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.fn();
    }, this.ms);
  }

  cancel(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }
}
