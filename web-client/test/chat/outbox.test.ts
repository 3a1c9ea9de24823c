import { describe, expect, it } from 'vitest';
import { Outbox, parseOutboxState } from '../../src/chat/outbox';

const text = (body: string) => ({ t: 'text', body, ts: 1 });

describe('Outbox', () => {
  it('sends sealed entries in order, one at a time', () => {
    const box = new Outbox();
    box.addSealed({ id: 'c1', kind: 'commit', data: 'AAAA' });
    box.addSealed({ id: 'w1', kind: 'welcome', data: 'BBBB', to: 'staff-1' });
    expect(box.next()?.id).toBe('c1');
    box.markSent('c1');
    expect(box.next()).toBeUndefined(); // waiting for the ack
    expect(box.acked('c1')?.kind).toBe('commit');
    expect(box.next()?.id).toBe('w1');
    expect(box.next((e) => e.kind === 'welcome')).toBeUndefined(); // blocked
  });

  it('encrypts drafts once and queues them after what is sealed already', () => {
    const box = new Outbox();
    box.addDraft({ id: 'd1', payload: text('hello'), localId: 'm1' });
    box.addSealed({ id: 'c1', kind: 'commit', data: 'COMMIT' });
    expect(box.nextDraft()?.id).toBe('d1');
    const sealed = box.sealDraft('d1', 'CIPHER');
    expect(sealed).toMatchObject({ id: 'd1', kind: 'app', data: 'CIPHER', localId: 'm1', attempts: 0 });
    expect(box.entries().map((e) => e.id)).toEqual(['c1', 'd1']);
    expect(box.nextDraft()).toBeUndefined();
    expect(() => box.sealDraft('d1', 'again')).toThrow();
  });

  it('puts system drafts before the ones typed meanwhile', () => {
    const box = new Outbox();
    box.addDraft({ id: 'typed', payload: text('typed while waiting') });
    box.addDraftsFirst([
      { id: 'intro', payload: { t: 'notice', event: 'joined', name: 'Aino', ts: 1 } },
      { id: 'handover', payload: { t: 'handover', summary: 's', ts: 1 } },
    ]);
    expect(box.draftEntries().map((d) => d.id)).toEqual(['intro', 'handover', 'typed']);
  });

  it('re-sends the same bytes after a lost connection and counts attempts', () => {
    const box = new Outbox();
    box.addSealed({ id: 'a1', kind: 'app', data: 'X1' });
    box.markSent('a1');
    box.connectionLost();
    const again = box.next();
    expect(again).toMatchObject({ id: 'a1', data: 'X1', attempts: 1 });
    box.markSent('a1');
    expect(box.entries()[0].attempts).toBe(2);
    box.retry('a1');
    expect(box.next()?.id).toBe('a1');
  });

  it('recognises its own message in the stream (lost ack) but never a Welcome', () => {
    const box = new Outbox();
    box.addSealed({ id: 'w1', kind: 'welcome', data: 'SAME', to: 's' });
    box.addSealed({ id: 'a1', kind: 'app', data: 'MINE', localId: 'm1' });
    box.markSent('a1');
    expect(box.matchEcho('OTHER')).toBeUndefined();
    expect(box.matchEcho('SAME')).toBeUndefined();
    expect(box.matchEcho('MINE')?.localId).toBe('m1');
    expect(box.inFlight).toBeNull();
    expect(box.acked('a1')).toBeUndefined(); // a late ack is harmless
    expect(box.sealedCount).toBe(1);
  });

  it('drops refused entries and filters', () => {
    const box = new Outbox();
    box.addSealed({ id: 'c1', kind: 'commit', data: 'C' });
    box.addSealed({ id: 'w1', kind: 'welcome', data: 'W', to: 's' });
    box.addDraft({ id: 'd1', payload: text('x') });
    box.markSent('c1');
    expect(box.failed('c1')?.id).toBe('c1');
    const removed = box.removeWhere((e) => 'kind' in e && e.kind === 'welcome');
    expect(removed.map((e) => e.id)).toEqual(['w1']);
    expect(box.sealedCount).toBe(0);
    expect(box.draftCount).toBe(1);
    box.clear();
    expect(box.isEmpty).toBe(true);
  });

  it('refuses duplicate ids', () => {
    const box = new Outbox();
    box.addSealed({ id: 'x', kind: 'app', data: 'A' });
    expect(() => box.addDraft({ id: 'x', payload: text('y') })).toThrow();
    expect(() => box.addSealed({ id: 'x', kind: 'app', data: 'B' })).toThrow();
  });

  it('round-trips through JSON and validates what it reads back', () => {
    const box = new Outbox();
    box.addSealed({ id: 'c1', kind: 'commit', data: 'C' });
    box.addSealed({ id: 'w1', kind: 'welcome', data: 'W', to: 'staff' });
    box.addDraft({ id: 'd1', payload: text('hei'), localId: 'm1' });
    box.markSent('c1');
    const json = JSON.parse(JSON.stringify(box.toJSON()));
    const restored = new Outbox(parseOutboxState(json));
    expect(restored.toJSON()).toEqual(box.toJSON());
    expect(restored.inFlight).toBeNull(); // nothing is in flight after a reload
    expect(restored.next()?.attempts).toBe(1);

    expect(() => parseOutboxState(null)).toThrow();
    expect(() => parseOutboxState({ sealed: [], drafts: {} })).toThrow();
    expect(() => parseOutboxState({ sealed: [{ id: 'a', kind: 'other', data: 'x' }], drafts: [] })).toThrow();
    expect(() => parseOutboxState({ sealed: [{ id: 'a', kind: 'welcome', data: 'x' }], drafts: [] })).toThrow();
    expect(() => parseOutboxState({ sealed: [{ id: 'a', kind: 'app', data: '' }], drafts: [] })).toThrow();
    expect(() =>
      parseOutboxState({ sealed: [{ id: 'a', kind: 'app', data: 'x' }], drafts: [{ id: 'a', payload: text('y') }] }),
    ).toThrow();
    expect(() => parseOutboxState({ sealed: [], drafts: [{ id: 'b', payload: [] }] })).toThrow();
  });
});
