// The citizen chat UI in #chat-root: topic choice → waiting → conversation →
// ended. Quick exit is always there. No framework: plain DOM via lib/dom.
import { bindText, clearText, currentLang, onLanguageChange, type MessageKey } from '../i18n';
import { focusElement, h, replaceChildren, uid } from '../lib/dom';
import { LogView, roleName, transcriptFormat } from '../chat/log-view';
import { onComposerSend } from '../chat/composer';
import { E2eeError } from '../e2ee';
import { removeItem, sessionStore } from '../chat/storage';
import { CITIZEN_STORAGE_KEY } from './chat-store';
import { transcriptText } from '../chat/transcript';
import { mlsClient, trustAnchor } from '../chat/trust';
import { onWake } from '../chat/wake';
import { CitizenChat } from './chat';
import { loadPublicQueues, type PublicQueue } from './public-queues';
import { quickExit } from './quick-exit';
import { selfHelp } from './self-help';
import { checkInboxKey, getInboxKey, type InboxKeyState } from '../requests';
import { showReadAnswer, showRequestForm, type RequestViewHost } from './request-view';

const MAX_NICKNAME = 40;
const MAX_MESSAGE = 8000;

export interface CitizenChatViewOptions {
  embedded: boolean;
}

/** Removes control and bidirectional-override characters and trims. */
export function cleanNickname(raw: string): string {
  return raw
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, MAX_NICKNAME);
}

export function mountCitizenChat(root: HTMLElement, options: CitizenChatViewOptions): void {
  const storage = sessionStore();
  let chat: CitizenChat | null = null;
  let unsubscribe: (() => void) | null = null;

  const body = h('div', { class: 'chat-root__body' });
  const exitButton = h('button', {
    type: 'button',
    class: 'btn btn--danger quick-exit',
    t: 'chat.quickExit',
    on: { click: () => quickExit({ embedded: options.embedded, beforeLeave: () => chat?.stop() }) },
  });
  replaceChildren(root, h('div', { class: 'chat-root__bar' }, exitButton), body);

  const detach = (): void => {
    unsubscribe?.();
    unsubscribe = null;
  };

  // Encrypted requests when a topic is closed or full (docs/requests.md).
  const requestHost: RequestViewHost = {
    body,
    back: () => showStart(undefined, true),
  };
  const openRequestView = (show: () => void): void => {
    detach();
    chat = null;
    show();
  };

  // ---- topic choice --------------------------------------------------------

  const showStart = (notice?: MessageKey, focus = false): void => {
    detach();
    chat = null;
    const heading = h('h2', { id: 'start-heading', t: 'start.heading' });
    const status = h('div', { class: 'message message--info', role: 'status' });
    const errorBox = h('div', { class: 'message message--error', role: 'alert' });
    const topics = h('div', { class: 'topics' });
    const nickId = uid('nickname');
    const nickHint = uid('nickname-hint');
    const nickname = h('input', {
      id: nickId,
      class: 'input',
      type: 'text',
      name: 'nickname',
      maxlength: String(MAX_NICKNAME),
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': nickHint,
    });
    const submit = h('button', { type: 'submit', class: 'btn btn--block', t: 'start.submit' });
    const form = h(
      'form',
      { class: 'start-form', novalidate: true },
      topics,
      h(
        'div',
        { class: 'field' },
        h('label', { for: nickId, t: 'start.nickname' }),
        nickname,
        h('p', { id: nickHint, class: 'field__hint', t: 'start.nicknameHint' }),
      ),
      submit,
    );
    form.hidden = true;
    const closedNote = h('div', { class: 'start-closed' });
    const readButton = h('button', {
      type: 'button',
      class: 'btn btn--secondary request-read-open',
      t: 'req.readOpen',
      on: { click: () => openRequestView(() => showReadAnswer(requestHost)) },
    });
    // Self-help articles can be read before choosing a topic too.
    const help = selfHelp({ level: 3, intro: 'selfHelp.intro' });
    const helpDetails = h('details', { class: 'self-help-details' }, h('summary', { t: 'selfHelp.open' }), help.element);
    const section = h(
      'section',
      { class: 'chat-start card', 'aria-labelledby': 'start-heading' },
      heading,
      h('p', { class: 'e2ee-note', t: 'start.e2ee' }),
      securityDetails(),
      errorBox,
      status,
      closedNote,
      form,
      h('p', { class: 'request-read' }, readButton),
      helpDetails,
    );
    replaceChildren(body, section);
    unsubscribe = () => help.dispose();
    if (notice) replaceChildren(errorBox, h('p', { t: notice }));
    if (focus) focusElement(heading);

    let queues: PublicQueue[] = [];
    // 'none': requests are not set up (404) or the key could not be fetched; 'untrusted': the
    // key's certificate does not verify to the page's organisation root, so nothing is sealed to it.
    let inboxKey: InboxKeyState = { kind: 'none' };
    const load = async (): Promise<void> => {
      replaceChildren(status, h('p', { t: 'start.loading' }));
      form.hidden = true;
      const inbox = getInboxKey().then(
        (served): InboxKeyState => {
          const state = checkInboxKey(served, () => trustAnchor());
          if (state.kind === 'untrusted') console.warn('requests: the inbox key is refused', state.reason);
          return state;
        },
        (error: unknown): InboxKeyState => {
          console.warn('requests: no inbox key', error);
          return { kind: 'none' };
        },
      );
      try {
        queues = await loadPublicQueues();
        inboxKey = await inbox;
      } catch {
        replaceChildren(
          status,
          h('p', { t: 'start.loadError' }),
          h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'start.retry', on: { click: () => void load() } }),
        );
        return;
      }
      status.replaceChildren();
      renderTopics();
    };

    const renderTopics = (): void => {
      const open = queues.filter((q) => q.status === 'open');
      const groupName = uid('topic');
      const items = queues.map((q, index) => {
        const id = `${groupName}-${index}`;
        const descId = `${id}-desc`;
        const statusId = `${id}-status`;
        const statusKey: MessageKey =
          q.status === 'closed' ? 'start.status.closed' : q.status === 'full' ? 'start.status.full' : q.waiting > 0 ? 'start.status.waiting' : 'start.status.open';
        const input = h('input', {
          type: 'radio',
          id,
          name: groupName,
          value: q.id,
          disabled: q.status !== 'open',
          'aria-describedby': [q.description ? descId : '', statusId].filter(Boolean).join(' '),
        });
        if (open.length === 1 && q.status === 'open') input.checked = true;
        const key = inboxKey.kind === 'trusted' ? inboxKey.key : null;
        const requestButton =
          q.status !== 'open' && key
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--secondary btn--small topic__request',
                  'aria-describedby': statusId,
                  on: { click: () => openRequestView(() => showRequestForm(requestHost, q, key)) },
                },
                h('span', { t: 'req.leave' }),
                h('span', { class: 'visually-hidden' }, ': ', h('span', { l10n: q.name })),
              )
            : null;
        return h(
          'div',
          { class: `topic topic--${q.status}`, 'data-queue-id': q.id },
          input,
          h(
            'label',
            { for: id, class: 'topic__label' },
            h('span', { class: 'topic__name', l10n: q.name }),
            q.description ? h('span', { class: 'topic__desc', id: descId, l10n: q.description }) : null,
            h('span', { class: `topic__status topic__status--${q.status}`, id: statusId, t: statusKey, tArgs: { count: q.waiting } }),
          ),
          requestButton,
        );
      });
      replaceChildren(topics, h('fieldset', { class: 'topics__set' }, h('legend', { t: 'start.topics' }), ...items));
      const noRequests =
        inboxKey.kind !== 'trusted' && open.length < queues.length
          ? h('p', { class: 'muted', 'data-testid': 'requests-unavailable', t: inboxKey.kind === 'untrusted' ? 'req.untrusted' : 'req.notAvailable' })
          : null;
      if (open.length === 0) {
        replaceChildren(closedNote, crisisNote('start.noneOpen'), noRequests);
        form.hidden = queues.length === 0;
        submit.hidden = true;
      } else {
        replaceChildren(closedNote, open.length < queues.length ? h('p', { class: 'muted', t: 'start.someClosed' }) : null, noRequests);
        submit.hidden = false;
        form.hidden = false;
      }
    };

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (submit.getAttribute('aria-disabled') === 'true') return;
      const chosen = form.querySelector<HTMLInputElement>('input[type="radio"]:checked');
      if (!chosen) {
        replaceChildren(errorBox, h('p', { t: 'start.chooseTopic' }));
        form.querySelector<HTMLInputElement>('input[type="radio"]:not(:disabled)')?.focus();
        return;
      }
      errorBox.replaceChildren();
      submit.setAttribute('aria-disabled', 'true');
      bindText(submit, 'start.starting');
      const name = cleanNickname(nickname.value);
      void startChat(chosen.value, name || null).catch((error: unknown) => {
        console.error('chat: could not start', error);
        submit.removeAttribute('aria-disabled');
        bindText(submit, 'start.submit');
        replaceChildren(errorBox, h('p', { t: 'start.error.network' }));
      });
    });

    void load();
  };

  const startChat = async (queue: string, nickname: string | null): Promise<void> => {
    const client = await mlsClient();
    const started = await CitizenChat.open({ client, storage }, { queue, lang: currentLang(), nickname });
    showChat(started, true);
  };

  // ---- resume -------------------------------------------------------------------

  const resume = async (): Promise<boolean> => {
    const record = CitizenChat.stored(storage);
    if (!record) return false;
    replaceChildren(body, h('p', { class: 'muted', role: 'status', t: 'start.resuming' }));
    try {
      const client = await mlsClient();
      const resumed = await CitizenChat.resume({ client, storage }, record);
      showChat(resumed, false);
      return true;
    } catch (error) {
      console.error('chat: could not resume', error);
      if (error instanceof E2eeError) {
        // The stored keys are unusable: nothing to resume.
        removeItem(storage, CITIZEN_STORAGE_KEY);
        showStart('start.gone');
      } else {
        // e.g. the server is unreachable now: keep the chat for the next try.
        showStart('start.error.network');
      }
      return true;
    }
  };

  // ---- the chat ---------------------------------------------------------------------

  const showChat = (current: CitizenChat, focus: boolean): void => {
    detach();
    chat = current;
    const heading = h('h2', { id: 'chat-heading', t: 'chat.heading' });
    const connection = h('p', { class: 'chat__connection', role: 'status' });
    const status = h('div', { class: 'chat__status', role: 'status', 'aria-live': 'polite' });
    const log = new LogView('chat.log');
    const messageId = uid('message');
    const textarea = h('textarea', { id: messageId, class: 'input chat__input', rows: '3', maxlength: String(MAX_MESSAGE), name: 'message' });
    const sendButton = h('button', { type: 'submit', class: 'btn', t: 'chat.send' });
    const composer = h(
      'form',
      { class: 'chat__composer' },
      h('label', { for: messageId, class: 'chat__label', t: 'chat.message' }),
      h('div', { class: 'chat__compose-row' }, textarea, sendButton),
    );
    const hint = h('p', { class: 'field__hint chat__hint', t: 'chat.waitingHint' });
    // While waiting in the queue: self-help articles.
    const help = selfHelp({ level: 3, intro: 'selfHelp.waitingIntro' });
    const saveButton = h('button', { type: 'button', class: 'btn btn--secondary', t: 'chat.saveTranscript' });
    const endButton = h('button', { type: 'button', class: 'btn btn--secondary', t: 'chat.end', 'aria-expanded': 'false' });
    const newButton = h('button', { type: 'button', class: 'btn', t: 'chat.newChat' });
    const actions = h('div', { class: 'button-row chat__actions' }, saveButton, endButton, newButton);
    const confirmBox = h('div', { class: 'chat__confirm' });
    confirmBox.hidden = true;
    const endError = h('div', { class: 'message message--error', role: 'alert' });
    replaceChildren(
      body,
      h(
        'section',
        { class: 'chat card', 'aria-labelledby': 'chat-heading' },
        h('div', { class: 'chat__head' }, heading, connection),
        status,
        log.element,
        composer,
        hint,
        help.element,
        endError,
        actions,
        confirmBox,
      ),
    );

    const send = (): void => {
      const text = textarea.value.trim();
      if (!text || current.status === 'ended') return;
      current.send(text.slice(0, MAX_MESSAGE));
      textarea.value = '';
      textarea.focus();
    };
    onComposerSend(composer, textarea, send);

    saveButton.addEventListener('click', () => downloadTranscript(current));
    newButton.addEventListener('click', () => {
      current.forget();
      showStart(undefined, true);
    });

    endButton.addEventListener('click', () => {
      if (!confirmBox.hidden) {
        closeConfirm();
        return;
      }
      const headingId = uid('confirm');
      const checkboxId = uid('delete');
      const hintId = uid('delete-hint');
      const checkbox = h('input', { type: 'checkbox', id: checkboxId, 'aria-describedby': hintId });
      const yes = h('button', { type: 'button', class: 'btn btn--danger', t: 'chat.confirmEnd' });
      const cancel = h('button', { type: 'button', class: 'btn btn--secondary', t: 'chat.cancel', on: { click: () => closeConfirm() } });
      replaceChildren(
        confirmBox,
        h(
          'div',
          { class: 'confirm', role: 'group', 'aria-labelledby': headingId },
          h('h3', { id: headingId, t: 'chat.confirmHeading' }),
          h('label', { class: 'check', for: checkboxId }, checkbox, h('span', { t: 'chat.confirmDelete' })),
          h('p', { id: hintId, class: 'field__hint', t: 'chat.confirmDeleteHint' }),
          h('div', { class: 'button-row' }, yes, cancel),
        ),
      );
      confirmBox.hidden = false;
      endButton.setAttribute('aria-expanded', 'true');
      checkbox.focus();
      yes.addEventListener('click', () => {
        if (yes.getAttribute('aria-disabled') === 'true') return;
        yes.setAttribute('aria-disabled', 'true');
        endError.replaceChildren();
        current.end(checkbox.checked).then(
          () => {
            closeConfirm(false);
            focusElement(heading);
          },
          (error: unknown) => {
            console.warn('chat: could not end', error);
            yes.removeAttribute('aria-disabled');
            replaceChildren(endError, h('p', { t: 'chat.endFailed' }));
          },
        );
      });
    });
    const closeConfirm = (returnFocus = true): void => {
      confirmBox.hidden = true;
      confirmBox.replaceChildren();
      endButton.setAttribute('aria-expanded', 'false');
      if (returnFocus) endButton.focus();
    };

    let lastStatus = '';
    const render = (): void => {
      if (chat !== current) return;
      if (current.phase === 'refused') {
        const key = refusalKey(current.refusal ?? 'generic');
        current.forget();
        showStart(key, true);
        return;
      }
      if (current.phase === 'gone') {
        current.forget();
        showStart('start.gone', true);
        return;
      }
      log.update(current.transcript);
      const ended = current.status === 'ended';
      composer.hidden = ended;
      endButton.hidden = ended;
      newButton.hidden = !ended;
      hint.hidden = ended || current.phase !== 'queued';
      if (hint.hidden && !help.element.hidden && help.element.contains(document.activeElement)) {
        // the worker came while the citizen was reading: to the chat
        help.element.hidden = true;
        if (!composer.hidden) textarea.focus();
        else focusElement(heading);
      }
      help.element.hidden = hint.hidden;
      if (ended && !confirmBox.hidden) closeConfirm(false);
      // Connection state: shown only while it is not fine.
      const conn = ended || current.phase === 'opening' ? null : current.connection === 'reconnecting' ? 'chat.reconnecting' : current.connection === 'connecting' ? 'chat.connecting' : null;
      if (conn) bindText(connection, conn);
      else clearText(connection);
      // Queue position or who is in the chat: changed text only, so it is announced once.
      const [key, args] = statusText(current);
      const next = JSON.stringify([key, args]);
      if (next !== lastStatus) {
        lastStatus = next;
        if (key) replaceChildren(status, ...statusParagraphs(key, args, current));
        else status.replaceChildren();
      }
    };
    const offChange = current.onChange(render);
    const offLang = onLanguageChange(() => {
      lastStatus = ''; // role names in the status line
      render();
    });
    unsubscribe = () => {
      offChange();
      offLang();
      help.dispose();
    };
    render();
    if (focus) focusElement(heading);
  };

  // ---- start ---------------------------------------------------------------------------

  // Network back, or the computer woke up: the old socket may be dead without knowing it.
  const online = (): void => chat?.reconnectNow(true);
  window.addEventListener('online', online);
  onWake(online);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') chat?.reconnectNow(false);
  });

  void resume().then((resumed) => {
    if (!resumed) showStart();
  });
}

function refusalKey(code: string): MessageKey {
  switch (code) {
    case 'queue_closed':
      return 'start.error.queue_closed';
    case 'queue_full':
      return 'start.error.queue_full';
    case 'unknown_queue':
      return 'start.error.unknown_queue';
    case 'rate_limited':
      return 'start.error.rate_limited';
    default:
      return 'start.error.generic';
  }
}

type StatusText = [MessageKey | null, Record<string, string | number>];

function statusText(chat: CitizenChat): StatusText {
  if (chat.status === 'ended') return ['chat.ended', {}];
  if (chat.phase === 'opening') return ['chat.connecting', {}];
  if (chat.phase === 'active') {
    const names = chat.staffInChat().map((m) => `${m.displayName} (${roleName(m.role)})`).join(', ');
    return ['chat.with', { names }];
  }
  if (chat.position !== null) {
    return ['chat.queued', { position: chat.position, wait: chat.estimatedWaitSeconds ?? -1 }];
  }
  return ['chat.queuedNoPosition', {}];
}

function statusParagraphs(key: MessageKey, args: Record<string, string | number>, chat: CitizenChat): HTMLElement[] {
  const first = h('p', { class: 'chat__status-main', t: key, tArgs: args });
  if (key !== 'chat.queued' || chat.estimatedWaitSeconds === null) return [first];
  const seconds = chat.estimatedWaitSeconds;
  const estimate =
    seconds < 60
      ? h('p', { t: 'chat.estimateShort' })
      : h('p', { t: 'chat.estimate', tArgs: { minutes: Math.ceil(seconds / 60) } });
  return [first, estimate];
}

function crisisNote(key: MessageKey): HTMLElement {
  return h(
    'div',
    { class: 'message message--info' },
    h('p', { t: key }),
    h(
      'ul',
      { class: 'crisis-inline' },
      h(
        'li',
        null,
        h('a', { href: 'tel:112', class: 'crisis-inline__number', tAttrs: { 'aria-label': ['citizen.crisis.call', { number: '112' }] } }, '112'),
        ' ',
        h('span', { t: 'citizen.crisis.emergencyLabel' }),
      ),
      h(
        'li',
        null,
        h(
          'a',
          { href: 'tel:+358925250111', class: 'crisis-inline__number', tAttrs: { 'aria-label': ['citizen.crisis.call', { number: '09 2525 0111' }] } },
          '09 2525 0111',
        ),
        ' ',
        h('span', { t: 'citizen.crisis.helplineLabel' }),
      ),
    ),
  );
}

function downloadTranscript(chat: CitizenChat): void {
  const text = transcriptText(chat.transcript, transcriptFormat());
  const blob = new Blob([text], { type: 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const date = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  const link = h('a', {
    href: url,
    download: `matala-chat-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.txt`,
    class: 'visually-hidden',
  });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What the encryption protects and what it cannot, in plain words (docs/security.md). */
function securityDetails(): HTMLElement {
  return h(
    'details',
    { class: 'security-details' },
    h('summary', { t: 'start.securityMore' }),
    h('p', { t: 'start.securityWho' }),
    h('p', { t: 'start.securityServer' }),
    h('p', { t: 'start.securityLimit' }),
  );
}
