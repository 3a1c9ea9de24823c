// The waiting chats under each queue in the console's chats section, each
// with its own "Take" button (a worker may take a specific chat, not only the
// next one). Updated in place, keyed by queue and conversation: the figures
// arrive every few seconds and a rebuild would throw away the keyboard focus
// and the screen reader's place.
import { t, type MessageKey } from '../../i18n';
import { focusElement, h, uid } from '../../lib/dom';
import type { QueueStat, WaitingChat } from './server-data';

export interface WaitingListState {
  queues: readonly QueueStat[];
  chats: readonly WaitingChat[];
  /** When the figures arrived: waits grow from there. */
  receivedAt: number;
  now: number;
  /** False while the connection or the device's keys are not ready, or a take is under way. */
  canTake: boolean;
  /** The conversation being taken from this list, if any. */
  taking: string | null;
}

export interface WaitingListOptions {
  /** The queue's name in the current language. */
  queueName(id: string): string;
  onTake(chat: WaitingChat): void;
  /** Puts the focus somewhere sensible when the focused chat left and the list is now empty. */
  focusOutside(): void;
}

interface Row {
  chat: WaitingChat;
  el: HTMLLIElement;
  text: HTMLElement;
  button: HTMLButtonElement;
}

/** Where the focused chat was: its queue and place in the list. */
interface LostFocus {
  queue: string;
  index: number;
}

interface Group {
  el: HTMLElement;
  heading: HTMLElement;
  list: HTMLOListElement;
  more: HTMLElement;
  rows: Map<string, Row>;
}

const LANG_KEYS: Record<string, MessageKey> = { fi: 'work.lang.fi', sv: 'work.lang.sv', en: 'work.lang.en' };

function waitedText(seconds: number): string {
  return seconds < 60 ? t('work.waitSeconds', { seconds }) : t('work.waitMinutes', { minutes: Math.floor(seconds / 60) });
}

function langName(lang: string): string {
  const key = LANG_KEYS[lang];
  return key ? t(key) : lang;
}

function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function setAttr(el: HTMLElement, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

/** Puts `wanted` into `parent` in this order, moving only what is out of place. */
function arrange(parent: Element, wanted: readonly Element[]): void {
  wanted.forEach((el, i) => {
    const at = parent.children[i] ?? null;
    if (at !== el) parent.insertBefore(el, at);
  });
}

export class WaitingList {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly groupsEl: HTMLElement;
  private readonly groups = new Map<string, Group>();

  constructor(private readonly options: WaitingListOptions) {
    const headingId = uid('waiting');
    this.heading = h('h3', { id: headingId, t: 'work.waitingList.heading' });
    this.groupsEl = h('div', { class: 'waiting-groups' });
    this.element = h('section', { class: 'waiting-block', 'aria-labelledby': headingId, 'data-waiting-chats': '' }, this.heading, this.groupsEl);
    this.element.hidden = true;
  }

  update(state: WaitingListState): void {
    const focused = document.activeElement;
    const active = focused instanceof HTMLElement && this.element.contains(focused) ? focused : null;
    const byQueue = new Map<string, WaitingChat[]>();
    for (const chat of state.chats) byQueue.set(chat.queue, [...(byQueue.get(chat.queue) ?? []), chat]);
    // Queues in the server's order; a chat of a queue not (yet) in the figures still shows.
    const known = new Set(state.queues.map((q) => q.id));
    const order = [...known, ...[...byQueue.keys()].filter((id) => !known.has(id))];
    let lostFocus: LostFocus | null = null;
    const shown: Group[] = [];
    for (const queueId of order) {
      const chats = byQueue.get(queueId) ?? [];
      if (chats.length > 0) {
        const [group, lost] = this.updateGroup(queueId, chats, state, active);
        shown.push(group);
        lostFocus ??= lost;
      }
    }
    for (const [queueId, group] of this.groups) {
      if (shown.includes(group)) continue;
      if (active && group.el.contains(active)) lostFocus = { queue: queueId, index: 0 };
      group.el.remove();
      this.groups.delete(queueId);
    }
    arrange(this.groupsEl, shown.map((g) => g.el));
    this.element.hidden = shown.length === 0;
    if (active && !active.isConnected && lostFocus) {
      this.refocus(lostFocus);
    } else if (active && active.isConnected && document.activeElement !== active) {
      active.focus({ preventScroll: true }); // it was moved within the list
    }
  }

  /** One queue's chats, in place; tells where the focus was if its chat left. */
  private updateGroup(queueId: string, chats: readonly WaitingChat[], state: WaitingListState, active: HTMLElement | null): [Group, LostFocus | null] {
    let group = this.groups.get(queueId);
    if (!group) {
      group = this.group(queueId);
      this.groups.set(queueId, group);
    }
    const queueName = this.options.queueName(queueId);
    setText(group.heading, queueName);
    const elapsed = Math.max(0, Math.floor((state.now - state.receivedAt) / 1000));
    const rows = chats.map((chat) => {
      let row = group.rows.get(chat.conversation);
      if (!row) {
        row = this.row(chat);
        group.rows.set(chat.conversation, row);
      }
      row.chat = chat;
      this.render(row, queueName, chat.waitedSeconds + elapsed, state);
      return row;
    });
    let lost: LostFocus | null = null;
    const wanted = new Set(chats.map((c) => c.conversation));
    for (const [conversation, row] of group.rows) {
      if (wanted.has(conversation)) continue;
      if (active && row.el.contains(active)) lost = { queue: queueId, index: [...group.list.children].indexOf(row.el) };
      row.el.remove();
      group.rows.delete(conversation);
    }
    arrange(group.list, rows.map((r) => r.el));
    const total = state.queues.find((q) => q.id === queueId)?.waiting ?? chats.length;
    const more = Math.max(0, total - chats.length);
    group.more.hidden = more === 0;
    if (more > 0) setText(group.more, t('work.waitingList.more', { count: more }));
    return [group, lost];
  }

  /** The chat the focus was on left the list: the focus goes to the chat now in its place, else the heading, else outside. */
  private refocus(lost: LostFocus): void {
    const group = this.groups.get(lost.queue);
    const rows = group ? [...group.list.children] : [];
    const next = rows[Math.min(lost.index, rows.length - 1)]?.querySelector('button');
    if (next) next.focus();
    else if (!this.element.hidden) focusElement(this.heading);
    else this.options.focusOutside();
  }

  private group(queueId: string): Group {
    const headingId = uid('waiting-queue');
    const heading = h('h4', { id: headingId, class: 'waiting-queue__name' });
    const list = h('ol', { class: 'waiting-list', 'aria-labelledby': headingId });
    const more = h('p', { class: 'muted waiting-queue__more' });
    const el = h('div', { class: 'waiting-queue', 'data-waiting-queue': queueId }, heading, list, more);
    return { el, heading, list, more, rows: new Map() };
  }

  private row(chat: WaitingChat): Row {
    const text = h('span', { class: 'waiting-item__text' });
    const button = h('button', { type: 'button', class: 'btn btn--small', 'data-take': chat.conversation });
    const row: Row = { chat, el: h('li', { class: 'waiting-item', 'data-conversation': chat.conversation }, text, button), text, button };
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-disabled') === 'true') return;
      this.options.onTake(row.chat);
    });
    return row;
  }

  private render(row: Row, queueName: string, waited: number, state: WaitingListState): void {
    const { chat } = row;
    const wait = waitedText(waited);
    setText(row.text, t('work.waitingList.item', { position: chat.position, wait, lang: langName(chat.lang) }));
    const taking = state.taking === chat.conversation;
    // The visible word starts the accessible name (WCAG 2.5.3); the rest tells the buttons apart.
    setText(row.button, t(taking ? 'work.taking' : 'work.takeThis'));
    setAttr(
      row.button,
      'aria-label',
      t(taking ? 'work.takingThisLabel' : 'work.takeThisLabel', { position: chat.position, queue: queueName, wait }),
    );
    setAttr(row.button, 'aria-disabled', state.canTake ? null : 'true');
  }
}
