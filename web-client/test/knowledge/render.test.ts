// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { TranscriptEntry } from '../../src/chat/transcript';
import { fi } from '../../src/i18n/fi';
import type { Article, SuggestResult } from '../../src/knowledge/api';
import { renderArticleBody, safeHref } from '../../src/knowledge/article-body';
import { SUGGEST_DEBOUNCE_MS } from '../../src/knowledge/recent-text';
import { ChatSuggestions, insertReply, SuggestionsPanel, type SuggestionsApi } from '../../src/staff/chat/suggestions';
import { kbLang } from '../../src/knowledge/suggest';

const html = (fragment: DocumentFragment): string => {
  const div = document.createElement('div');
  div.append(fragment);
  return div.innerHTML;
};

describe('renderArticleBody', () => {
  it('keeps the article text and structure, with headings under the given level', () => {
    const out = html(renderArticleBody('<h2>Mitä tehdä</h2><p>Soita <strong>112</strong>.</p><ul><li>yksi</li></ul><h3>Lisää</h3>', 4));
    expect(out).toBe('<h4>Mitä tehdä</h4><p>Soita <strong>112</strong>.</p><ul><li>yksi</li></ul><h5>Lisää</h5>');
  });

  it('copies nothing active, even if the server ever let it through', () => {
    const out = html(
      renderArticleBody(
        '<p onclick="x()" style="color:red" class="a">teksti<script>alert(1)</script><img src=x onerror="y()"></p>' +
          '<a href="javascript:alert(1)">paha</a><a href="https://example.org/x">hyvä</a><iframe srcdoc="x"></iframe><div><span>sisältö</span></div>',
      ),
    );
    expect(out).not.toMatch(/script|onclick|onerror|style|iframe|img|javascript|class=/i);
    expect(out).toContain('<p>teksti</p>');
    expect(out).toContain('<a>paha</a>');
    expect(out).toContain('<a href="https://example.org/x" target="_blank" rel="noopener noreferrer">hyvä</a>');
    expect(out).toContain('sisältö');
  });

  it('allows only safe link targets', () => {
    expect(safeHref('tel:112')).toBe('tel:112');
    expect(safeHref('mailto:a@b.fi')).toBe('mailto:a@b.fi');
    expect(safeHref('/polku')).toBe('/polku');
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref(' JavaScript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,x')).toBeNull();
  });
});

const citizen = (id: string, body: string): TranscriptEntry => ({ k: 'msg', id, at: 0, self: false, senderKind: 'citizen', name: 'Aino', body });

function fakeApi(result: SuggestResult, searched: SuggestResult = { suggestions: [], risk: false }): SuggestionsApi & { suggest: ReturnType<typeof vi.fn>; search: ReturnType<typeof vi.fn> } {
  return {
    suggest: vi.fn(async () => result),
    search: vi.fn(async () => searched),
    article: async (id: string): Promise<Article> => ({
      id,
      lang: 'fi',
      group: id,
      title: 'Otsikko',
      audience: ['worker'],
      topics: [],
      summary: '',
      bodyHtml: '<h2>Osa</h2><p>Teksti</p>',
      reply: 'Vastaus <i>tekstinä</i>',
    }),
  };
}

describe('SuggestionsPanel', () => {
  const reply = 'Kiitos <b>kun</b> kerroit & <script>x</script>';

  it('shows replies as text, and "Use reply" fills the message box without sending', async () => {
    vi.useFakeTimers();
    const api = fakeApi({ suggestions: [{ id: 'paihteet-alkoholin-riskikaytto', title: 'Alkoholi <em>ja</em> riski', reply, score: 2 }], risk: false });
    const textarea = document.createElement('textarea');
    textarea.maxLength = 8000;
    document.body.append(textarea);
    const useReply = vi.fn((text: string) => insertReply(textarea, text));
    const chat = { id: 'c1', lang: 'fi-FI', transcript: [citizen('r1', 'mä juon liikaa kaljaa')], isOpen: true };
    const panel = new SuggestionsPanel({ chat, api, useReply, onChange: () => undefined });
    document.body.append(panel.element);
    expect(panel.element.textContent).toContain(fi['kb.suggestions.waiting']);
    panel.update();
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    expect(api.suggest).toHaveBeenCalledWith('mä juon liikaa kaljaa', 'fi', expect.anything());

    const item = panel.element.querySelector('[data-suggestion="paihteet-alkoholin-riskikaytto"]') as HTMLElement;
    expect(item).not.toBeNull();
    expect(item.querySelector('b, em, script')).toBeNull();
    expect(item.querySelector('.kb-suggestion__reply')?.textContent).toBe('Kiitos <b>kun</b> kerroit & <script>x</script>');
    expect(item.querySelector('h5')?.textContent).toBe('Alkoholi <em>ja</em> riski');

    const use = item.querySelector('[data-action="use"]') as HTMLButtonElement;
    expect(use.textContent).toBe('Käytä vastausta');
    use.click();
    expect(useReply).toHaveBeenCalledWith(reply);
    expect(textarea.value).toBe(reply);
    expect(document.activeElement).toBe(textarea);

    // "Open article": in place of the list; closing brings focus back to the button
    const open = item.querySelector('[data-action="open"]') as HTMLButtonElement;
    open.focus();
    open.click();
    await vi.advanceTimersByTimeAsync(0);
    const article = panel.element.querySelector('.kb-article') as HTMLElement;
    expect(article.querySelector('h4')?.textContent).toBe('Otsikko');
    expect(document.activeElement).toBe(article.querySelector('h4'));
    expect(article.querySelector('.kb-article__body h5')?.textContent).toBe('Osa');
    expect(article.querySelector('.kb-reply-text')?.textContent).toBe('Vastaus <i>tekstinä</i>');
    expect(article.querySelector('i')).toBeNull();
    (article.querySelector('button') as HTMLButtonElement).click();
    expect(panel.element.querySelector('.kb-article')).toBeNull();
    expect(document.activeElement?.getAttribute('data-action')).toBe('open');
    panel.dispose();
    vi.useRealTimers();
  });

  it('adds a reply after an earlier draft instead of replacing it', () => {
    const textarea = document.createElement('textarea');
    document.body.append(textarea);
    textarea.value = 'Hei! ';
    insertReply(textarea, 'Valmis vastaus');
    expect(textarea.value).toBe('Hei!\n\nValmis vastaus');
  });

  it('marks a chat once when risk signs are seen', async () => {
    vi.useFakeTimers();
    const api = fakeApi({ suggestions: [{ id: 'mielenterveys-itsetuhoiset-ajatukset', title: 'Kriisi', reply: 'Olen tässä', score: 9 }], risk: true });
    const onRisk = vi.fn();
    const chats = new ChatSuggestions({ api, onRisk, onChange: () => undefined });
    const chat = { id: 'c2', lang: 'fi', transcript: [citizen('r1', 'en jaksa enää')], isOpen: true };
    chats.sync([chat]);
    expect(chats.isRisk('c2')).toBe(false);
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    expect(chats.isRisk('c2')).toBe(true);
    expect(onRisk).toHaveBeenCalledTimes(1);
    const panel = chats.panel(chat);
    expect(panel.element.querySelector('.kb-suggestion--lead')?.getAttribute('data-suggestion')).toBe('mielenterveys-itsetuhoiset-ajatukset');
    expect(panel.element.querySelector('.kb-risk-note')?.hasAttribute('hidden')).toBe(false);
    chat.transcript = [...chat.transcript, citizen('r2', 'haluan kuolla')];
    chats.sync([chat]);
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    expect(onRisk).toHaveBeenCalledTimes(1);
    chats.sync([]); // chat gone: its panel too
    expect(chats.isRisk('c2')).toBe(false);
    chats.dispose();
    vi.useRealTimers();
  });

  it('asks in a language the knowledge bank has', () => {
    expect(kbLang('sv-FI')).toBe('sv');
    expect(kbLang('en')).toBe('en');
    expect(kbLang('se')).toBe('fi');
  });
});

describe('the worker searches the knowledge bank beside a chat', () => {
  it('shows the search results in place of the suggestions until "Show suggestions"', async () => {
    vi.useFakeTimers();
    const api = fakeApi(
      { suggestions: [{ id: 'paihteet-alkoholin-riskikaytto', title: 'Alkoholi', reply: 'Kiitos', score: 2 }], risk: false },
      { suggestions: [{ id: 'sosiaali-velkaneuvonta', title: 'Velat', reply: 'Velkaneuvonta auttaa', score: 3 }], risk: false },
    );
    const chat = { id: 'c9', lang: 'fi', transcript: [citizen('r1', 'juon liikaa')], isOpen: true };
    const panel = new SuggestionsPanel({ chat, api, useReply: () => undefined, onChange: () => undefined });
    document.body.append(panel.element);
    panel.update();
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    expect(panel.element.querySelector('[data-suggestion="paihteet-alkoholin-riskikaytto"]')).not.toBeNull();

    const input = panel.element.querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement;
    const form = input.closest('form') as HTMLFormElement;
    expect(panel.element.querySelector(`label[for="${input.id}"]`)?.textContent).toBe(fi['kb.search.label']);
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(panel.element.textContent).toContain(fi['kb.search.empty']);
    expect(api.search).not.toHaveBeenCalled();

    input.value = '  ulosotto palkasta ';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(api.search).toHaveBeenCalledWith('ulosotto palkasta');
    expect(panel.element.querySelector('[data-suggestion="sosiaali-velkaneuvonta"]')).not.toBeNull();
    expect(panel.element.querySelector('[data-suggestion="paihteet-alkoholin-riskikaytto"]')).toBeNull();
    expect(panel.element.textContent).toContain('Tuloksia: 1.');

    // a new citizen message does not take the worker's search away
    chat.transcript = [...chat.transcript, citizen('r2', 'ja velkoja')];
    panel.update();
    await vi.advanceTimersByTimeAsync(SUGGEST_DEBOUNCE_MS);
    expect(panel.element.querySelector('[data-suggestion="sosiaali-velkaneuvonta"]')).not.toBeNull();

    const clear = [...panel.element.querySelectorAll('button')].find((b) => b.textContent === fi['kb.search.clear']) as HTMLButtonElement;
    clear.click();
    expect(panel.element.querySelector('[data-suggestion="paihteet-alkoholin-riskikaytto"]')).not.toBeNull();
    expect(document.activeElement).toBe(input);
    panel.dispose();
    vi.useRealTimers();
  });
});
