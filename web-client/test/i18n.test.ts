import { describe, expect, it } from 'vitest';
import { DICTIONARIES, localized, t } from '../src/i18n';
import { en, enWidget } from '../src/i18n/en';
import { fi, fiWidget } from '../src/i18n/fi';
import {
  formatMessage,
  LANGUAGES,
  normalizeLang,
  pickLanguage,
  placeholders,
  withLangParam,
} from '../src/i18n/lang';
import { sv, svWidget } from '../src/i18n/sv';
import citizenHtml from '../index.html?raw';
import staffHtml from '../staff/index.html?raw';

describe('dictionaries', () => {
  const reference = Object.keys(fi).sort();

  it.each(LANGUAGES)('%s has exactly the Finnish keys', (lang) => {
    expect(Object.keys(DICTIONARIES[lang]).sort()).toEqual(reference);
  });

  it.each(LANGUAGES)('%s has no empty messages', (lang) => {
    for (const [key, value] of Object.entries(DICTIONARIES[lang])) {
      expect(value.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it.each(['sv', 'en'] as const)('%s uses the same placeholders as Finnish', (lang) => {
    for (const key of reference) {
      const k = key as keyof typeof fi;
      expect(placeholders(DICTIONARIES[lang][k]), key).toEqual(placeholders(fi[k]));
    }
  });

  it('widget strings are part of each dictionary', () => {
    for (const [widget, full] of [
      [fiWidget, fi],
      [svWidget, sv],
      [enWidget, en],
    ] as const) {
      for (const [key, value] of Object.entries(widget)) {
        expect(full[key as keyof typeof full]).toBe(value);
      }
    }
  });

  it('has the required sign-in labels', () => {
    expect([fi, sv, en].map((d) => d['signin.username'])).toEqual(['Käyttäjätunnus', 'Användarnamn', 'Username']);
    expect([fi, sv, en].map((d) => d['signin.password'])).toEqual(['Salasana', 'Lösenord', 'Password']);
    expect([fi, sv, en].map((d) => d['signin.submit'])).toEqual(['Kirjaudu', 'Logga in', 'Sign in']);
    expect([fi, sv, en].map((d) => d['widget.open'])).toEqual(['Pyydä apua', 'Be om hjälp', 'Ask for help']);
  });

  it.each([
    ['index.html', citizenHtml],
    ['staff/index.html', staffHtml],
  ])('every key used in %s exists', (_name, html) => {
    const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]);
    const attrKeys = [...html.matchAll(/data-i18n-attr='([^']+)'/g)].flatMap((m) =>
      Object.values(JSON.parse(m[1]) as Record<string, [string]>).map(([key]) => key),
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const key of [...keys, ...attrKeys]) expect(Object.keys(fi), key).toContain(key);
  });

  it('html has no inline scripts, event handlers or style attributes', () => {
    for (const html of [citizenHtml, staffHtml]) {
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
    }
  });
});

describe('normalizeLang', () => {
  it.each([
    ['fi', 'fi'],
    ['FI', 'fi'],
    ['sv-FI', 'sv'],
    ['sv_SE', 'sv'],
    ['en-GB', 'en'],
    [' en ', 'en'],
    ['se', null],
    ['de', null],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%s → %s', (tag, expected) => {
    expect(normalizeLang(tag)).toBe(expected);
  });
});

describe('pickLanguage', () => {
  it('prefers ?lang=', () => {
    expect(pickLanguage('?lang=sv', ['en-US', 'fi'])).toBe('sv');
    expect(pickLanguage('?foo=1&lang=en', ['sv'])).toBe('en');
  });

  it('ignores an unsupported ?lang= and falls back to the browser', () => {
    expect(pickLanguage('?lang=de', ['sv-FI', 'fi'])).toBe('sv');
  });

  it('takes the first supported browser language', () => {
    expect(pickLanguage('', ['de-DE', 'en-GB', 'fi'])).toBe('en');
    expect(pickLanguage('', ['fi-FI', 'en'])).toBe('fi');
  });

  it('defaults to Finnish', () => {
    expect(pickLanguage('', ['de', 'ru'])).toBe('fi');
    expect(pickLanguage('', [])).toBe('fi');
    expect(pickLanguage('')).toBe('fi');
  });
});

describe('formatting', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(formatMessage('Hei {name}, {x}', { name: 'Aino' })).toBe('Hei Aino, {x}');
    expect(formatMessage('{n} s', { n: 30 })).toBe('30 s');
    expect(formatMessage('plain')).toBe('plain');
  });

  it('t() looks up in the requested language', () => {
    expect(t('signin.error.rateLimitedSeconds', { seconds: 42 }, 'en')).toBe('Too many attempts. Try again in 42 s.');
    expect(t('signin.error.invalid', undefined, 'sv')).toBe('Fel användarnamn eller lösenord.');
    expect(t('signin.error.invalid', undefined, 'fi')).toBe('Väärä käyttäjätunnus tai salasana.');
  });

  it('localized() falls back across languages', () => {
    expect(localized({ fi: 'Yleinen', sv: 'Allmän', en: 'General' }, 'sv')).toBe('Allmän');
    expect(localized({ fi: 'Yleinen' }, 'en')).toBe('Yleinen');
    expect(localized({ en: 'Only English' }, 'fi')).toBe('Only English');
    expect(localized('plain', 'sv')).toBe('plain');
    expect(localized(undefined, 'fi')).toBe('');
  });

  it('withLangParam keeps other parameters', () => {
    expect(withLangParam('', 'sv')).toBe('?lang=sv');
    expect(withLangParam('?embed=1&lang=fi', 'en')).toBe('?embed=1&lang=en');
  });
});
