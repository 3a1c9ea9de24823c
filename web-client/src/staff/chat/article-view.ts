// One knowledge bank article shown beside a chat in the worker console:
// title, body (see knowledge/article-body.ts), the ready reply as plain text
// with "Use reply", and a close button. Focus goes to the title once the
// article is there; Escape or the close button closes it, and the caller puts
// focus back where the worker was.
import { bindText } from '../../i18n';
import { focusElement, h, replaceChildren, uid } from '../../lib/dom';
import type { Article } from '../../knowledge/api';
import { renderArticleBody } from '../../knowledge/article-body';

export interface ArticleViewOptions {
  id: string;
  load(id: string, signal: AbortSignal): Promise<Article>;
  /** Heading level of the article title (its body headings come below it). */
  level?: 3 | 4;
  useReply?(reply: string): void;
  onClose(): void;
}

export interface ArticleView {
  element: HTMLElement;
  dispose(): void;
}

export function articleView(options: ArticleViewOptions): ArticleView {
  const level = options.level ?? 4;
  const titleId = uid('kb-article');
  const title = h(level === 3 ? 'h3' : 'h4', { id: titleId, class: 'kb-article__title', t: 'kb.article.loading' });
  const close = h('button', { type: 'button', class: 'btn btn--secondary btn--small', t: 'kb.article.close' });
  const content = h('div', { class: 'kb-article__content' });
  const element = h(
    'section',
    { class: 'kb-article', 'aria-labelledby': titleId, 'data-article': options.id },
    h('div', { class: 'kb-article__head' }, title, close),
    content,
  );
  const controller = new AbortController();
  close.addEventListener('click', () => options.onClose());
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      options.onClose();
    }
  });

  void options.load(options.id, controller.signal).then(
    (article) => {
      if (controller.signal.aborted) return;
      title.removeAttribute('data-i18n');
      title.textContent = article.title;
      if (article.lang) element.setAttribute('lang', article.lang);
      const body = h('div', { class: 'kb-article__body' });
      body.append(renderArticleBody(article.bodyHtml, level + 1));
      const parts: HTMLElement[] = [body];
      if (article.reply && options.useReply) {
        const replyId = uid('kb-reply');
        const useReply = options.useReply;
        parts.push(
          h(
            'div',
            { class: 'kb-article__reply' },
            h(level === 3 ? 'h4' : 'h5', { id: replyId, t: 'kb.article.reply' }),
            // Plain text from the server: a text node, never markup.
            h('p', { class: 'kb-reply-text' }, article.reply),
            h('button', {
              type: 'button',
              class: 'btn btn--small',
              t: 'kb.useReply',
              'aria-describedby': replyId,
              on: { click: () => useReply(article.reply) },
            }),
          ),
        );
      }
      replaceChildren(content, ...parts);
      focusElement(title);
    },
    () => {
      if (controller.signal.aborted) return;
      bindText(title, 'kb.article.error');
      content.replaceChildren();
      focusElement(title);
    },
  );

  return {
    element,
    dispose: () => controller.abort(),
  };
}
