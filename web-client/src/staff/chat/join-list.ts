// Joiner mode (supervisors, peer experts): the open conversations with a
// "Join visibly" button each, instead of the queue controls of a worker.
// The list is loaded from GET /api/conversations, and again after queue
// figures change (a chat was taken, transferred or ended).
import { bindText, clearText, currentLang, t, type MessageKey } from '../../i18n';
import { h, replaceChildren, uid } from '../../lib/dom';
import type { ConsoleContext } from '../context';
import { SessionEndedError } from '../session';
import { isKnownRole } from '../roles';
import type { StaffConversation } from './conversation';
import { showErrorIn } from './errors';
import { queueLabel, type QueueInfo } from './queue-info';
import { parseOpenConversations, type OpenConversation } from './server-data';
import type { StaffChatService } from './service';

/** queue.stats can come in bursts: the list loads once, this long after the last. */
const RELOAD_DELAY_MS = 400;

export interface JoinListOptions {
  context: ConsoleContext;
  /** The signed-in staff member: chats they are in show "Joined" instead of the button. */
  myId: string;
  /** Null until the section has its device and connection. */
  service: () => StaffChatService | null;
  queues: () => readonly QueueInfo[];
  /** A chat was joined: the section selects and shows it. */
  onJoined: (conversation: StaffConversation) => void;
  /** A join attempt finished (either way): the section renders again. */
  onSettled: () => void;
}

export class JoinList {
  readonly element: HTMLElement;
  private readonly status = h('p', { class: 'muted', role: 'status' });
  private readonly error = h('div', { class: 'message message--error', role: 'alert' });
  private readonly list = h('ul', { class: 'join-list', 'data-open-conversations': '' });
  private readonly explainId = uid('join-explain');
  private open: OpenConversation[] = [];
  private state: 'loading' | 'ready' | 'error' = 'loading';
  private readonly joining = new Set<string>();
  /** Only the newest load's answer counts (an older one may arrive later). */
  private loadSeq = 0;
  private loadTimer: ReturnType<typeof setTimeout> | null = null;
  private lastKey = '';
  private disposed = false;

  constructor(private readonly options: JoinListOptions) {
    const headingId = uid('join');
    const refreshButton = h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'join.refresh' });
    refreshButton.addEventListener('click', () => {
      this.error.replaceChildren();
      this.state = 'loading';
      this.render();
      this.load();
    });
    this.element = h(
      'section',
      { class: 'join-block', 'aria-labelledby': headingId },
      h('h3', { id: headingId, t: 'join.heading' }),
      h('p', { t: 'join.intro' }),
      h('p', { id: this.explainId, class: 'field__hint', t: 'join.explain' }),
      h('div', { class: 'button-row' }, refreshButton),
      this.status,
      this.error,
      this.list,
    );
  }

  /** Loads the open conversations now. */
  load(): void {
    if (this.disposed) return;
    const seq = ++this.loadSeq;
    this.options.context.authed<{ conversations?: unknown }>('/api/conversations').then(
      (body) => {
        if (seq !== this.loadSeq || this.disposed) return;
        this.open = parseOpenConversations(body?.conversations);
        this.state = 'ready';
        this.render();
      },
      (error: unknown) => {
        if (seq !== this.loadSeq || this.disposed || error instanceof SessionEndedError) return;
        this.state = 'error';
        this.render();
      },
    );
  }

  /** Loads the list soon, once for a burst of calls. */
  scheduleLoad(): void {
    if (this.loadTimer) return;
    this.loadTimer = setTimeout(() => {
      this.loadTimer = null;
      this.load();
    }, RELOAD_DELAY_MS);
  }

  dispose(): void {
    this.disposed = true;
    if (this.loadTimer) clearTimeout(this.loadTimer);
  }

  render(): void {
    const { service, queues } = this.options;
    if (this.state === 'loading') bindText(this.status, 'join.loading');
    else if (this.state === 'error') bindText(this.status, 'join.loadError');
    else if (this.open.length === 0) bindText(this.status, 'join.none');
    else clearText(this.status);
    const chats = service();
    const ready = !!chats && chats.deviceState === 'ready' && chats.connection === 'online' && chats.keysReady;
    const { myId } = this.options;
    const mine = (o: OpenConversation): boolean =>
      !!service()?.conversations.get(o.conversation)?.isAssigned || o.members.some((m) => m.id === myId);
    // Rebuild only when something shown changed (keeps focus and the screen reader's place).
    const key = JSON.stringify([
      currentLang(),
      ready,
      queues().length,
      [...this.joining],
      this.open.map((o) => [o.conversation, o.status, o.queuedAt, o.members, mine(o)]),
    ]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.getAttribute('data-join') : null;
    replaceChildren(this.list, ...this.open.map((o) => this.item(o, mine(o), ready)));
    if (focused) this.list.querySelector<HTMLElement>(`[data-join="${CSS.escape(focused)}"]`)?.focus();
  }

  private item(o: OpenConversation, mine: boolean, ready: boolean): HTMLElement {
    const titleId = uid('open');
    const names = o.members.map((m) => `${m.displayName} (${isKnownRole(m.role) ? t(`role.${m.role}`) : m.role})`).join(', ');
    const statusKey: MessageKey = o.status === 'queued' ? 'join.status.queued' : 'join.status.active';
    let action: HTMLElement;
    if (mine) {
      action = h('p', { class: 'join-item__joined', t: 'join.joined' });
    } else {
      const joining = this.joining.has(o.conversation);
      action = h('button', {
        type: 'button',
        class: 'btn',
        'data-join': o.conversation,
        'aria-describedby': `${titleId} ${this.explainId}`,
        t: joining ? 'join.joining' : 'join.button',
        ...(ready && !joining ? {} : { 'aria-disabled': 'true' }),
      });
      action.addEventListener('click', () => this.join(o, action));
    }
    return h(
      'li',
      { class: 'join-item', 'data-conversation': o.conversation },
      h('h4', { id: titleId, class: 'join-item__topic' }, queueLabel(this.options.queues(), o.queue)),
      h('p', { class: 'muted' }, `${t('join.since', { time: sinceText(o.queuedAt) })} · ${t(statusKey)}`),
      h('p', null, o.members.length > 0 ? t('join.members', { names }) : t('join.nobody')),
      action,
    );
  }

  private join(o: OpenConversation, button: HTMLElement): void {
    const service = this.options.service();
    if (!service || button.getAttribute('aria-disabled') === 'true' || this.joining.has(o.conversation)) return;
    this.error.replaceChildren();
    this.joining.add(o.conversation);
    this.render();
    service
      .join(o.conversation, o.queue, o.lang)
      .then(
        (c) => this.options.onJoined(c),
        (error: unknown) => {
          if (error instanceof SessionEndedError) return;
          showErrorIn(this.error, error);
        },
      )
      .finally(() => {
        this.joining.delete(o.conversation);
        this.load();
        this.options.onSettled();
      });
  }
}

/** When a chat started: the time today, else the date and time. */
function sinceText(at: number): string {
  const date = new Date(at);
  const now = new Date();
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString(currentLang(), { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString(currentLang(), { day: 'numeric', month: 'numeric', hour: '2-digit', minute: '2-digit' });
}
