import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TranscriptEntry } from '../../src/chat/transcript';
import { cleanText, Debouncer, recentCitizenText, replyPreview } from '../../src/knowledge/recent-text';

let n = 0;
const citizen = (body: string): TranscriptEntry => ({ k: 'msg', id: `r${++n}`, at: n, self: false, senderKind: 'citizen', name: 'Aino', body });
const staff = (body: string, self = true): TranscriptEntry => ({ k: 'msg', id: `m${++n}`, at: n, self, senderKind: 'staff', name: 'Tiina', body });

describe('recentCitizenText', () => {
  it('is empty before the citizen writes', () => {
    expect(recentCitizenText([])).toBe('');
    expect(recentCitizenText([staff('Hei, miten voin auttaa?'), { k: 'member', id: 'x', at: 0, event: 'joined', name: 'Tiina' }])).toBe('');
  });

  it("takes only the citizen's messages, oldest first, one per line", () => {
    const transcript = [citizen('moi'), staff('Hei!'), staff('Kollega täällä', false), citizen('mä juon liikaa'), { k: 'handover', id: 'h', at: 0, summary: 'yhteenveto', author: 'T', forwarded: false, self: false } as TranscriptEntry, citizen('joka viikonloppu')];
    expect(recentCitizenText(transcript)).toBe('moi\nmä juon liikaa\njoka viikonloppu');
  });

  it('keeps at most the last few messages', () => {
    const transcript = ['1', '2', '3', '4', '5', '6', '7'].map(citizen);
    expect(recentCitizenText(transcript, 4000, 5)).toBe('3\n4\n5\n6\n7');
    expect(recentCitizenText(transcript, 4000, 2)).toBe('6\n7');
  });

  it('stays within the character limit by leaving out older messages first', () => {
    const transcript = [citizen('a'.repeat(3000)), citizen('b'.repeat(600)), citizen('c'.repeat(600))];
    const text = recentCitizenText(transcript);
    expect(text).toBe(`${'b'.repeat(600)}\n${'c'.repeat(600)}`);
    expect(recentCitizenText([citizen('x'.repeat(3999)), citizen('y')])).toBe('y');
    expect(recentCitizenText([citizen('x'.repeat(3998)), citizen('y')])).toBe(`${'x'.repeat(3998)}\ny`);
    expect(recentCitizenText([citizen('x'.repeat(3998)), citizen('y')]).length).toBe(4000);
  });

  it('keeps the end of one message that is too long, without splitting a character', () => {
    const long = `${'alku '.repeat(1000)}loppu`;
    const text = recentCitizenText([citizen(long)]);
    expect(text.length).toBe(4000);
    expect(text.endsWith('loppu')).toBe(true);
    const emoji = `${'😀'.repeat(2500)}`; // 5000 UTF-16 units
    const cut = recentCitizenText([citizen(emoji)]);
    expect(cut.length).toBeLessThanOrEqual(4000);
    expect(cut.charCodeAt(0)).toBe(0xd83d); // starts with a whole character
  });

  it('uses \\n line ends and drops control characters', () => {
    expect(recentCitizenText([citizen('rivi 1\r\nrivi 2\rrivi 3\u0000\u001b\u202e')])).toBe('rivi 1\nrivi 2\nrivi 3');
    expect(cleanText('  a\tb \n')).toBe('a\tb');
    expect(recentCitizenText([citizen('   '), citizen('ok')])).toBe('ok');
  });
});

describe('replyPreview', () => {
  it('is the reply on one line, as written (markup characters included)', () => {
    expect(replyPreview('Hei <b>sinä</b>\n\nsoita 112 & kerro')).toBe('Hei <b>sinä</b> soita 112 & kerro');
  });

  it('shortens long replies at a word', () => {
    const preview = replyPreview(`${'sana '.repeat(100)}loppu`, 50);
    expect(preview.length).toBeLessThanOrEqual(51);
    expect(preview.endsWith('sana…')).toBe(true);
  });
});

describe('Debouncer', () => {
  afterEach(() => vi.useRealTimers());

  it('runs once, the given time after the last trigger', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = new Debouncer(400, fn);
    d.trigger();
    vi.advanceTimersByTime(300);
    d.trigger();
    vi.advanceTimersByTime(399);
    expect(fn).not.toHaveBeenCalled();
    expect(d.pending).toBe(true);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(d.pending).toBe(false);
  });

  it('can be cancelled', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = new Debouncer(400, fn);
    d.trigger();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});
