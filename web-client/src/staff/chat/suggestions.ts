// Knowledge bank suggestions beside each chat in the worker console. After the
// citizen's messages change (debounced), the knowledge-bank engine on this
// device reads their latest words in the chat's language and lists articles
// with a ready reply; the worker can also search the bank. "Use reply" puts
// the reply into the message box to edit (it never sends), "Open article"
// shows the article in place of the list. When risk signs are seen, the chat
// is marked (riskSeen) and the console is told once (onRisk) so it can
// announce and alert.
//
// The citizen's text and the worker's search words never leave this browser:
// the engine searches the console's own copy of the staff index. Nothing here
// logs them.
import '../../styles/kb.css';
import { bindText, clearText, currentLang, type MessageKey } from '../../i18n';
import { focusElement, h, replaceChildren, uid } from '../../lib/dom';
import type { TranscriptEntry } from '../../chat/transcript';
import { MAX_QUERY, parseArticle, type Article, type Suggestion, type SuggestResult } from '../../knowledge/api';
import type { FindResult } from '../../knowledge/engine/engine';
import { SuggestionFeed, type FeedState, type FeedOptions } from '../../knowledge/feed';
import { IndexSource } from '../../knowledge/index-source';
import { replyPreview } from '../../knowledge/recent-text';
import { consoleSuggestions, kbLang } from '../../knowledge/suggest';
import type { ConsoleContext } from '../context';
import { articleView, type ArticleView } from './article-view';

/** What the panel needs of a chat (a StaffConversation). */
export interface SuggestionsChat {
  readonly id: string;
  readonly lang: string;
  readonly transcript: readonly TranscriptEntry[];
  readonly isOpen: boolean;
}

export interface SuggestionsApi {
  /** Suggestions for the citizen's recent text (computed on this device). */
  suggest(text: string, lang: string, signal: AbortSignal): Promise<SuggestResult>;
  /** The worker's own search, in the console's language (on this device). */
  search(query: string): Promise<SuggestResult>;
  /** An article's page (the one request the server sees: which article was opened). */
  article(id: string, signal: AbortSignal): Promise<Article>;
}

export function toSuggestResult(found: FindResult): SuggestResult {
  return {
    suggestions: found.results.map((r) => ({ id: r.article.id, title: r.article.title, reply: r.article.reply ?? '', score: r.score })),
    risk: found.risk,
  };
}

/** The console's knowledge bank: the staff index in this browser, articles through the staff token. */
export function consoleKbApi(context: ConsoleContext, index: IndexSource): SuggestionsApi {
  return {
    suggest: async (text, lang) => toSuggestResult(consoleSuggestions(await index.engine(), text, lang)),
    search: async (query) => toSuggestResult(consoleSuggestions(await index.engine(), query, currentLang(), SEARCH_RESULTS)),
    article: async (id, signal) => parseArticle(await context.authed<unknown>(`/api/kb/articles/${encodeURIComponent(id)}`, { signal })),
  };
}

/** The console's staff index: fetched once with the staff token, revalidated, replaced on kb.changed. */
export function consoleKbIndex(context: ConsoleContext): IndexSource {
  return new IndexSource(() => context.authed<unknown>('/api/kb/index/staff', { cache: 'no-cache' }));
}

const SEARCH_RESULTS = 8;

/** "Risk signs": a text badge with a warning sign (the sign is decoration). */
export function riskBadge(): HTMLElement {
  return h('span', { class: 'kb-risk-badge', 'data-risk-badge': '' }, h('span', { class: 'kb-risk-badge__icon', 'aria-hidden': 'true' }, '!'), h('span', { t: 'kb.risk.badge' }));
}

/** Writes the reply into the message box (after what is there), focused, cursor at the end. */
export function insertReply(textarea: HTMLTextAreaElement, reply: string): void {
  const max = textarea.maxLength > 0 ? textarea.maxLength : Number.POSITIVE_INFINITY;
  const current = textarea.value.trimEnd();
  textarea.value = (current ? `${current}\n\n${reply}` : reply).slice(0, max);
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
  textarea.focus();
  const end = textarea.value.length;
  textarea.setSelectionRange(end, end);
}

export interface SuggestionsPanelOptions {
  chat: SuggestionsChat;
  api: SuggestionsApi;
  /** "Use reply": the message box of this chat. */
  useReply(reply: string): void;
  /** The feed's state changed (e.g. risk seen): re-render what depends on it. */
  onChange(panel: SuggestionsPanel): void;
  feed?: FeedOptions;
}

export class SuggestionsPanel {
  readonly element: HTMLElement;
  private readonly feed: SuggestionFeed;
  private readonly status: HTMLElement;
  private readonly riskNote: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly retry: HTMLButtonElement;
  private readonly listArea: HTMLElement;
  private readonly articleSlot: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly searchInput: HTMLInputElement;
  private readonly clearSearch: HTMLButtonElement;
  private article: { view: ArticleView; opener: HTMLElement | null } | null = null;
  private lastStatus: MessageKey | null = null;
  /** The worker's own search results while they look at them; null shows the suggestions. */
  private searchResults: readonly Suggestion[] | null = null;
  private searchSeq = 0;

  constructor(private readonly options: SuggestionsPanelOptions) {
    const headingId = uid('kb-suggestions');
    const lang = kbLang(options.chat.lang);
    this.feed = new SuggestionFeed(
      (text, signal) => options.api.suggest(text, lang, signal),
      (state) => this.render(state, true),
      options.feed,
    );
    this.status = h('p', { class: 'kb-suggestions__status muted' });
    this.riskNote = h('p', { class: 'kb-risk-note' }, riskBadge(), ' ', h('span', { t: 'kb.risk.note' }));
    this.riskNote.hidden = true;
    this.retry = h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'kb.suggestions.retry', on: { click: () => this.feed.retry() } });
    this.retry.hidden = true;
    this.list = h('ul', { class: 'kb-suggestions__list', 'aria-labelledby': headingId });
    this.notice = h('p', { class: 'visually-hidden', role: 'status' });
    const searchId = uid('kb-search');
    this.searchInput = h('input', {
      id: searchId,
      class: 'input',
      type: 'search',
      maxlength: String(MAX_QUERY),
      autocomplete: 'off',
      spellcheck: 'false',
      enterkeyhint: 'search',
    });
    this.clearSearch = h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'kb.search.clear', on: { click: () => this.endSearch(true) } });
    this.clearSearch.hidden = true;
    const searchForm = h(
      'form',
      { class: 'kb-search', role: 'search', novalidate: true, on: { submit: (e: Event) => this.onSearch(e) } },
      h('label', { for: searchId, t: 'kb.search.label' }),
      h('div', { class: 'kb-search__row' }, this.searchInput, h('button', { type: 'submit', class: 'btn btn--small', t: 'kb.search.submit' })),
    );
    this.listArea = h('div', { class: 'kb-suggestions__main' }, searchForm, this.riskNote, this.status, this.retry, this.clearSearch, this.list);
    this.articleSlot = h('div', { class: 'kb-suggestions__article' });
    this.articleSlot.hidden = true;
    this.element = h(
      'section',
      { class: 'kb-suggestions', 'aria-labelledby': headingId, 'data-suggestions-for': options.chat.id },
      h('h4', { id: headingId, t: 'kb.suggestions.heading' }),
      h('p', { class: 'field__hint', t: 'kb.suggestions.hint' }),
      this.notice,
      this.listArea,
      this.articleSlot,
    );
    this.render(this.feed.current, false);
  }

  get state(): FeedState {
    return this.feed.current;
  }

  get riskSeen(): boolean {
    return this.feed.current.riskSeen;
  }

  /** After every change of the chat. */
  update(): void {
    this.feed.update(this.options.chat.transcript);
  }

  /** Works the suggestions out again (the knowledge bank changed). */
  refresh(): void {
    this.feed.retry();
  }

  dispose(): void {
    this.feed.dispose();
    this.article?.view.dispose();
    this.article = null;
  }

  private render(state: FeedState, notify: boolean): void {
    this.riskNote.hidden = !state.riskSeen;
    this.element.classList.toggle('kb-suggestions--risk', state.riskSeen);
    if (this.searchResults) {
      // the worker is looking at their own search: the suggestions wait behind "Show suggestions"
      if (notify) this.options.onChange(this);
      return;
    }
    const key: MessageKey | null =
      state.status === 'error'
        ? 'kb.suggestions.error'
        : state.status === 'loading' && state.suggestions.length === 0
          ? 'kb.suggestions.loading'
          : state.status === 'idle'
            ? 'kb.suggestions.waiting'
            : state.status === 'ready' && state.suggestions.length === 0
              ? 'kb.suggestions.none'
              : null;
    if (key !== this.lastStatus) {
      this.lastStatus = key;
      if (key) bindText(this.status, key);
      else clearText(this.status);
      this.status.hidden = key === null;
    }
    this.retry.hidden = state.status !== 'error';
    this.element.setAttribute('aria-busy', state.status === 'loading' ? 'true' : 'false');
    if (state.status === 'ready') this.renderList(state.suggestions);
    if (notify) this.options.onChange(this);
  }

  private renderList(suggestions: readonly Suggestion[]): void {
    // Keep focus on the same kind of button of the same article across a refresh.
    const active = document.activeElement;
    const focused =
      active instanceof HTMLElement && this.list.contains(active)
        ? { id: active.closest<HTMLElement>('[data-suggestion]')?.dataset.suggestion, action: active.dataset.action }
        : null;
    replaceChildren(this.list, ...suggestions.map((s, index) => this.item(s, index)));
    if (focused?.id && focused.action) {
      const again = this.list.querySelector<HTMLElement>(`[data-suggestion="${CSS.escape(focused.id)}"] [data-action="${focused.action}"]`);
      (again ?? this.list.querySelector<HTMLElement>('button'))?.focus();
    }
  }

  private onSearch(event: Event): void {
    event.preventDefault();
    const query = this.searchInput.value.trim();
    if (!query) {
      this.showStatus('kb.search.empty');
      this.searchInput.focus();
      return;
    }
    const seq = ++this.searchSeq;
    this.options.api.search(query.slice(0, MAX_QUERY)).then(
      (result) => {
        if (seq !== this.searchSeq) return;
        this.searchResults = result.suggestions;
        this.clearSearch.hidden = false;
        this.retry.hidden = true;
        this.showStatus(result.suggestions.length ? 'kb.search.count' : 'kb.search.none', { count: result.suggestions.length });
        replaceChildren(this.list, ...result.suggestions.map((s, index) => this.item(s, index, false)));
      },
      () => {
        if (seq !== this.searchSeq) return;
        this.showStatus('kb.suggestions.error');
      },
    );
  }

  /** Back from the worker's search to the suggestions. */
  private endSearch(focus: boolean): void {
    this.searchSeq++;
    this.searchResults = null;
    this.clearSearch.hidden = true;
    this.searchInput.value = '';
    this.lastStatus = null;
    this.render(this.feed.current, false);
    if (this.feed.current.status !== 'ready') replaceChildren(this.list);
    if (focus) this.searchInput.focus();
  }

  private showStatus(key: MessageKey, args?: Record<string, number>): void {
    this.lastStatus = key;
    bindText(this.status, key, args);
    this.status.hidden = false;
    bindText(this.notice, key, args);
  }

  private item(s: Suggestion, index: number, suggestion = true): HTMLElement {
    const titleId = uid('kb-s');
    const use = h('button', {
      type: 'button',
      class: 'btn btn--small',
      t: 'kb.useReply',
      'aria-describedby': titleId,
      'data-action': 'use',
    });
    const open = h('button', {
      type: 'button',
      class: 'btn btn--secondary btn--small',
      t: 'kb.openArticle',
      'aria-describedby': titleId,
      'data-action': 'open',
    });
    use.hidden = !s.reply;
    use.addEventListener('click', () => this.use(s.reply));
    open.addEventListener('click', () => this.openArticle(s.id, open));
    return h(
      'li',
      { class: `kb-suggestion${suggestion && index === 0 && this.feed.current.risk ? ' kb-suggestion--lead' : ''}`, 'data-suggestion': s.id },
      h('h5', { id: titleId, class: 'kb-suggestion__title' }, s.title),
      // Plain text from the server: always a text node, never markup.
      s.reply ? h('p', { class: 'kb-suggestion__reply' }, replyPreview(s.reply)) : null,
      h('div', { class: 'button-row kb-suggestion__actions' }, use, open),
    );
  }

  private use(reply: string): void {
    this.options.useReply(reply);
    bindText(this.notice, 'kb.replyInserted');
  }

  private openArticle(id: string, opener: HTMLElement | null): void {
    this.closeArticle(false);
    const view = articleView({
      id,
      level: 4,
      load: (articleId, signal) => this.options.api.article(articleId, signal),
      useReply: (reply) => this.use(reply),
      onClose: () => this.closeArticle(true),
    });
    this.article = { view, opener };
    replaceChildren(this.articleSlot, view.element);
    this.articleSlot.hidden = false;
    this.listArea.hidden = true;
  }

  private closeArticle(returnFocus: boolean): void {
    const current = this.article;
    if (!current) return;
    this.article = null;
    current.view.dispose();
    this.articleSlot.replaceChildren();
    this.articleSlot.hidden = true;
    this.listArea.hidden = false;
    if (!returnFocus) return;
    const id = current.view.element.dataset.article;
    const again = id ? this.list.querySelector<HTMLElement>(`[data-suggestion="${CSS.escape(id)}"] [data-action="open"]`) : null;
    const target = again ?? (current.opener?.isConnected ? current.opener : null);
    if (target) target.focus();
    else focusElement(this.element.querySelector('h4') as HTMLElement);
  }
}

export interface ChatSuggestionsOptions {
  api: SuggestionsApi;
  /** A chat got its first risk signs. */
  onRisk(chat: SuggestionsChat): void;
  /** Some panel changed (re-render badges). */
  onChange(): void;
  feed?: FeedOptions;
}

/**
 * The panels of all the worker's chats, so that a chat that is not on screen
 * is kept up to date (and marked) too.
 */
export class ChatSuggestions {
  private readonly panels = new Map<string, { panel: SuggestionsPanel; risk: boolean; useReply: (reply: string) => void }>();

  constructor(private readonly options: ChatSuggestionsOptions) {}

  /** Creates panels for new chats, drops those of chats gone, and updates all. */
  sync(chats: Iterable<SuggestionsChat>): void {
    const seen = new Set<string>();
    for (const chat of chats) {
      seen.add(chat.id);
      this.entry(chat).panel.update();
    }
    for (const [id, entry] of this.panels) {
      if (!seen.has(id)) {
        entry.panel.dispose();
        this.panels.delete(id);
      }
    }
  }

  /** The chat's panel; `useReply` is where its "Use reply" writes (the chat view's message box). */
  panel(chat: SuggestionsChat, useReply?: (reply: string) => void): SuggestionsPanel {
    const entry = this.entry(chat);
    if (useReply) entry.useReply = useReply;
    return entry.panel;
  }

  /** After new knowledge-bank content: every chat's suggestions again. */
  refresh(): void {
    for (const entry of this.panels.values()) entry.panel.refresh();
  }

  isRisk(id: string): boolean {
    return this.panels.get(id)?.panel.riskSeen ?? false;
  }

  dispose(): void {
    for (const entry of this.panels.values()) entry.panel.dispose();
    this.panels.clear();
  }

  private entry(chat: SuggestionsChat): { panel: SuggestionsPanel; risk: boolean; useReply: (reply: string) => void } {
    let entry = this.panels.get(chat.id);
    if (!entry) {
      const created: { panel: SuggestionsPanel; risk: boolean; useReply: (reply: string) => void } = {
        panel: null as unknown as SuggestionsPanel,
        risk: false,
        useReply: () => undefined,
      };
      created.panel = new SuggestionsPanel({
        chat,
        api: this.options.api,
        feed: this.options.feed,
        useReply: (reply) => created.useReply(reply),
        onChange: (panel) => {
          if (panel.riskSeen && !created.risk) {
            created.risk = true;
            this.options.onRisk(chat);
          }
          this.options.onChange();
        },
      });
      entry = created;
      this.panels.set(chat.id, entry);
    }
    return entry;
  }
}
