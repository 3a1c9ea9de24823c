// Shows an article's bodyHtml. The server renders it from the knowledge bank's
// own Markdown and sanitises it (raw HTML escaped, unsafe URLs removed), so it
// is trusted content; still, it is not put into the page with innerHTML.
// DOMParser makes an inert document (no scripts run, nothing loads), and from
// it only an allow-list of plain text elements and safe link targets is copied
// into new nodes of this page: defence in depth should the server ever slip.
// Headings move under the heading the caller gives the article.

const KEEP = new Set([
  'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'code', 'pre', 'blockquote', 'a',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 's', 'sup', 'sub', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);
/** Dropped together with everything inside them. */
const DROP = new Set(['script', 'style', 'template', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'noscript', 'head', 'title', 'form', 'input', 'button', 'select', 'textarea', 'img', 'video', 'audio', 'link', 'meta', 'base']);
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  ol: ['start'],
  th: ['colspan', 'rowspan', 'scope'],
  td: ['colspan', 'rowspan'],
};

/** Link targets that may stay: http(s), mailto, tel, and same-page/same-site paths. */
export function safeHref(raw: string | null): string | null {
  if (raw == null) return null;
  const href = raw.trim();
  if (/^(https?:|mailto:|tel:)/i.test(href)) return href;
  if (/^(#|\/(?!\/))/.test(href)) return href;
  return null;
}

function headingLevel(tag: string): number | null {
  const m = /^h([1-6])$/.exec(tag);
  return m ? Number(m[1]) : null;
}

/**
 * The article body as nodes of `doc`, its headings starting at `firstHeading`
 * (e.g. 4 under an h3 title).
 */
export function renderArticleBody(html: string, firstHeading = 3, doc: Document = document): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  let top = 7;
  parsed.body.querySelectorAll('h1,h2,h3,h4,h5,h6').forEach((h) => {
    top = Math.min(top, headingLevel(h.tagName.toLowerCase()) ?? 7);
  });
  const shift = top === 7 ? 0 : firstHeading - top;

  const copy = (node: Node, into: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      into.appendChild(doc.createTextNode(node.nodeValue ?? ''));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return; // comments, processing instructions
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (DROP.has(tag)) return;
    if (!KEEP.has(tag)) {
      // unknown wrapper (div, span, …): keep its content only
      el.childNodes.forEach((child) => copy(child, into));
      return;
    }
    const level = headingLevel(tag);
    const out = doc.createElement(level ? `h${Math.min(6, Math.max(1, level + shift))}` : tag);
    for (const name of ATTRIBUTES[tag] ?? []) {
      const value = el.getAttribute(name);
      if (value == null) continue;
      if (name === 'href') {
        const href = safeHref(value);
        if (!href) continue;
        out.setAttribute('href', href);
        if (/^https?:/i.test(href)) {
          out.setAttribute('target', '_blank');
          out.setAttribute('rel', 'noopener noreferrer');
        }
      } else if (/^[\w\s-]{1,16}$/.test(value)) {
        out.setAttribute(name, value);
      }
    }
    el.childNodes.forEach((child) => copy(child, out));
    into.appendChild(out);
  };

  const fragment = doc.createDocumentFragment();
  parsed.body.childNodes.forEach((child) => copy(child, fragment));
  return fragment;
}
