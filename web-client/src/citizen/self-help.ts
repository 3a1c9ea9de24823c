// Self-help articles on the citizen page: a search box, the results, and an
// article with a back button, in the page's language. Shown while the citizen
// waits in the queue and from the topic choice. The search runs on this device
// against the citizen index (fetched once, when the search box is first used):
// the search words never leave the page's memory — not in a request, the URL,
// storage or the console. Opening an article fetches it, so the server learns
// which article was read, never what was searched.
import '../styles/kb.css';
import { bindText, clearText, currentLang, onLanguageChange, type MessageKey } from '../i18n';
import { focusElement, h, replaceChildren, uid } from '../lib/dom';
import { fetchCitizenIndex, getArticle, MAX_QUERY, type Article, type SearchHit } from '../knowledge/api';
import { IndexSource } from '../knowledge/index-source';
import { kbLang } from '../knowledge/suggest';
import { renderArticleBody } from '../knowledge/article-body';

const RESULTS = 8;

/** One citizen index per page, shared by every self-help view. */
const citizenIndex = new IndexSource(() => fetchCitizenIndex());

/** Self-help search on this device. */
export async function searchOnDevice(query: string, lang: string, limit: number, index: IndexSource = citizenIndex): Promise<SearchHit[]> {
  const engine = await index.engine();
  return engine.find(query, kbLang(lang), limit).results.map((r) => ({
    id: r.article.id,
    title: r.article.title,
    summary: r.article.summary,
    lang: r.article.lang,
    score: r.score,
  }));
}

export interface SelfHelpOptions {
  /** Level of the section heading (results and the article title come one below). */
  level: 2 | 3;
  intro: MessageKey;
  /** For tests: the API. */
  search?: (query: string, signal: AbortSignal) => Promise<SearchHit[]>;
  article?: (id: string, signal: AbortSignal) => Promise<Article>;
}

export interface SelfHelp {
  element: HTMLElement;
  dispose(): void;
}


type Heading = 'h2' | 'h3' | 'h4';

export function selfHelp(options: SelfHelpOptions): SelfHelp {
  const search = options.search ?? ((q) => searchOnDevice(q, currentLang(), RESULTS));
  const load = options.article ?? ((id, signal) => getArticle(id, { signal }));
  const sectionTag: Heading = options.level === 2 ? 'h2' : 'h3';
  const itemTag: Heading = options.level === 2 ? 'h3' : 'h4';

  const headingId = uid('self-help');
  const inputId = uid('self-help-q');
  const input = h('input', {
    id: inputId,
    class: 'input',
    type: 'search',
    name: 'q',
    maxlength: String(MAX_QUERY),
    autocomplete: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
  });
  // a poor network: start fetching the index as soon as someone is about to search
  if (!options.search) input.addEventListener('focus', () => citizenIndex.prefetch(), { once: true });
  const submit = h('button', { type: 'submit', class: 'btn', t: 'selfHelp.submit' });
  const form = h(
    'form',
    { class: 'self-help__form', role: 'search', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: inputId, t: 'selfHelp.search' }), input),
    submit,
  );
  const status = h('p', { class: 'self-help__status', role: 'status' });
  const results = h('ul', { class: 'self-help__results', tAttrs: { 'aria-label': 'selfHelp.results' } });
  results.hidden = true;
  const searchArea = h('div', { class: 'self-help__search' }, form, status, results);
  const articleArea = h('div', { class: 'self-help__article' });
  articleArea.hidden = true;
  const element = h(
    'section',
    { class: 'self-help', 'aria-labelledby': headingId },
    h(sectionTag, { id: headingId, t: 'selfHelp.heading' }),
    h('p', { class: 'muted', t: options.intro }),
    searchArea,
    articleArea,
  );

  let lastQuery = ''; // in memory only, to search again after a language switch
  let searchController: AbortController | null = null;
  let articleController: AbortController | null = null;

  const setStatus = (key: MessageKey | null, args?: Record<string, number>): void => {
    if (key) bindText(status, key, args);
    else clearText(status);
  };

  const runSearch = async (query: string): Promise<void> => {
    searchController?.abort();
    const controller = new AbortController();
    searchController = controller;
    setStatus('selfHelp.searching');
    try {
      const hits = await search(query, controller.signal);
      if (controller.signal.aborted) return;
      lastQuery = query;
      replaceChildren(results, ...hits.map(resultItem));
      results.hidden = hits.length === 0;
      setStatus(hits.length === 0 ? 'selfHelp.none' : 'selfHelp.count', { count: hits.length });
    } catch {
      if (controller.signal.aborted) return;
      results.hidden = true;
      results.replaceChildren();
      setStatus('selfHelp.error'); // the index could not be loaded
    }
  };

  const resultItem = (hit: SearchHit): HTMLElement => {
    const open = h('a', { href: '#', class: 'self-help__open', 'data-article': hit.id }, hit.title);
    open.addEventListener('click', (event) => {
      event.preventDefault();
      showArticle(hit.id, open);
    });
    return h(
      'li',
      { class: 'self-help__result', ...(hit.lang ? { lang: hit.lang } : {}) },
      h(itemTag, null, open),
      hit.summary ? h('p', null, hit.summary) : null,
    );
  };

  const showArticle = (id: string, opener: HTMLElement): void => {
    articleController?.abort();
    const controller = new AbortController();
    articleController = controller;
    const titleId = uid('self-help-article');
    const title = h(itemTag, { id: titleId, class: 'kb-article__title', t: 'selfHelp.loading' });
    const back = h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'selfHelp.back' });
    const body = h('div', { class: 'kb-article__body' });
    const article = h('article', { class: 'kb-article', 'aria-labelledby': titleId }, back, title, body);
    const goBack = (): void => {
      controller.abort();
      articleArea.hidden = true;
      articleArea.replaceChildren();
      searchArea.hidden = false;
      const again = results.querySelector<HTMLElement>(`[data-article="${CSS.escape(id)}"]`);
      (again ?? opener).focus();
    };
    back.addEventListener('click', goBack);
    article.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.stopPropagation(); // not the embedded page's "close the widget"
        event.preventDefault();
        goBack();
      }
    });
    replaceChildren(articleArea, article);
    searchArea.hidden = true;
    articleArea.hidden = false;
    focusElement(title);
    load(id, controller.signal).then(
      (a) => {
        if (controller.signal.aborted) return;
        title.removeAttribute('data-i18n');
        title.textContent = a.title;
        if (a.lang) article.setAttribute('lang', a.lang);
        body.replaceChildren(renderArticleBody(a.bodyHtml, options.level + 2));
      },
      () => {
        if (controller.signal.aborted) return;
        bindText(title, 'selfHelp.articleError');
      },
    );
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (!query) {
      setStatus('selfHelp.empty');
      input.focus();
      return;
    }
    if (query.length > MAX_QUERY) {
      setStatus('selfHelp.tooLong');
      return;
    }
    void runSearch(query);
  });

  const offLang = onLanguageChange(() => {
    if (lastQuery && !results.hidden) void runSearch(lastQuery);
  });

  return {
    element,
    dispose: () => {
      offLang();
      searchController?.abort();
      articleController?.abort();
    },
  };
}
