import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, E2eeError } from '../../src/e2ee';

const bytes = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

describe('handover payload: forwarded summaries', () => {
  it('carries forwarded, author and authorRole', () => {
    const p = { t: 'handover' as const, summary: 'Kysyi unesta.', forwarded: true, author: 'Tiina Työntekijä', authorRole: 'worker', ts: 5 };
    expect(decodePayload(encodePayload(p))).toEqual(p);
  });

  it('still accepts a plain summary and leaves the new fields out', () => {
    expect(decodePayload(bytes({ t: 'handover', summary: 's', ts: 1 }))).toEqual({ t: 'handover', summary: 's', ts: 1 });
  });

  it('checks their types and sizes', () => {
    const bad = [
      { t: 'handover', summary: 's', ts: 1, forwarded: 'yes' },
      { t: 'handover', summary: 's', ts: 1, author: '' },
      { t: 'handover', summary: 's', ts: 1, author: 'x'.repeat(129) },
      { t: 'handover', summary: 's', ts: 1, authorRole: 'r'.repeat(65) },
    ];
    for (const b of bad) {
      expect(() => decodePayload(bytes(b))).toThrow(E2eeError);
    }
  });
});
