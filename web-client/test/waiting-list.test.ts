// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../src/i18n';
import { parseWaitingChats, type QueueStat, type WaitingChat } from '../src/staff/chat/server-data';
import { WaitingList, type WaitingListState } from '../src/staff/chat/waiting-list';

const NAMES: Record<string, string> = { 'mental-health': 'Mental health', families: 'Families' };

function stat(id: string, waiting: number): QueueStat {
  return { id, waiting, longestWaitSeconds: 0, available: 1, open: true };
}

function chat(conversation: string, queue: string, position: number, waitedSeconds: number, lang = 'fi'): WaitingChat {
  return { conversation, queue, position, waitedSeconds, lang };
}

function state(chats: WaitingChat[], extra: Partial<WaitingListState> = {}): WaitingListState {
  const counts = new Map<string, number>();
  for (const c of chats) counts.set(c.queue, (counts.get(c.queue) ?? 0) + 1);
  return {
    queues: [stat('mental-health', counts.get('mental-health') ?? 0), stat('families', counts.get('families') ?? 0)],
    chats,
    receivedAt: 1_000_000,
    now: 1_000_000,
    canTake: true,
    taking: null,
    ...extra,
  };
}

const labels = (list: WaitingList): string[] =>
  [...list.element.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? '');

describe('WaitingList', () => {
  let taken: string[];
  let list: WaitingList;
  const outside = document.createElement('h2');

  beforeEach(() => {
    setLanguage('en', null);
    taken = [];
    outside.setAttribute('tabindex', '-1');
    document.body.append(outside);
    list = new WaitingList({
      queueName: (id) => NAMES[id] ?? id,
      onTake: (c) => taken.push(c.conversation),
      focusOutside: () => outside.focus(),
    });
    document.body.append(list.element);
  });

  afterEach(() => {
    list.element.remove();
    setLanguage('fi', null);
  });

  it('shows each queue with its chats in order, and buttons whose names tell them apart', () => {
    list.update(state([chat('a', 'mental-health', 1, 200, 'fi'), chat('b', 'mental-health', 2, 30, 'sv'), chat('c', 'families', 1, 61, 'en')]));
    expect(list.element.hidden).toBe(false);
    expect([...list.element.querySelectorAll('h4')].map((x) => x.textContent)).toEqual(['Mental health', 'Families']);
    expect([...list.element.querySelectorAll('.waiting-item__text')].map((x) => x.textContent)).toEqual([
      'No. 1 · waiting 3 min · Finnish',
      'No. 2 · waiting 30 s · Swedish',
      'No. 1 · waiting 1 min · English',
    ]);
    expect(labels(list)).toEqual([
      'Take chat 1 in Mental health, waiting 3 min',
      'Take chat 2 in Mental health, waiting 30 s',
      'Take chat 1 in Families, waiting 1 min',
    ]);
    for (const b of list.element.querySelectorAll('button')) expect(b.textContent).toBe('Take');
    list.element.querySelectorAll('button')[1].click();
    expect(taken).toEqual(['b']);
  });

  it('updates in place: the focused button stays the same element and keeps the focus', () => {
    list.update(state([chat('a', 'mental-health', 1, 10), chat('b', 'mental-health', 2, 5)]));
    const b = list.element.querySelector<HTMLButtonElement>('[data-take="b"]')!;
    b.focus();
    // a newer chat arrives, time passes, and the first one is taken by someone else
    list.update(state([chat('b', 'mental-health', 1, 65), chat('d', 'mental-health', 2, 1)], { now: 1_005_000 }));
    expect(list.element.querySelector('[data-take="b"]')).toBe(b);
    expect(document.activeElement).toBe(b);
    expect(b.getAttribute('aria-label')).toBe('Take chat 1 in Mental health, waiting 1 min');
    expect(list.element.querySelector('[data-take="a"]')).toBeNull();
    // a transferred chat with priority goes before it
    list.update(state([chat('p', 'mental-health', 1, 1), chat('b', 'mental-health', 2, 66), chat('d', 'mental-health', 3, 2)]));
    expect([...list.element.querySelectorAll('[data-take]')].map((x) => x.getAttribute('data-take'))).toEqual(['p', 'b', 'd']);
    expect(document.activeElement).toBe(b);
  });

  it('moves the focus to the chat in its place when the focused chat leaves the list', () => {
    list.update(state([chat('a', 'families', 1, 10), chat('b', 'families', 2, 5)]));
    list.element.querySelector<HTMLButtonElement>('[data-take="a"]')!.focus();
    list.update(state([chat('b', 'families', 1, 5)]));
    expect(document.activeElement).toBe(list.element.querySelector('[data-take="b"]'));
    list.update(state([chat('c', 'mental-health', 1, 5)]));
    expect(document.activeElement).toBe(list.element.querySelector('h3'));
    list.element.querySelector<HTMLButtonElement>('[data-take="c"]')!.focus();
    list.update(state([]));
    expect(document.activeElement).toBe(outside);
  });

  it('disables the buttons while a take is not possible and marks the one being taken', () => {
    list.update(state([chat('a', 'families', 1, 10), chat('b', 'families', 2, 5)], { canTake: false, taking: 'b' }));
    const [a, b] = [...list.element.querySelectorAll('button')];
    expect(a.getAttribute('aria-disabled')).toBe('true');
    expect(b.textContent).toBe('Taking…');
    expect(b.getAttribute('aria-label')).toBe('Taking chat 2 in Families…');
    a.click();
    expect(taken).toEqual([]);
    list.update(state([chat('a', 'families', 1, 10), chat('b', 'families', 2, 5)]));
    expect(a.hasAttribute('aria-disabled')).toBe(false);
    expect(b.textContent).toBe('Take');
  });

  it('tells how many more wait than are listed, and hides itself when nobody waits', () => {
    list.update(state([chat('a', 'families', 1, 10)], { queues: [stat('families', 53)] }));
    expect(list.element.querySelector('.waiting-queue__more')?.textContent).toBe('And 52 more waiting.');
    list.update(state([]));
    expect(list.element.hidden).toBe(true);
    expect(list.element.querySelectorAll('li')).toHaveLength(0);
  });

  it('follows the language', () => {
    list.update(state([chat('a', 'families', 1, 120, 'sv')]));
    setLanguage('fi', null);
    list.update(state([chat('a', 'families', 1, 120, 'sv')]));
    expect(list.element.querySelector('.waiting-item__text')?.textContent).toBe('Nro 1 · odottanut 2 min · ruotsi');
    expect(labels(list)).toEqual(['Ota chat 1 jonosta Families, odottanut 2 min']);
  });
});

describe('parseWaitingChats', () => {
  it('keeps what a waiting chat has and drops what is not one', () => {
    expect(
      parseWaitingChats([
        { conversation: 'c1', queue: 'q', position: 1, waitedSeconds: 12, lang: 'fi', priority: 2 },
        { conversation: 'c2', queue: 'q', position: 'x', lang: 5 },
        { queue: 'q' },
        null,
        'c3',
      ]),
    ).toEqual([
      { conversation: 'c1', queue: 'q', position: 1, waitedSeconds: 12, lang: 'fi', priority: 2 },
      { conversation: 'c2', queue: 'q', position: 0, waitedSeconds: 0, lang: '' },
    ]);
    expect(parseWaitingChats(undefined)).toEqual([]);
  });
});
