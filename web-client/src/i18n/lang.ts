// Language choice and message formatting: pure functions with no DOM access,
// small enough for /widget.js to import.

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'fi';

/**
 * Maps a BCP 47 tag ("sv-FI", "EN", "fi") to a supported language by its
 * primary subtag, or null when it is not one we offer.
 */
export function normalizeLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Lang) : null;
}

/**
 * The UI language: `?lang=` in the query string if it names a supported
 * language, else the first supported entry of the browser's preferred
 * languages, else Finnish.
 */
export function pickLanguage(search: string, browserLanguages: readonly string[] = []): Lang {
  const fromQuery = normalizeLang(new URLSearchParams(search).get('lang'));
  if (fromQuery) return fromQuery;
  for (const tag of browserLanguages) {
    const lang = normalizeLang(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANG;
}

export type MessageArgs = Readonly<Record<string, string | number>>;

/** Replaces {name} placeholders; unknown placeholders are left as written. */
export function formatMessage(template: string, args?: MessageArgs): string {
  if (!args) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole,
  );
}

/** The placeholder names used in a message, sorted (for consistency checks). */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/** Returns `search` with `lang` set, keeping every other parameter. */
export function withLangParam(search: string, lang: Lang): string {
  const params = new URLSearchParams(search);
  params.set('lang', lang);
  return `?${params.toString()}`;
}
