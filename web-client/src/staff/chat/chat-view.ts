// One open chat in the console: title with risk badge, queue, state line,
// message log, composer, and the actions. A worker's chat can be transferred
// or ended (each opens its form below the actions); a joiner (supervisor,
// peer expert) leaves visibly instead. A chat no longer ours can be closed.
import { bindText, clearText, t, type MessageKey } from '../../i18n';
import { h, replaceChildren, uid } from '../../lib/dom';
import { LogView } from '../../chat/log-view';
import { onComposerSend } from '../../chat/composer';
import type { ConsoleContext } from '../context';
import type { StaffConversation } from './conversation';
import { endForm } from './end-form';
import { showErrorIn } from './errors';
import { queueLabel, type QueueInfo } from './queue-info';
import type { StaffChatService } from './service';
import { insertReply, riskBadge, type ChatSuggestions } from './suggestions';
import { transferForm } from './transfer-form';

const MAX_MESSAGE = 8000;

export interface ChatView {
  element: HTMLElement;
  /** Brings the view up to date with the conversation (called on every change). */
  update(): void;
}

export interface ChatViewOptions {
  context: ConsoleContext;
  service: StaffChatService;
  conversation: StaffConversation;
  /** Joiner mode: leave instead of transfer and end. */
  joiner: boolean;
  /** The queues' names (loaded after the section starts). */
  queues: () => readonly QueueInfo[];
  kb: ChatSuggestions;
  /** The signed-in staff member (not offered as a colleague to transfer to). */
  myId: string;
  /** The chat was closed (dismissed): the section drops the view and moves focus. */
  onClosed: () => void;
  /** A joiner left the chat: the open conversations have changed. */
  onLeft: () => void;
}

export function chatView(options: ChatViewOptions): ChatView {
  const { service, conversation: c, joiner, kb } = options;
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
  const element = h(
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
  onComposerSend(composer, textarea, send);
  closeButton.addEventListener('click', () => {
    service.dismiss(c);
    options.onClosed();
  });

  // The transfer and end forms share one slot below the actions; their button toggles each.
  let openPanel: 'transfer' | 'end' | null = null;
  const closePanel = (focusBack = true): void => {
    const which = openPanel;
    openPanel = null;
    panel.replaceChildren();
    transferButton.setAttribute('aria-expanded', 'false');
    endButton.setAttribute('aria-expanded', 'false');
    if (focusBack && which) (which === 'transfer' ? transferButton : endButton).focus();
  };
  const openForm = (which: 'transfer' | 'end', button: HTMLElement, build: () => { form: HTMLFormElement; focus: HTMLElement }): void => {
    if (openPanel === which) return closePanel();
    closePanel(false);
    openPanel = which;
    button.setAttribute('aria-expanded', 'true');
    panelError.replaceChildren();
    const { form, focus } = build();
    replaceChildren(panel, form);
    focus.focus();
  };

  transferButton.addEventListener('click', () =>
    openForm('transfer', transferButton, () =>
      transferForm({
        context: options.context,
        service,
        conversation: c,
        queues: options.queues(),
        myId: options.myId,
        errorBox: panelError,
        onTransferred: () => closePanel(false),
        onCancel: () => closePanel(),
      }),
    ),
  );

  endButton.addEventListener('click', () =>
    openForm('end', endButton, () =>
      endForm({ service, conversation: c, errorBox: panelError, onEnded: () => closePanel(false), onCancel: () => closePanel() }),
    ),
  );

  leaveButton.addEventListener('click', () => {
    if (leaveButton.getAttribute('aria-disabled') === 'true') return;
    leaveButton.setAttribute('aria-disabled', 'true');
    bindText(leaveButton, 'join.leaving');
    panelError.replaceChildren();
    service.leave(c).then(
      () => {
        leaveButton.removeAttribute('aria-disabled');
        bindText(leaveButton, 'join.leave');
        options.onLeft();
        closeButton.focus();
      },
      (error: unknown) => {
        leaveButton.removeAttribute('aria-disabled');
        bindText(leaveButton, 'join.leave');
        showErrorIn(panelError, error);
      },
    );
  });

  let lastState = '';
  const update = (): void => {
    const name = c.displayName() ?? t('work.client');
    bindText(title, 'work.chatTitle', { name });
    const risk = kb.isRisk(c.id);
    if (risk !== riskSlot.hasChildNodes()) replaceChildren(riskSlot, risk ? riskBadge() : null);
    queueLine.textContent = queueLabel(options.queues(), c.queue);
    log.update(c.transcript);
    const stateKey = stateLine(c, joiner);
    // Set only on a change: the line is a status region, re-setting would announce it again.
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
  return { element, update };
}

/** What the state line says about the chat (nothing while it runs normally). */
function stateLine(c: StaffConversation, joiner: boolean): MessageKey | null {
  switch (c.status) {
    case 'joining':
      return joiner ? 'join.waitingAdd' : 'work.waitingWelcome';
    case 'unreadable':
      return 'work.unreadable';
    case 'closed':
      return closedKey(c.closedReason, joiner);
    default:
      return null;
  }
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
