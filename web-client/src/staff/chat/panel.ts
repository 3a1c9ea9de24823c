// "Chats" section of the console for workers and therapists: status
// (presence), sound switch, live queue figures, "Take next chat", the waiting
// chats under each queue with a "Take" button each, the open chats, and the
// selected chat with its message log, composer, transfer
// (with handover summary) and end (with outcome).
// For supervisors and peer experts ('joiner' mode) the same section lists the
// open conversations with "Join visibly" instead of the queue controls, and a
// joined chat has no transfer or end.
import { DICTIONARIES, bindText, clearText, currentLang, localized, onLanguageChange, t, type LocalizedText, type MessageKey } from '../../i18n';
import { focusElement, h, replaceChildren, uid } from '../../lib/dom';
import { LogView } from '../../chat/log-view';
import { FrameError } from '../../chat/connection';
import { sessionStore } from '../../chat/storage';
import { mlsClient } from '../../chat/trust';
import { onWake } from '../../chat/wake';
import type { ConsoleContext } from '../context';
import { SessionEndedError } from '../session';
import { isKnownRole } from '../roles';
import { Beeper, TitleAlert, liveLongestWait, longWaitAlertDue } from './alerts';
import type { StaffConversation } from './conversation';
import type { CertificateResponse } from './device';
import {
  PRESENCE_VALUES,
  StaffChatService,
  parseOpenConversations,
  type OpenConversation,
  type Presence,
  type WaitingChat,
} from './service';
import { clearStaffChat } from './store';
import { ChatSuggestions, consoleKbApi, insertReply, riskBadge } from './suggestions';
import { WaitingList } from './waiting-list';

const MAX_MESSAGE = 8000;
const MAX_SUMMARY = 16000;

interface QueueInfo {
  id: string;
  name: LocalizedText;
}

/** Who takes chats from the queues ('worker'), or joins running ones visibly ('joiner'). */
export type ChatMode = 'worker' | 'joiner';

function sinceText(at: number): string {
  const date = new Date(at);
  const now = new Date();
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString(currentLang(), { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(currentLang(), { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' });
}

interface Colleague {
  id: string;
  displayName: string;
  role: string;
  presence: string;
}

export interface ChatSection {
  element: HTMLElement;
  /** Stops the connection (console left). */
  dispose(): void;
  /** Sign-out: also forgets this tab's device and chats. */
  forget(): void;
  /** Calls `listener` on the connection's `requests.changed` frames; returns the unsubscribe. */
  onRequestsChanged(listener: () => void): () => void;
}

function waitText(seconds: number): [MessageKey, Record<string, number>] {
  return seconds < 60 ? ['work.waitSeconds', { seconds }] : ['work.waitMinutes', { minutes: Math.floor(seconds / 60) }];
}

function errorKey(error: unknown): [MessageKey, Record<string, string>] {
  if (error instanceof FrameError) {
    switch (error.code) {
      case 'nothing_waiting':
        return ['work.error.nothing_waiting', {}];
      case 'limit_reached':
        return ['work.error.limit_reached', {}];
      case 'already_taken':
        return ['work.error.already_taken', {}];
      case 'no_key_packages':
        return ['work.error.no_key_packages', {}];
      case 'colleague_offline':
        return ['work.error.colleague_offline', {}];
      case 'unknown_conversation':
        return ['join.error.unknown_conversation', {}];
      default:
        return ['work.error.generic', { code: error.code }];
    }
  }
  return ['work.error.offline', {}];
}

// One of each per page (they listen on the document), shared by every console render.
let attention: { beeper: Beeper; titleAlert: TitleAlert } | null = null;

export function chatSection(context: ConsoleContext, mode: ChatMode = 'worker'): ChatSection {
  const joiner = mode === 'joiner';
  const me = context.me();
  const storage = sessionStore();
  attention ??= { beeper: new Beeper(storage), titleAlert: new TitleAlert() };
  const { beeper, titleAlert } = attention;
  let service: StaffChatService | null = null;
  let selected: string | null = null;
  let queueInfo: QueueInfo[] = [];
  let lastLongWaitAlert: number | null = null;
  let disposed = false;
  const requestListeners = new Set<() => void>();

  const heading = h('h2', { id: 'chats-heading', t: 'work.heading' });
  const connection = h('p', { class: 'chat__connection', role: 'status' });
  const presenceId = uid('presence');
  const presence = h(
    'select',
    { id: presenceId, class: 'input', name: 'presence' },
    ...PRESENCE_VALUES.map((p) => h('option', { value: p, t: `work.presence.${p}` as MessageKey })),
  );
  const soundButton = h('button', { type: 'button', class: 'btn btn--secondary', t: 'work.sound', 'aria-pressed': beeper.muted ? 'false' : 'true' });
  const takeButton = h('button', { type: 'button', class: 'btn', t: 'work.take' });
  const waiting = h('p', { class: 'work-waiting', role: 'status' });
  // Workers only: supervisors and peer experts join chats, they do not take them.
  const waitingList = joiner
    ? null
    : new WaitingList({
        queueName: (id) => {
          const q = queueInfo.find((x) => x.id === id);
          return q ? localized(q.name) : id;
        },
        onTake: (chat) => take(chat),
        focusOutside: () => focusElement(heading),
      });
  const errorBox = h('div', { class: 'message message--error', role: 'alert' });
  const tabs = h('ul', { class: 'work-tabs' });
  const tabsNav = h('nav', { tAttrs: { 'aria-label': 'work.chats' } }, tabs);
  const noChats = h('p', { class: 'muted', t: 'work.noChats' });
  const chatArea = h('div', { class: 'work-chat-area' });
  // Risk signs in a chat are announced at once (the badge shows them too).
  const riskLive = h('div', { class: 'visually-hidden', 'aria-live': 'assertive', 'aria-atomic': 'true', 'data-risk-live': '' });
  // Joiner mode: the open conversations.
  const joinHeadingId = uid('join');
  const joinExplainId = uid('join-explain');
  const joinStatus = h('p', { class: 'muted', role: 'status' });
  const joinError = h('div', { class: 'message message--error', role: 'alert' });
  const joinList = h('ul', { class: 'join-list', 'data-open-conversations': '' });
  const refreshButton = h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'join.refresh' });
  const joinBlock = joiner
    ? h(
        'section',
        { class: 'join-block', 'aria-labelledby': joinHeadingId },
        h('h3', { id: joinHeadingId, t: 'join.heading' }),
        h('p', { t: 'join.intro' }),
        h('p', { id: joinExplainId, class: 'field__hint', t: 'join.explain' }),
        h('div', { class: 'button-row' }, refreshButton),
        joinStatus,
        joinError,
        joinList,
      )
    : null;
  const workBar = h(
    'div',
    { class: 'work-bar' },
    h('div', { class: 'field' }, h('label', { for: presenceId, t: 'work.status' }), presence),
    soundButton,
    takeButton,
  );
  if (joiner) {
    workBar.hidden = true;
    waiting.hidden = true;
  }
  const element = h(
    'section',
    { class: 'console-section', id: 'chats', 'aria-labelledby': 'chats-heading' },
    heading,
    connection,
    workBar,
    waiting,
    errorBox,
    waitingList?.element ?? null,
    joinBlock,
    tabsNav,
    noChats,
    chatArea,
    riskLive,
  );

  const showError = (error: unknown): void => {
    if (error instanceof SessionEndedError) return;
    const [key, args] = errorKey(error);
    replaceChildren(errorBox, h('p', { t: key, tArgs: args }));
  };

  soundButton.addEventListener('click', () => {
    beeper.setMuted(!beeper.muted);
    soundButton.setAttribute('aria-pressed', beeper.muted ? 'false' : 'true');
    if (!beeper.muted) beeper.beep();
  });
  presence.addEventListener('change', () => {
    errorBox.replaceChildren();
    service?.setPresence(presence.value as Presence).catch(showError);
  });
  let taking = false;
  /** The waiting chat being taken from the list (null: none, or "Take next chat"). */
  let takingChat: string | null = null;
  /**
   * Takes the next chat, or the chosen one. The server enforces the worker's
   * chat limit for both (limit_reached), so both show the same errors.
   */
  const take = (chat: WaitingChat | null): void => {
    if (!service || taking) return;
    errorBox.replaceChildren();
    taking = true;
    takingChat = chat?.conversation ?? null;
    takeButton.setAttribute('aria-disabled', 'true');
    if (!chat) bindText(takeButton, 'work.taking');
    renderAll();
    service
      .take(chat ? { conversation: chat.conversation } : {})
      .then(
        (c) => {
          selected = c.id;
          service?.forgetWaiting(c.id); // ours now: off the list at once, not only with the next figures
          renderAll();
          const title = chatArea.querySelector('h3');
          if (title) focusElement(title as HTMLElement);
        },
        (error: unknown) => {
          showError(error);
          // A colleague was quicker (or the citizen left): the list must not offer it any more.
          if (chat && error instanceof FrameError && error.code === 'already_taken') service?.forgetWaiting(chat.conversation);
        },
      )
      .finally(() => {
        taking = false;
        takingChat = null;
        bindText(takeButton, 'work.take');
        renderAll();
      });
  };
  takeButton.addEventListener('click', () => {
    if (takeButton.getAttribute('aria-disabled') === 'true') return;
    take(null);
  });

  // ---- live figures ------------------------------------------------------------

  const canTake = (): boolean =>
    !!service && service.deviceState === 'ready' && service.connection === 'online' && service.keysReady && !taking;

  let lastWaitingKey = '';
  const renderFigures = (): void => {
    if (!service || joiner) return;
    const total = service.totalWaiting();
    const longest = liveLongestWait(service.queues, service.queuesAt, Date.now());
    const [wKey, wArgs] = waitText(longest);
    const key = total === 0 ? 'none' : `${total}:${wKey}:${JSON.stringify(wArgs)}`;
    if (key !== lastWaitingKey) {
      lastWaitingKey = key;
      if (total === 0) bindText(waiting, 'work.waitingNone');
      else bindText(waiting, 'work.waitingSummary', { count: total, wait: t(wKey, wArgs) });
    }
    // The per-queue slots of the Queues section, if it is on the page.
    for (const q of service.queues) {
      const slot = document.querySelector<HTMLElement>(`[data-queue-id="${CSS.escape(q.id)}"] [data-queue-live]`);
      if (!slot) continue;
      const live = q.waiting > 0 ? q.longestWaitSeconds + Math.floor((Date.now() - service.queuesAt) / 1000) : 0;
      const [k, a] = waitText(live);
      const text = q.waiting > 0 ? t('work.queueLive', { count: q.waiting, wait: t(k, a) }) : t('work.queueLiveNone');
      if (slot.textContent !== text) slot.textContent = text;
      slot.hidden = false;
    }
    waitingList?.update({
      queues: service.queues,
      chats: service.waitingChats,
      receivedAt: service.queuesAt,
      now: Date.now(),
      canTake: canTake(),
      taking: takingChat,
    });
  };

  const tick = setInterval(() => {
    if (!service) return;
    renderFigures();
    const now = Date.now();
    const longest = liveLongestWait(service.queues, service.queuesAt, now);
    if (!joiner && service.presence === 'available' && longWaitAlertDue(longest, lastLongWaitAlert, now)) {
      lastLongWaitAlert = now;
      beeper.beep(2);
      titleAlert.show(t('work.alert.longWait'));
    }
  }, 5000);

  // ---- conversations ---------------------------------------------------------------

  const views = new Map<string, { el: HTMLElement; update: () => void }>();

  // Knowledge bank suggestions of every open chat (also those not on screen, so their risk mark shows).
  const kb = new ChatSuggestions({
    api: consoleKbApi(context),
    onRisk: (chat) => {
      const conversation = service?.conversations.get(chat.id);
      const name = conversation?.displayName() ?? t('work.client');
      riskLive.textContent = '';
      setTimeout(() => {
        riskLive.textContent = t('kb.risk.announce', { name });
      }, 50);
      beeper.beep(2);
      titleAlert.show(t('kb.risk.alert'));
    },
    onChange: () => renderAll(),
  });

  const renderTabs = (): void => {
    if (!service) return;
    const list = service.openConversations();
    if (selected && !service.conversations.has(selected)) selected = null;
    if (!selected && list.length > 0) selected = list[0].id;
    noChats.hidden = list.length > 0;
    tabsNav.hidden = list.length === 0;
    replaceChildren(
      tabs,
      ...list.map((c) => {
        const name = c.displayName() ?? t('work.client');
        const button = h(
          'button',
          {
            type: 'button',
            class: `btn btn--secondary btn--small work-tab${kb.isRisk(c.id) ? ' work-tab--risk' : ''}`,
            'aria-current': c.id === selected ? 'true' : 'false',
            'data-conversation': c.id,
            on: {
              click: () => {
                selected = c.id;
                renderAll();
              },
            },
          },
          h('span', null, name),
          kb.isRisk(c.id) ? riskBadge() : null,
          c.unread > 0 && c.id !== selected ? h('span', { class: 'work-tab__badge', t: 'work.unread', tArgs: { count: c.unread } }) : null,
        );
        return h('li', null, button);
      }),
    );
  };

  const renderChat = (): void => {
    if (!service) return;
    const c = selected ? service.conversations.get(selected) : undefined;
    for (const id of [...views.keys()]) {
      if (!service.conversations.has(id)) views.delete(id);
    }
    if (!c) {
      chatArea.replaceChildren();
      return;
    }
    let view = views.get(c.id);
    if (!view) {
      view = conversationView(c);
      views.set(c.id, view);
    }
    if (chatArea.firstChild !== view.el) replaceChildren(chatArea, view.el);
    view.update();
    if (document.visibilityState === 'visible') c.markRead();
  };

  const renderAll = (): void => {
    if (disposed || !service) return;
    if (service.deviceState === 'failed') bindText(connection, 'work.deviceError');
    else if (service.deviceState === 'preparing') bindText(connection, 'work.preparing');
    else if (service.connection === 'reconnecting') bindText(connection, 'work.reconnecting');
    else if (service.connection === 'connecting') bindText(connection, 'work.connecting');
    else clearText(connection);
    if (presence.value !== service.presence) presence.value = service.presence;
    if (!canTake()) takeButton.setAttribute('aria-disabled', 'true');
    else takeButton.removeAttribute('aria-disabled');
    renderFigures();
    kb.sync(service.openConversations());
    renderJoinList();
    renderTabs();
    renderChat();
  };

  // ---- joining (supervisors and peer experts) -------------------------------------------

  let openList: OpenConversation[] = [];
  let listState: 'loading' | 'ready' | 'error' = 'loading';
  const joiningIds = new Set<string>();
  let loadSeq = 0;
  let loadTimer: ReturnType<typeof setTimeout> | null = null;

  const loadList = (): void => {
    if (!joiner || disposed) return;
    const seq = ++loadSeq;
    context.authed<{ conversations?: unknown }>('/api/conversations').then(
      (body) => {
        if (seq !== loadSeq || disposed) return;
        openList = parseOpenConversations(body?.conversations);
        listState = 'ready';
        renderJoinList();
      },
      (error: unknown) => {
        if (seq !== loadSeq || disposed || error instanceof SessionEndedError) return;
        listState = 'error';
        renderJoinList();
      },
    );
  };
  /** queue.stats can come in bursts: one load after them. */
  const scheduleListLoad = (): void => {
    if (loadTimer) return;
    loadTimer = setTimeout(() => {
      loadTimer = null;
      loadList();
    }, 400);
  };
  refreshButton.addEventListener('click', () => {
    joinError.replaceChildren();
    listState = 'loading';
    renderJoinList();
    loadList();
  });

  const joinChat = (o: OpenConversation, button: HTMLElement): void => {
    if (!service || button.getAttribute('aria-disabled') === 'true' || joiningIds.has(o.conversation)) return;
    joinError.replaceChildren();
    joiningIds.add(o.conversation);
    renderJoinList();
    service
      .join(o.conversation, o.queue, o.lang)
      .then(
        (c) => {
          selected = c.id;
          renderAll();
          const title = chatArea.querySelector('h3');
          if (title) focusElement(title as HTMLElement);
        },
        (error: unknown) => {
          if (error instanceof SessionEndedError) return;
          const [key, args] = errorKey(error);
          replaceChildren(joinError, h('p', { t: key, tArgs: args }));
        },
      )
      .finally(() => {
        joiningIds.delete(o.conversation);
        loadList();
        renderAll();
      });
  };

  let lastListKey = '';
  const renderJoinList = (): void => {
    if (!joiner) return;
    if (listState === 'loading') bindText(joinStatus, 'join.loading');
    else if (listState === 'error') bindText(joinStatus, 'join.loadError');
    else if (openList.length === 0) bindText(joinStatus, 'join.none');
    else clearText(joinStatus);
    const ready = !!service && service.deviceState === 'ready' && service.connection === 'online' && service.keysReady;
    const mine = (o: OpenConversation): boolean =>
      !!service?.conversations.get(o.conversation)?.isAssigned || o.members.some((m) => m.id === me.id);
    // Rebuild only when something shown changed (keeps focus and the screen reader's place).
    const key = JSON.stringify([
      currentLang(),
      ready,
      queueInfo.length,
      [...joiningIds],
      openList.map((o) => [o.conversation, o.status, o.queuedAt, o.members, mine(o)]),
    ]);
    if (key === lastListKey) return;
    lastListKey = key;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.getAttribute('data-join') : null;
    replaceChildren(
      joinList,
      ...openList.map((o) => {
        const titleId = uid('open');
        const topic = queueInfo.find((q) => q.id === o.queue);
        const names = o.members
          .map((m) => `${m.displayName} (${isKnownRole(m.role) ? t(`role.${m.role}`) : m.role})`)
          .join(', ');
        const statusKey: MessageKey = o.status === 'queued' ? 'join.status.queued' : 'join.status.active';
        let action: HTMLElement;
        if (mine(o)) {
          action = h('p', { class: 'join-item__joined', t: 'join.joined' });
        } else {
          const joining = joiningIds.has(o.conversation);
          action = h('button', {
            type: 'button',
            class: 'btn',
            'data-join': o.conversation,
            'aria-describedby': `${titleId} ${joinExplainId}`,
            t: joining ? 'join.joining' : 'join.button',
            ...(ready && !joining ? {} : { 'aria-disabled': 'true' }),
          });
          action.addEventListener('click', () => joinChat(o, action));
        }
        return h(
          'li',
          { class: 'join-item', 'data-conversation': o.conversation },
          h('h4', { id: titleId, class: 'join-item__topic' }, topic ? localized(topic.name) : o.queue),
          h('p', { class: 'muted' }, `${t('join.since', { time: sinceText(o.queuedAt) })} · ${t(statusKey)}`),
          h('p', null, o.members.length > 0 ? t('join.members', { names }) : t('join.nobody')),
          action,
        );
      }),
    );
    if (focused) joinList.querySelector<HTMLElement>(`[data-join="${CSS.escape(focused)}"]`)?.focus();
  };

  const conversationView = (c: StaffConversation): { el: HTMLElement; update: () => void } => {
    const headingId = uid('conv');
    const title = h('h3', { id: headingId });
    const queueLine = h('p', { class: 'muted' });
    const state = h('p', { class: 'chat__status', role: 'status' });
    const log = new LogView('chat.log', { citizenName: () => c.displayName() ?? t('work.client') });
    const messageId = uid('message');
    const textarea = h('textarea', { id: messageId, class: 'input chat__input', rows: '3', maxlength: String(MAX_MESSAGE), name: 'message' });
    const composer = h(
      'form',
      { class: 'chat__composer' },
      h('label', { for: messageId, class: 'chat__label', t: 'chat.message' }),
      h('div', { class: 'chat__compose-row' }, textarea, h('button', { type: 'submit', class: 'btn', t: 'chat.send' })),
    );
    const transferButton = h('button', { type: 'button', class: 'btn btn--secondary', t: 'work.transfer', 'aria-expanded': 'false' });
    const endButton = h('button', { type: 'button', class: 'btn btn--secondary', t: 'work.end', 'aria-expanded': 'false' });
    const closeButton = h('button', { type: 'button', class: 'btn', t: 'work.close' });
    // Joiners leave visibly (the citizen sees "… left"); workers transfer or end instead.
    const leaveButton = h('button', { type: 'button', class: 'btn btn--secondary', t: 'join.leave' });
    const actions = h('div', { class: 'button-row chat__actions' }, transferButton, endButton, leaveButton, closeButton);
    const panel = h('div', { class: 'work-panel-slot' });
    const panelError = h('div', { class: 'message message--error', role: 'alert' });
    const riskSlot = h('span', { class: 'kb-chat-head__risk' });
    const suggestions = kb.panel(c, (reply) => insertReply(textarea, reply));
    const el = h(
      'article',
      { class: 'work-chat', 'aria-labelledby': headingId, 'data-conversation': c.id },
      h(
        'div',
        { class: 'kb-layout' },
        h('div', { class: 'kb-layout__chat' }, h('div', { class: 'kb-chat-head' }, title, riskSlot), queueLine, state, log.element, composer, panelError, actions, panel),
        suggestions.element,
      ),
    );

    const send = (): void => {
      const text = textarea.value.trim();
      if (!text || c.status !== 'active') return;
      c.send(text.slice(0, MAX_MESSAGE));
      textarea.value = '';
      textarea.focus();
    };
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      send();
    });
    textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send();
      }
    });
    closeButton.addEventListener('click', () => {
      service?.dismiss(c);
      views.delete(c.id);
      focusElement(heading);
    });

    let openPanel: 'transfer' | 'end' | null = null;
    const closePanel = (focusBack = true): void => {
      const which = openPanel;
      openPanel = null;
      panel.replaceChildren();
      transferButton.setAttribute('aria-expanded', 'false');
      endButton.setAttribute('aria-expanded', 'false');
      if (focusBack && which) (which === 'transfer' ? transferButton : endButton).focus();
    };

    transferButton.addEventListener('click', () => {
      if (openPanel === 'transfer') return closePanel();
      closePanel(false);
      openPanel = 'transfer';
      transferButton.setAttribute('aria-expanded', 'true');
      panelError.replaceChildren();
      const formHeading = uid('transfer');
      const radioName = uid('target');
      const queueRadio = h('input', { type: 'radio', name: radioName, value: 'queue', id: `${radioName}-q`, checked: true });
      const staffRadio = h('input', { type: 'radio', name: radioName, value: 'staff', id: `${radioName}-s` });
      const queueSelectId = uid('queue');
      const queueSelect = h(
        'select',
        { id: queueSelectId, class: 'input', name: 'queue' },
        ...queueInfo.map((q) => h('option', { value: q.id, selected: q.id === c.queue }, localized(q.name))),
      );
      const staffSelectId = uid('colleague');
      const staffSelect = h('select', { id: staffSelectId, class: 'input', name: 'colleague', disabled: true });
      const summaryId = uid('summary');
      const summaryHint = uid('summary-hint');
      const summary = h('textarea', { id: summaryId, class: 'input', rows: '4', maxlength: String(MAX_SUMMARY), 'aria-describedby': summaryHint });
      const submit = h('button', { type: 'submit', class: 'btn', t: 'work.transferSubmit' });
      const cancel = h('button', { type: 'button', class: 'btn btn--secondary', t: 'chat.cancel', on: { click: () => closePanel() } });
      const form = h(
        'form',
        { class: 'work-panel', 'aria-labelledby': formHeading },
        h('h4', { id: formHeading, t: 'work.transferHeading' }),
        h(
          'fieldset',
          null,
          h('legend', { t: 'work.transferTo' }),
          h('label', { class: 'check', for: queueRadio.id }, queueRadio, h('span', { t: 'work.transferQueue' })),
          h('label', { class: 'check', for: staffRadio.id }, staffRadio, h('span', { t: 'work.transferColleague' })),
        ),
        h('div', { class: 'field' }, h('label', { for: queueSelectId, t: 'work.queueSelect' }), queueSelect),
        h('div', { class: 'field' }, h('label', { for: staffSelectId, t: 'work.colleagueSelect' }), staffSelect),
        h(
          'div',
          { class: 'field' },
          h('label', { for: summaryId, t: 'work.summary' }),
          summary,
          h('p', { id: summaryHint, class: 'field__hint', t: 'work.summaryHint' }),
        ),
        h('div', { class: 'button-row' }, submit, cancel),
      );
      const syncTarget = (): void => {
        queueSelect.disabled = !queueRadio.checked;
        staffSelect.disabled = !staffRadio.checked;
      };
      queueRadio.addEventListener('change', syncTarget);
      staffRadio.addEventListener('change', syncTarget);
      // Colleagues who can take a chat (GET /api/staff/directory).
      void context
        .authed<{ staff?: Colleague[] }>('/api/staff/directory')
        .then((body) => {
          const colleagues = (Array.isArray(body?.staff) ? body.staff : []).filter((s) => s.id !== me.id);
          if (colleagues.length === 0) {
            replaceChildren(staffSelect, h('option', { value: '', t: 'work.noColleagues' }));
            staffRadio.disabled = true;
            return;
          }
          replaceChildren(
            staffSelect,
            ...colleagues.map((s) =>
              h('option', {
                value: s.id,
                t: 'work.colleagueOption',
                tArgs: { name: s.displayName, presence: t(s.presence === 'available' ? 'work.presence.available' : 'work.presence.unavailable') },
              }),
            ),
          );
        })
        .catch(() => {
          staffRadio.disabled = true;
        });
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (!service || submit.getAttribute('aria-disabled') === 'true') return;
        const target = staffRadio.checked ? { toStaff: staffSelect.value } : { toQueue: queueSelect.value };
        if (('toStaff' in target && !target.toStaff) || ('toQueue' in target && !target.toQueue)) return;
        submit.setAttribute('aria-disabled', 'true');
        bindText(submit, 'work.transferring');
        panelError.replaceChildren();
        service.transfer(c, target, summary.value.trim().slice(0, MAX_SUMMARY)).then(
          () => closePanel(false),
          (error: unknown) => {
            submit.removeAttribute('aria-disabled');
            bindText(submit, 'work.transferSubmit');
            const [key, args] = errorKey(error);
            replaceChildren(panelError, h('p', { t: key, tArgs: args }));
          },
        );
      });
      replaceChildren(panel, form);
      queueRadio.focus();
    });

    leaveButton.addEventListener('click', () => {
      if (!service || leaveButton.getAttribute('aria-disabled') === 'true') return;
      leaveButton.setAttribute('aria-disabled', 'true');
      bindText(leaveButton, 'join.leaving');
      panelError.replaceChildren();
      service.leave(c).then(
        () => {
          leaveButton.removeAttribute('aria-disabled');
          bindText(leaveButton, 'join.leave');
          scheduleListLoad();
          closeButton.focus();
        },
        (error: unknown) => {
          leaveButton.removeAttribute('aria-disabled');
          bindText(leaveButton, 'join.leave');
          const [key, args] = errorKey(error);
          replaceChildren(panelError, h('p', { t: key, tArgs: args }));
        },
      );
    });

    endButton.addEventListener('click', () => {
      if (openPanel === 'end') return closePanel();
      closePanel(false);
      openPanel = 'end';
      endButton.setAttribute('aria-expanded', 'true');
      panelError.replaceChildren();
      const formHeading = uid('end');
      const outcomeId = uid('outcome');
      const outcomeError = uid('outcome-error');
      const outcome = h(
        'select',
        { id: outcomeId, class: 'input', name: 'outcome', required: true },
        h('option', { value: '', t: 'work.outcomeChoose' }),
        ...(service?.outcomes ?? []).map((o) => outcomeOption(o)),
      );
      const invalid = h('p', { id: outcomeError, class: 'field__hint' });
      const submit = h('button', { type: 'submit', class: 'btn btn--danger', t: 'work.endSubmit' });
      const cancel = h('button', { type: 'button', class: 'btn btn--secondary', t: 'chat.cancel', on: { click: () => closePanel() } });
      const form = h(
        'form',
        { class: 'work-panel', 'aria-labelledby': formHeading, novalidate: true },
        h('h4', { id: formHeading, t: 'work.endHeading' }),
        h('div', { class: 'field' }, h('label', { for: outcomeId, t: 'work.outcome' }), outcome, invalid),
        h('div', { class: 'button-row' }, submit, cancel),
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (!service || submit.getAttribute('aria-disabled') === 'true') return;
        if (!outcome.value) {
          outcome.setAttribute('aria-invalid', 'true');
          outcome.setAttribute('aria-describedby', outcomeError);
          bindText(invalid, 'work.outcomeRequired');
          outcome.focus();
          return;
        }
        submit.setAttribute('aria-disabled', 'true');
        panelError.replaceChildren();
        service.end(c, outcome.value).then(
          () => closePanel(false),
          (error: unknown) => {
            submit.removeAttribute('aria-disabled');
            const [key, args] = errorKey(error);
            replaceChildren(panelError, h('p', { t: key, tArgs: args }));
          },
        );
      });
      replaceChildren(panel, form);
      outcome.focus();
    });

    let lastState = '';
    const update = (): void => {
      const name = c.displayName() ?? t('work.client');
      bindText(title, 'work.chatTitle', { name });
      const risk = kb.isRisk(c.id);
      if (risk !== riskSlot.hasChildNodes()) replaceChildren(riskSlot, risk ? riskBadge() : null);
      const q = queueInfo.find((x) => x.id === c.queue);
      queueLine.textContent = q ? localized(q.name) : c.queue;
      log.update(c.transcript);
      const stateKey: MessageKey | null =
        c.status === 'joining'
          ? joiner
            ? 'join.waitingAdd'
            : 'work.waitingWelcome'
          : c.status === 'unreadable'
            ? 'work.unreadable'
            : c.status === 'closed'
              ? closedKey(c.closedReason, joiner)
              : null;
      if (stateKey !== lastState) {
        lastState = stateKey ?? '';
        if (stateKey) bindText(state, stateKey);
        else clearText(state);
      }
      const assigned = c.isAssigned;
      composer.hidden = c.status !== 'active';
      transferButton.hidden = joiner || !assigned || c.status === 'joining';
      endButton.hidden = joiner || !assigned;
      leaveButton.hidden = !joiner || !assigned;
      closeButton.hidden = assigned;
      if (!assigned && openPanel) closePanel(false);
    };
    return { el, update };
  };

  // ---- start -------------------------------------------------------------------------

  const start = async (): Promise<void> => {
    renderAll();
    void context
      .authed<{ queues?: QueueInfo[] }>('/api/queues')
      .then((body) => {
        queueInfo = Array.isArray(body?.queues) ? body.queues : [];
        renderAll();
      })
      .catch(() => undefined);
    let client;
    try {
      client = await mlsClient();
    } catch (error) {
      console.error('chat: no trust anchor', error);
      bindText(connection, 'work.deviceError');
      return;
    }
    if (disposed) return;
    service = new StaffChatService({
      client,
      storage,
      staffId: me.id,
      token: () => context.token(),
      renewToken: () => context.renewToken(),
      certify: (device, publicKey) =>
        context.authed<CertificateResponse>('/api/devices/certificate', { method: 'POST', body: { device, publicKey } }),
    });
    service.on((event) => {
      switch (event.kind) {
        case 'queue-stats':
          if (joiner) scheduleListLoad();
          return;
        case 'new-chat-waiting':
          if (!joiner && service?.presence === 'available') {
            beeper.beep();
            titleAlert.show(t('work.alert.newChat'));
          }
          break;
        case 'assigned': {
          // A colleague transferred a chat to us: show it unless another open chat is on screen.
          const current = selected ? service?.conversations.get(selected) : undefined;
          if (!current?.isAssigned) selected = event.conversation.id;
          beeper.beep();
          titleAlert.show(t('work.alert.newChat'));
          break;
        }
        case 'requests-changed':
          for (const listener of requestListeners) listener();
          return; // nothing of the chats changed
        case 'message':
          if (document.visibilityState !== 'visible' || event.conversation.id !== selected || !document.hasFocus()) {
            beeper.beep();
            titleAlert.show(t('work.alert.newMessage'));
          }
          break;
        default:
          break;
      }
      renderAll();
    });
    renderAll();
    loadList();
    await service.start();
  };

  const offLang = onLanguageChange(() => {
    lastWaitingKey = '';
    renderAll();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      service?.conn.reconnectNow(false);
      renderAll();
    }
  });
  const online = (): void => service?.conn.reconnectNow(true);
  window.addEventListener('online', online);
  const offWake = onWake(online);
  void start();

  const dispose = (): void => {
    disposed = true;
    clearInterval(tick);
    if (loadTimer) clearTimeout(loadTimer);
    kb.dispose();
    offLang();
    window.removeEventListener('online', online);
    offWake();
    titleAlert.clear();
    service?.stop();
  };
  return {
    element,
    dispose,
    onRequestsChanged: (listener) => {
      requestListeners.add(listener);
      return () => requestListeners.delete(listener);
    },
    forget: () => {
      dispose();
      if (service) service.forget();
      else clearStaffChat(storage); // not started yet: still remove what an earlier page load kept
    },
  };
}

/** An outcome category the server configured; one without a translation shows its id. */
function outcomeOption(id: string): HTMLElement {
  const key = `work.outcome.${id}`;
  return key in DICTIONARIES[currentLang()] ? h('option', { value: id, t: key as MessageKey }) : h('option', { value: id }, id);
}

/** What a closed chat says about why it closed (conversation.removed reasons, docs/protocol.md). */
function closedKey(reason: string | null, joiner: boolean): MessageKey {
  switch (reason) {
    case 'transferred':
      return 'work.transferred';
    case 'ended':
      return 'work.ended';
    case 'left':
      return 'join.left';
    case 'refused':
      // the client's app refused this device's certificate: a worker's chat went back to the queue
      return joiner ? 'join.refused' : 'work.refused';
    default:
      return 'work.removed';
  }
}
