// "Chats" section of the console for workers and therapists: status
// (presence), sound switch, live queue figures, "Take next chat", the waiting
// chats under each queue with a "Take" button each, the open chats as tabs,
// and the selected chat (chat-view.ts, with its transfer and end forms).
// For supervisors and peer experts ('joiner' mode) the same section lists the
// open conversations with "Join visibly" (join-list.ts) instead of the queue
// controls, and a joined chat has no transfer or end.
// This file composes those parts, keeps which chat is selected, and starts the
// chat service and wires its events to sounds, the title alert and rendering.
import { bindText, clearText, onLanguageChange, t, type MessageKey } from '../../i18n';
import { focusElement, h, replaceChildren, uid } from '../../lib/dom';
import { FrameError } from '../../chat/connection';
import { sessionStore } from '../../chat/storage';
import { mlsClient } from '../../chat/trust';
import { onWake } from '../../chat/wake';
import type { ConsoleContext } from '../context';
import { SessionEndedError } from '../session';
import { Beeper, TitleAlert, liveLongestWait, longWaitAlertDue } from './alerts';
import { chatView, type ChatView } from './chat-view';
import type { CertificateResponse } from './device';
import { showErrorIn } from './errors';
import { JoinList } from './join-list';
import { queueLabel, type QueueInfo } from './queue-info';
import type { WaitingChat } from './server-data';
import { PRESENCE_VALUES, StaffChatService, type Presence } from './service';
import { clearStaffChat } from './store';
import { ChatSuggestions, consoleKbApi, consoleKbIndex, riskBadge } from './suggestions';
import { WaitingList } from './waiting-list';

/** Who takes chats from the queues ('worker'), or joins running ones visibly ('joiner'). */
export type ChatMode = 'worker' | 'joiner';

export interface ChatSection {
  element: HTMLElement;
  /** Stops the connection (console left). */
  dispose(): void;
  /** Sign-out: also forgets this tab's device and chats. */
  forget(): void;
  /** Calls `listener` on the connection's `requests.changed` frames; returns the unsubscribe. */
  onRequestsChanged(listener: () => void): () => void;
}

/** A waiting time as a message: seconds under a minute, else whole minutes. */
function waitText(seconds: number): [MessageKey, Record<string, number>] {
  return seconds < 60 ? ['work.waitSeconds', { seconds }] : ['work.waitMinutes', { minutes: Math.floor(seconds / 60) }];
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
        queueName: (id) => queueLabel(queueInfo, id),
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
  // Joiner mode: the open conversations instead of the queue controls.
  const joinList = joiner
    ? new JoinList({
        context,
        myId: me.id,
        service: () => service,
        queues: () => queueInfo,
        onJoined: (c) => {
          selected = c.id;
          renderAll();
          focusChatTitle();
        },
        onSettled: () => renderAll(),
      })
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
    joinList?.element ?? null,
    tabsNav,
    noChats,
    chatArea,
    riskLive,
  );

  const showError = (error: unknown): void => {
    if (error instanceof SessionEndedError) return;
    showErrorIn(errorBox, error);
  };
  /** After taking or joining a chat: its title, so the screen reader starts there. */
  const focusChatTitle = (): void => {
    const title = chatArea.querySelector('h3');
    if (title) focusElement(title as HTMLElement);
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
          focusChatTitle();
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

  const views = new Map<string, ChatView>();

  // Knowledge bank suggestions of every open chat (also those not on screen, so their risk mark shows).
  // The staff index lives in this browser: suggestions and search never send chat text or search words anywhere.
  const kbIndex = consoleKbIndex(context);
  kbIndex.prefetch();
  const kb = new ChatSuggestions({
    api: consoleKbApi(context, kbIndex),
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
  // new content: every chat's suggestions are worked out again from the new index
  const offKbChange = kbIndex.onChange(() => kb.refresh());

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
      view = chatView({
        context,
        service,
        conversation: c,
        joiner,
        queues: () => queueInfo,
        kb,
        myId: me.id,
        onClosed: () => {
          views.delete(c.id);
          focusElement(heading);
        },
        onLeft: () => joinList?.scheduleLoad(),
      });
      views.set(c.id, view);
    }
    if (chatArea.firstChild !== view.element) replaceChildren(chatArea, view.element);
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
    joinList?.render();
    renderTabs();
    renderChat();
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
      onTokenRenewed: (listener) => context.onTokenRenewed(listener),
      certify: (device, publicKey) =>
        context.authed<CertificateResponse>('/api/devices/certificate', { method: 'POST', body: { device, publicKey } }),
    });
    service.on((event) => {
      switch (event.kind) {
        case 'queue-stats':
          joinList?.scheduleLoad();
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
        case 'kb-changed':
          kbIndex.changed(event.version);
          return;
        case 'session-ended':
          // the account was disabled: this console signs out (the shell shows sign-in and why)
          context.endSession(event.reason);
          return;
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
    joinList?.load();
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
    joinList?.dispose();
    offKbChange();
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


