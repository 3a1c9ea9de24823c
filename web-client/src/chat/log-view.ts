// Renders a transcript into a message log (role="log"), incrementally: an
// entry's element is created once and updated in place (e.g. "sending…" →
// sent), so screen readers announce only what is new.
import { DICTIONARIES, bindText, currentLang, onLanguageChange, t, type MessageKey } from '../i18n';
import { h } from '../lib/dom';
import type { TranscriptEntry, TranscriptFormat } from './transcript';

const ROLE_KEYS: Record<string, MessageKey> = {
  worker: 'role.worker',
  therapist: 'role.therapist',
  peer: 'role.peer',
  supervisor: 'role.supervisor',
  admin: 'role.admin',
};

/** The label of a staff role code from a certificate (OU); unknown codes are shown as they are. */
export function roleName(code: string): string {
  const key = ROLE_KEYS[code];
  return key ? t(key) : code;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(DICTIONARIES.fi, key);
}

function nameWithRole(name: string, role?: string): string {
  return role ? `${name} (${roleName(role)})` : name;
}

function timeText(at: number): string {
  try {
    return new Intl.DateTimeFormat(currentLang(), { hour: '2-digit', minute: '2-digit' }).format(new Date(at));
  } catch {
    return new Date(at).toISOString().slice(11, 16);
  }
}

/** Formatting of the downloadable transcript in the current language. */
export function transcriptFormat(): TranscriptFormat {
  return {
    text: (key, args) => (isMessageKey(key) ? t(key, args) : key),
    role: roleName,
    time: timeText,
    dateTime: (at) => {
      try {
        return new Intl.DateTimeFormat(currentLang(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
      } catch {
        return new Date(at).toISOString();
      }
    },
  };
}

export interface LogViewOptions {
  /** Name shown for the other side's citizen messages (staff console), by entry. */
  citizenName?: () => string;
}

export class LogView {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly rendered = new Map<string, { entry: TranscriptEntry; el: HTMLElement }>();
  /** The language changed while the log was not on the page: re-render on the next update. */
  private stale = false;

  constructor(labelKey: MessageKey, private readonly options: LogViewOptions = {}) {
    this.list = h('ol', { class: 'chat-log__list' });
    // A focusable region so keyboard users can scroll it.
    this.element = h('div', {
      class: 'chat-log',
      role: 'log',
      'aria-live': 'polite',
      tabindex: '0',
      tAttrs: { 'aria-label': labelKey },
    }, this.list);
    onLanguageChange(() => {
      if (this.element.isConnected) this.rerender();
      else this.stale = true;
    });
  }

  /** Brings the list in line with `entries` (appends new ones, updates changed ones). */
  update(entries: readonly TranscriptEntry[]): void {
    if (this.stale) {
      this.stale = false;
      this.rerender();
    }
    const nearBottom = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < 80;
    const ids = new Set(entries.map((e) => e.id));
    for (const [id, item] of this.rendered) {
      if (!ids.has(id)) {
        item.el.remove();
        this.rendered.delete(id);
      }
    }
    let appended = false;
    for (const entry of entries) {
      const existing = this.rendered.get(entry.id);
      if (existing) {
        if (existing.entry !== entry) {
          const el = this.render(entry);
          existing.el.replaceWith(el);
          this.rendered.set(entry.id, { entry, el });
        }
        continue;
      }
      const el = this.render(entry);
      this.list.append(el);
      this.rendered.set(entry.id, { entry, el });
      appended = true;
    }
    if (appended && nearBottom) this.element.scrollTop = this.element.scrollHeight;
  }

  private rerender(): void {
    for (const [id, item] of this.rendered) {
      const el = this.render(item.entry);
      item.el.replaceWith(el);
      this.rendered.set(id, { entry: item.entry, el });
    }
  }

  private render(entry: TranscriptEntry): HTMLElement {
    const time = h('time', { class: 'chat-log__time', datetime: new Date(entry.at).toISOString() }, timeText(entry.at));
    switch (entry.k) {
      case 'msg': {
        const name = entry.self
          ? t('chat.you')
          : entry.senderKind === 'citizen' && this.options.citizenName
            ? this.options.citizenName()
            : nameWithRole(entry.name, entry.role);
        const state =
          entry.status === 'sending'
            ? h('p', { class: 'msg__state', t: 'chat.sending' })
            : entry.status === 'failed'
              ? h('p', { class: 'msg__state msg__state--failed', t: 'chat.failed' })
              : null;
        return h(
          'li',
          { class: `msg ${entry.self ? 'msg--self' : 'msg--other'}`, 'data-entry': entry.id, 'data-status': entry.status ?? 'received' },
          h('p', { class: 'msg__meta' }, h('span', { class: 'msg__name' }, name), ' ', time),
          h('p', { class: 'msg__body' }, entry.body),
          state,
        );
      }
      case 'member': {
        const text = h('span');
        bindText(text, entry.event === 'joined' ? 'chat.joined' : 'chat.left', { name: nameWithRole(entry.name, entry.role) });
        return h('li', { class: 'notice', 'data-entry': entry.id }, text, ' ', time);
      }
      case 'handover': {
        const title = h('p', { class: 'handover__title' });
        bindText(title, entry.forwarded ? 'chat.handoverForwarded' : 'chat.handoverFrom', {
          name: nameWithRole(entry.author, entry.authorRole),
        });
        return h(
          'li',
          { class: 'handover', 'data-entry': entry.id },
          title,
          h('p', { class: 'handover__summary' }, entry.summary),
          h('p', { class: 'msg__meta' }, time),
        );
      }
      case 'client-name': {
        const text = h('span');
        bindText(text, entry.self ? 'chat.nameSent' : 'chat.clientName', { name: entry.name });
        return h('li', { class: 'notice', 'data-entry': entry.id }, text, ' ', time);
      }
      case 'sys': {
        const text = h('span');
        if (isMessageKey(entry.key)) bindText(text, entry.key, entry.args);
        else text.textContent = entry.key;
        return h('li', { class: 'notice notice--system', 'data-entry': entry.id }, text, ' ', time);
      }
    }
  }
}
