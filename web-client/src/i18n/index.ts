// Runtime i18n: the current language, lookups, and DOM bindings that let a
// language switch re-translate the page in place (form input is kept).
import { en } from './en';
import { fi, type Dictionary, type MessageKey } from './fi';
import { DEFAULT_LANG, formatMessage, LANGUAGES, type Lang, type MessageArgs } from './lang';
import { sv } from './sv';

export type { Dictionary, MessageKey } from './fi';
export * from './lang';

export const DICTIONARIES: Readonly<Record<Lang, Dictionary>> = { fi, sv, en };

/** Text from the server that carries every language, e.g. a queue name. */
export type LocalizedText = Partial<Record<Lang, string>>;

let current: Lang = DEFAULT_LANG;
const listeners = new Set<(lang: Lang) => void>();

export function currentLang(): Lang {
  return current;
}

export function t(key: MessageKey, args?: MessageArgs, lang: Lang = current): string {
  return formatMessage(DICTIONARIES[lang][key], args);
}

/** Picks the text for the language, falling back to Finnish, Swedish, English. */
export function localized(text: LocalizedText | string | null | undefined, lang: Lang = current): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  const preferred = text[lang];
  if (preferred) return preferred;
  for (const other of LANGUAGES) {
    const value = text[other];
    if (value) return value;
  }
  return '';
}

export function onLanguageChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sets the language, `<html lang>`, and re-translates the bound DOM. */
export function setLanguage(lang: Lang, root: ParentNode | null = globalThis.document ?? null): void {
  current = lang;
  if (root && globalThis.document) {
    document.documentElement.lang = lang;
    translateTree(root);
  }
  for (const listener of listeners) listener(lang);
}

// ---- DOM bindings -------------------------------------------------------
// data-i18n="key" (+ data-i18n-args='{"name":"x"}') sets textContent;
// data-i18n-attr='{"aria-label":["key",{args}]}' sets attributes;
// data-l10n='{"fi":"..","sv":"..","en":".."}' sets textContent from server data.

type AttrBindings = Record<string, [MessageKey, MessageArgs?]>;

export function bindText(el: Element, key: MessageKey, args?: MessageArgs): void {
  el.setAttribute('data-i18n', key);
  if (args) el.setAttribute('data-i18n-args', JSON.stringify(args));
  else el.removeAttribute('data-i18n-args');
  el.removeAttribute('data-l10n');
  el.textContent = t(key, args);
}

export function bindAttr(el: Element, attr: string, key: MessageKey, args?: MessageArgs): void {
  const bindings = readAttrBindings(el);
  bindings[attr] = args ? [key, args] : [key];
  el.setAttribute('data-i18n-attr', JSON.stringify(bindings));
  el.setAttribute(attr, t(key, args));
}

export function bindLocalized(el: Element, text: LocalizedText | string): void {
  el.removeAttribute('data-i18n');
  el.removeAttribute('data-i18n-args');
  el.setAttribute('data-l10n', JSON.stringify(typeof text === 'string' ? { fi: text } : text));
  el.textContent = localized(text);
}

/** Removes a text binding and empties the element (e.g. a cleared status line). */
export function clearText(el: Element): void {
  el.removeAttribute('data-i18n');
  el.removeAttribute('data-i18n-args');
  el.removeAttribute('data-l10n');
  el.textContent = '';
}

function readAttrBindings(el: Element): AttrBindings {
  const raw = el.getAttribute('data-i18n-attr');
  if (!raw) return {};
  try {
    return JSON.parse(raw) as AttrBindings;
  } catch {
    return {};
  }
}

function isKey(key: string | null): key is MessageKey {
  return key != null && Object.prototype.hasOwnProperty.call(fi, key);
}

function translateElement(el: Element): void {
  const key = el.getAttribute('data-i18n');
  if (isKey(key)) {
    const rawArgs = el.getAttribute('data-i18n-args');
    el.textContent = t(key, rawArgs ? (JSON.parse(rawArgs) as MessageArgs) : undefined);
  }
  const l10n = el.getAttribute('data-l10n');
  if (l10n) el.textContent = localized(JSON.parse(l10n) as LocalizedText);
  if (el.hasAttribute('data-i18n-attr')) {
    for (const [attr, [attrKey, args]] of Object.entries(readAttrBindings(el))) {
      if (isKey(attrKey)) el.setAttribute(attr, t(attrKey, args));
    }
  }
}

export function translateTree(root: ParentNode): void {
  if (root instanceof Element) translateElement(root);
  root.querySelectorAll('[data-i18n],[data-i18n-attr],[data-l10n]').forEach(translateElement);
}
