import { describe, expect, it } from 'vitest';
import { transcriptText, updateEntry, messageCount, type TranscriptEntry } from '../../src/chat/transcript';
import { liveLongestWait, longWaitAlertDue } from '../../src/staff/chat/alerts';

const entries: TranscriptEntry[] = [
  { k: 'member', id: 'n1', at: 0, event: 'joined', name: 'Tiina', role: 'worker' },
  { k: 'msg', id: 'm1', at: 60_000, self: true, senderKind: 'citizen', name: 'Aino', body: 'Hei\nkaksi riviä', status: 'sent' },
  { k: 'msg', id: 'r1', at: 120_000, self: false, senderKind: 'staff', name: 'Tiina', role: 'worker', body: 'Moi' },
  { k: 'handover', id: 'h1', at: 180_000, summary: 'Tiivistelmä', author: 'Tiina', authorRole: 'worker', forwarded: true, self: false },
  { k: 'msg', id: 'm2', at: 240_000, self: true, senderKind: 'citizen', name: 'Aino', body: 'kesken', status: 'sending' },
  { k: 'sys', id: 's1', at: 300_000, key: 'chat.endedByWorker' },
];

const format = {
  text: (key: string, args?: Readonly<Record<string, string | number>>) => (args ? `${key}${JSON.stringify(args)}` : key),
  role: (code: string) => `<${code}>`,
  time: (at: number) => `t${at / 60_000}`,
  dateTime: () => 'DATE',
};

describe('transcriptText', () => {
  it('writes one line per entry in order, indenting continuation lines', () => {
    expect(transcriptText(entries, format, 0)).toBe(
      [
        'transcript.header{"date":"DATE"}',
        '',
        '[t0] chat.joined{"name":"Tiina (<worker>)"}',
        '[t1] chat.you: Hei',
        '    kaksi riviä',
        '[t2] Tiina (<worker>): Moi',
        '[t3] chat.handoverForwarded{"name":"Tiina (<worker>)"}',
        '    Tiivistelmä',
        '[t4] chat.you: kesken',
        '    (chat.sending)',
        '[t5] chat.endedByWorker',
        '',
      ].join('\n'),
    );
  });

  it('counts and updates messages immutably', () => {
    expect(messageCount(entries)).toBe(3);
    const updated = updateEntry(entries, 'm2', { status: 'sent', seq: 9 });
    expect(updated[4]).toMatchObject({ status: 'sent', seq: 9 });
    expect(entries[4]).toMatchObject({ status: 'sending' });
    expect(updated[0]).toBe(entries[0]);
  });
});

describe('long wait alert', () => {
  const queue = (waiting: number, longestWaitSeconds: number) => ({ id: 'q', waiting, longestWaitSeconds, available: 1, open: true });

  it('counts the time since the figures arrived, only for queues with someone waiting', () => {
    expect(liveLongestWait([queue(0, 500), queue(1, 30)], 1_000, 1_000)).toBe(30);
    expect(liveLongestWait([queue(1, 30)], 1_000, 61_000)).toBe(90);
    expect(liveLongestWait([], 0, 10_000)).toBe(0);
  });

  it('alerts after two minutes and again every two minutes', () => {
    expect(longWaitAlertDue(119, null, 0)).toBe(false);
    expect(longWaitAlertDue(120, null, 0)).toBe(true);
    expect(longWaitAlertDue(200, 10_000, 100_000)).toBe(false);
    expect(longWaitAlertDue(200, 10_000, 130_000)).toBe(true);
  });
});
