// "Requests" section of the console for workers and therapists
// (docs/requests.md): unlock the team's inbox keys with the passphrase (the
// unwrapped keys stay in this page's memory only; the passphrase is not
// kept), read the decrypted requests, answer them sealed to the citizen's
// reply key. Refreshed on the chat connection's `requests.changed`, on focus
// and with the Refresh button.
import { bindText, currentLang, type LocalizedText, type MessageKey } from '../i18n';
import { focusElement, h, replaceChildren, uid } from '../lib/dom';
import { loadPublicQueues } from '../citizen/public-queues';
import {
  answerRequest,
  cleanText,
  getInboxKeys,
  listRequests,
  MAX_ANSWER_MESSAGE,
  sealAnswer,
  UnlockedInbox,
  WrongPassphraseError,
  type RequestContent,
  type StaffRequest,
} from '../requests';
import { ApiError } from './api';
import type { ConsoleContext } from './context';
import { SessionEndedError } from './session';

export interface RequestsSection {
  element: HTMLElement;
  /** Called when the server says requests changed. */
  changed(): void;
  /** Console left or signed out: forget the keys. */
  dispose(): void;
}

const LANG_NAMES: Record<string, string> = { fi: 'suomi', sv: 'svenska', en: 'English' };

function timeText(ms: number): string {
  if (!ms) return '';
  return new Date(ms).toLocaleString(currentLang(), { dateStyle: 'short', timeStyle: 'short' });
}

export function requestsSection(context: ConsoleContext): RequestsSection {
  let inbox: UnlockedInbox | null = null;
  let disposed = false;
  let queueNames = new Map<string, LocalizedText>();
  /** Decrypted contents by request id (null: could not be opened). */
  const opened = new Map<string, RequestContent | null>();
  /** Items on screen by id, with the status they were drawn for. */
  const items = new Map<string, { el: HTMLLIElement; status: string }>();

  const heading = h('h2', { id: 'requests-heading', t: 'req.heading' });
  const body = h('div', { class: 'req-body' });
  const element = h('section', { class: 'console-section', id: 'requests', 'aria-labelledby': 'requests-heading' }, heading, body);

  // ---- locked: the passphrase form ----------------------------------------------

  const showLocked = (focus: boolean): void => {
    inbox?.lock();
    inbox = null;
    opened.clear();
    items.clear();
    const passId = uid('req-pass');
    const introId = uid('req-intro');
    const pass = h('input', {
      id: passId,
      class: 'input',
      type: 'password',
      name: 'inbox-passphrase',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': introId,
    });
    const submit = h('button', { type: 'submit', class: 'btn', t: 'req.unlock.submit' });
    const errorBox = h('div', { class: 'message message--error', role: 'alert' });
    const form = h(
      'form',
      { class: 'req-unlock', novalidate: true, 'aria-labelledby': 'requests-heading' },
      h('p', { id: introId, t: 'req.unlock.intro' }),
      errorBox,
      h('div', { class: 'field' }, h('label', { for: passId, t: 'req.unlock.passphrase' }), pass),
      submit,
    );
    replaceChildren(body, form);
    if (focus) pass.focus();
    let busy = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (busy) return;
      const passphrase = pass.value;
      if (!passphrase) {
        pass.setAttribute('aria-invalid', 'true');
        replaceChildren(errorBox, h('p', { t: 'req.unlock.empty' }));
        pass.focus();
        return;
      }
      busy = true;
      errorBox.replaceChildren();
      submit.setAttribute('aria-disabled', 'true');
      bindText(submit, 'req.unlock.working');
      void (async () => {
        try {
          const keys = await getInboxKeys(context.authed);
          if (keys.length === 0) {
            replaceChildren(errorBox, h('p', { t: 'req.unlock.noKey' }));
            return;
          }
          const unlocked = await UnlockedInbox.unlock(keys, passphrase);
          pass.value = '';
          if (disposed) {
            unlocked.lock();
            return;
          }
          inbox = unlocked;
          showUnlocked();
        } catch (error) {
          if (error instanceof SessionEndedError) return;
          const key: MessageKey = error instanceof WrongPassphraseError ? 'req.unlock.wrong' : 'req.unlock.error';
          pass.setAttribute('aria-invalid', 'true');
          replaceChildren(errorBox, h('p', { t: key }));
          pass.focus();
        } finally {
          busy = false;
          submit.removeAttribute('aria-disabled');
          bindText(submit, 'req.unlock.submit');
        }
      })();
    });
  };

  // ---- unlocked: the list -------------------------------------------------------------

  const listStatus = h('div', { class: 'req-status', role: 'status', 'aria-live': 'polite' });
  // Results of this person's actions ("The answer was sent."): apart from the list figures, which refreshes rewrite.
  const announcer = h('div', { class: 'message message--success req-announce', role: 'status', 'aria-live': 'polite' });
  let shownStatus = '';
  const setListStatus = (key: MessageKey | null, args?: Record<string, number>): void => {
    const next = JSON.stringify([key, args]);
    if (next === shownStatus) return; // unchanged: not announced again
    shownStatus = next;
    if (key) replaceChildren(listStatus, h('p', { t: key, tArgs: args }));
    else listStatus.replaceChildren();
  };
  const listError = h('div', { class: 'message message--error', role: 'alert' });
  const list = h('ul', { class: 'req-list', 'aria-labelledby': 'requests-heading' });

  const showUnlocked = (): void => {
    const refreshButton = h('button', { type: 'button', class: 'btn btn--secondary', t: 'req.refresh', on: { click: () => void refresh() } });
    const lockButton = h('button', { type: 'button', class: 'btn btn--secondary', t: 'req.lock', on: { click: () => showLocked(true) } });
    list.replaceChildren();
    setListStatus(null);
    announcer.replaceChildren();
    listError.replaceChildren();
    replaceChildren(body, h('div', { class: 'button-row' }, refreshButton, lockButton), listStatus, announcer, listError, list);
    names = loadQueueNames();
    void refresh().then(() => focusElement(heading));
  };

  /** The topics' names (for the list); loaded with the first list. */
  let names: Promise<void> = Promise.resolve();
  const loadQueueNames = async (): Promise<void> => {
    try {
      queueNames = new Map((await loadPublicQueues()).map((q) => [q.id, q.name]));
    } catch {
      /* ids are shown instead */
    }
  };

  let refreshing: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (!inbox) return Promise.resolve();
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      try {
        if (items.size === 0) setListStatus('req.list.loading');
        const [requests] = await Promise.all([listRequests(context.authed), names]);
        const current = inbox;
        if (!current || disposed) return;
        for (const r of requests) {
          if (!opened.has(r.id)) opened.set(r.id, await current.open(r).catch(() => null));
        }
        if (inbox !== current) return;
        render(requests);
        listError.replaceChildren();
      } catch (error) {
        if (error instanceof SessionEndedError) return;
        setListStatus(null);
        replaceChildren(listError, h('p', { t: 'req.list.error' }));
      }
    })().finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return refreshing;
  };

  const render = (requests: StaffRequest[]): void => {
    const ids = new Set(requests.map((r) => r.id));
    for (const [id, item] of items) {
      if (!ids.has(id)) {
        item.el.remove();
        items.delete(id);
        opened.delete(id);
      }
    }
    let previous: HTMLLIElement | null = null;
    for (const r of requests) {
      let item = items.get(r.id);
      if (!item || item.status !== r.status) {
        const el = renderItem(r);
        if (item) item.el.replaceWith(el);
        item = { el, status: r.status };
        items.set(r.id, item);
      }
      // keep the server's order (newest first) without recreating what is on screen
      if (previous ? previous.nextElementSibling !== item.el : list.firstElementChild !== item.el) {
        if (previous) previous.after(item.el);
        else list.prepend(item.el);
      }
      previous = item.el;
    }
    const open = requests.filter((r) => r.status === 'open').length;
    if (requests.length === 0) setListStatus('req.list.empty');
    else setListStatus('req.list.count', { count: requests.length, open });
  };

  const renderItem = (r: StaffRequest): HTMLLIElement => {
    const content = opened.get(r.id) ?? null;
    const headingId = uid('req-item');
    const itemHeading = h('h3', { id: headingId, class: 'req-item__heading', t: 'req.item.heading', tArgs: { time: timeText(r.createdAt) } });
    const answered = r.status === 'answered';
    const badge = h('span', {
      class: `badge ${answered ? 'badge--active' : 'badge--disabled'}`,
      'data-field': 'status',
      t: answered ? 'req.item.status.answered' : 'req.item.status.open',
    });
    const queueName = queueNames.get(r.queue);
    const meta = h(
      'dl',
      { class: 'req-item__meta' },
      h('div', null, h('dt', { t: 'req.item.topic' }), h('dd', queueName ? { l10n: queueName } : null, queueName ? null : r.queue)),
      content
        ? h('div', null, h('dt', { t: 'req.item.name' }), content.name ? h('dd', null, content.name) : h('dd', { t: 'req.item.notGiven' }))
        : null,
      content
        ? h('div', null, h('dt', { t: 'req.item.contact' }), content.contact ? h('dd', null, content.contact) : h('dd', { t: 'req.item.notGiven' }))
        : null,
      h('div', null, h('dt', { t: 'req.item.lang' }), h('dd', null, LANG_NAMES[r.lang] ?? r.lang)),
    );
    const li = h(
      'li',
      { class: `req-item${answered ? ' req-item--answered' : ''}`, 'data-request-id': r.id, 'aria-labelledby': headingId },
      itemHeading,
      h('p', null, badge),
      meta,
      content
        ? h('p', { class: 'req-item__message', lang: content.lang }, content.message)
        : h('p', { class: 'message message--error', t: 'req.item.unreadable' }),
      answered && r.answeredAt ? h('p', { class: 'muted', t: 'req.item.answeredAt', tArgs: { time: timeText(r.answeredAt) } }) : null,
    );
    if (!answered && content) li.append(answerForm(r, content, li, itemHeading));
    return li;
  };

  const answerForm = (r: StaffRequest, content: RequestContent, li: HTMLLIElement, itemHeading: HTMLElement): HTMLFormElement => {
    const answerId = uid('req-answer');
    const hintId = uid('req-answer-hint');
    const text = h('textarea', {
      id: answerId,
      class: 'input',
      name: 'answer',
      rows: '4',
      maxlength: String(MAX_ANSWER_MESSAGE),
      'aria-describedby': hintId,
    });
    const submit = h('button', { type: 'submit', class: 'btn', t: 'req.answer.send' });
    const errorBox = h('div', { class: 'message message--error', role: 'alert' });
    const form = h(
      'form',
      { class: 'req-answer', novalidate: true, 'aria-labelledby': itemHeading.id },
      h('div', { class: 'field' }, h('label', { for: answerId, t: 'req.answer.label' }), text, h('p', { id: hintId, class: 'field__hint', t: 'req.answer.hint' })),
      errorBox,
      submit,
    );
    let busy = false;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (busy) return;
      const message = cleanText(text.value, MAX_ANSWER_MESSAGE, true);
      if (!message) {
        text.setAttribute('aria-invalid', 'true');
        replaceChildren(errorBox, h('p', { t: 'req.answer.empty' }));
        text.focus();
        return;
      }
      text.removeAttribute('aria-invalid');
      busy = true;
      errorBox.replaceChildren();
      announcer.replaceChildren();
      submit.setAttribute('aria-disabled', 'true');
      bindText(submit, 'req.answer.sending');
      void (async () => {
        try {
          const sealed = await sealAnswer(content, message, context.me().displayName);
          await answerRequest(context.authed, r.id, sealed);
          // A refresh may have drawn it as answered already (the server's requests.changed).
          let el = items.get(r.id)?.el ?? li;
          if (items.get(r.id)?.status !== 'answered') {
            const fresh = renderItem({ ...r, status: 'answered', answeredAt: Date.now() });
            el.replaceWith(fresh);
            items.set(r.id, { el: fresh, status: 'answered' });
            el = fresh;
          }
          replaceChildren(announcer, h('p', { t: 'req.answer.sent' }));
          const headingEl = el.querySelector<HTMLElement>('h3');
          if (headingEl) focusElement(headingEl);
          void refresh();
        } catch (error) {
          if (error instanceof SessionEndedError) return;
          const already = error instanceof ApiError && error.status === 409;
          replaceChildren(errorBox, h('p', { t: already ? 'req.answer.already' : 'req.answer.error' }));
          busy = false;
          submit.removeAttribute('aria-disabled');
          bindText(submit, 'req.answer.send');
          if (already) void refresh();
        }
      })();
    });
    return form;
  };

  // ---- refresh triggers --------------------------------------------------------------

  let timer: ReturnType<typeof setTimeout> | null = null;
  const changed = (): void => {
    if (!inbox || disposed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, 300);
  };
  const onFocus = (): void => changed();
  const onVisible = (): void => {
    if (document.visibilityState === 'visible') changed();
  };
  window.addEventListener('focus', onFocus);
  document.addEventListener('visibilitychange', onVisible);

  showLocked(false);
  return {
    element,
    changed,
    dispose: () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
      inbox?.lock();
      inbox = null;
    },
  };
}
