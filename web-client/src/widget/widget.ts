// /widget.js: embeddable "Ask for help" button for any municipal web page:
//
//   <script src="https://<matala>/widget.js" defer></script>
//   (optional: data-lang="fi|sv|en"; otherwise the host page's <html lang>)
//
// Built as a self-contained IIFE (see vite.config.ts): it defines no globals,
// and everything it draws lives in a shadow root so host CSS and widget CSS
// stay apart. The Matala citizen page opens in a sandboxed iframe from the
// origin this script was loaded from.
import { enWidget } from '../i18n/en';
import { fiWidget, type WidgetDictionary } from '../i18n/fi';
import { DEFAULT_LANG, normalizeLang, type Lang } from '../i18n/lang';
import { svWidget } from '../i18n/sv';
import css from './widget.css?inline';

const TAG = 'matala-help-widget';
const STRINGS: Record<Lang, WidgetDictionary> = { fi: fiWidget, sv: svWidget, en: enWidget };
const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox';
const SVG_NS = 'http://www.w3.org/2000/svg';

// document.currentScript is only set while this script first runs.
const script = (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[src$="/widget.js"]');

function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  const shape = document.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  svg.append(shape);
  return svg;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function mount(): void {
  if (!script?.src || document.querySelector(TAG)) return; // unknown origin, or already on the page
  const matalaOrigin = new URL(script.src, location.href).origin;
  const lang = normalizeLang(script.dataset.lang) ?? normalizeLang(document.documentElement.lang) ?? DEFAULT_LANG;
  const text = STRINGS[lang];

  const host = document.createElement(TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    // A constructed sheet is not subject to the host page's style-src policy.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.append(el('style', {}, css));
  }

  const launcher = el(
    'button',
    { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'matala-panel', lang },
    icon('M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'),
    el('span', {}, text['widget.open']),
  );
  const closeButton = el(
    'button',
    { type: 'button', class: 'close' },
    icon('M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z'),
    el('span', {}, text['widget.close']),
  );
  const frame = el('iframe', {
    class: 'frame',
    title: text['widget.frameTitle'],
    sandbox: SANDBOX,
    referrerpolicy: 'no-referrer',
    lang,
  });
  const panel = el(
    'div',
    { class: 'panel', id: 'matala-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'matala-title', lang },
    el('div', { class: 'header' }, el('span', { class: 'title', id: 'matala-title' }, text['widget.title']), closeButton),
    frame,
  );
  panel.hidden = true;
  // A labelled landmark, so the widget is not loose content on the host page.
  shadow.append(el('aside', { class: 'root', 'aria-label': 'Matala', lang }, launcher, panel));

  const open = (): void => {
    if (!frame.getAttribute('src')) {
      // Loaded on first use only: the host page alone does not contact Matala.
      const url = new URL('/', matalaOrigin);
      url.searchParams.set('lang', lang);
      url.searchParams.set('embed', '1');
      frame.src = url.href;
    }
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    closeButton.focus();
  };
  const close = (): void => {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  };

  launcher.addEventListener('click', () => (panel.hidden ? open() : close()));
  closeButton.addEventListener('click', close);
  shadow.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      close();
    }
  });
  // Escape pressed inside the frame, or Quick exit: the Matala page asks us to close.
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== matalaOrigin || event.source !== frame.contentWindow) return;
    const data = event.data as { type?: unknown } | null;
    if (data && data.type === 'matala:close') close();
    if (data && data.type === 'matala:quick-exit') {
      // Quick exit inside the panel: the chat page has blanked itself; close
      // the panel and start from scratch the next time it is opened.
      frame.removeAttribute('src');
      close();
    }
  });

  document.body.append(host);
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
