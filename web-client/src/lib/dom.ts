// Minimal DOM construction helpers: no framework, no innerHTML.
import { bindAttr, bindLocalized, bindText, type LocalizedText, type MessageKey } from '../i18n';
import type { MessageArgs } from '../i18n/lang';

export type Child = Node | string | number | null | undefined | false;

type Listeners = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  /** Translated text content (kept up to date on a language switch). */
  t?: MessageKey;
  tArgs?: MessageArgs;
  /** Translated attributes, e.g. { 'aria-label': 'console.sectionsNav' }. */
  tAttrs?: Record<string, MessageKey | [MessageKey, MessageArgs]>;
  /** Text from the server in several languages. */
  l10n?: LocalizedText;
  on?: Listeners;
  /** Plain attributes: true sets an empty attribute, false/null/undefined omits it. */
  [attribute: string]: unknown;
}

const SPECIAL = new Set(['t', 'tArgs', 'tAttrs', 'l10n', 'on']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    for (const [name, value] of Object.entries(props)) {
      if (SPECIAL.has(name) || value == null || value === false) continue;
      el.setAttribute(name, value === true ? '' : String(value));
    }
    if (props.t) bindText(el, props.t, props.tArgs);
    if (props.l10n) bindLocalized(el, props.l10n);
    if (props.tAttrs) {
      for (const [attr, spec] of Object.entries(props.tAttrs)) {
        if (Array.isArray(spec)) bindAttr(el, attr, spec[0], spec[1]);
        else bindAttr(el, attr, spec);
      }
    }
    if (props.on) {
      for (const [type, listener] of Object.entries(props.on)) {
        if (listener) el.addEventListener(type, listener as EventListener);
      }
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: ParentNode, ...children: Child[]): void {
  for (const child of children) {
    if (child == null || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el as T;
}

let idCounter = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Moves focus to an element that is not normally focusable (e.g. a heading). */
export function focusElement(el: HTMLElement): void {
  if (!el.hasAttribute('tabindex') && el.tabIndex < 0) el.setAttribute('tabindex', '-1');
  el.focus();
}
