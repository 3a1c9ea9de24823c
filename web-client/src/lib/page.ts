// Common start-up of every Matala page: language, <html lang>, title,
// static translations, language switcher.
import {
  currentLang,
  onLanguageChange,
  pickLanguage,
  setLanguage,
  t,
  withLangParam,
  type Lang,
  type MessageKey,
} from '../i18n';
import { languageSwitcher } from './lang-switcher';

let titleKey: MessageKey | null = null;

export function initPage(initialTitle: MessageKey): Lang {
  const browserLanguages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const lang = pickLanguage(location.search, browserLanguages);
  setLanguage(lang, document);
  setTitle(initialTitle);
  onLanguageChange(() => {
    if (titleKey) document.title = t(titleKey);
  });
  document.getElementById('lang-switcher')?.replaceChildren(languageSwitcher());
  return lang;
}

export function setTitle(key: MessageKey): void {
  titleKey = key;
  document.title = t(key);
}

/** Keeps a same-site link's ?lang= in step with the UI language. */
export function keepLangOnLink(link: HTMLAnchorElement | null): void {
  if (!link) return;
  const base = link.getAttribute('href')?.split('?')[0] ?? '/';
  const update = (lang: Lang): void => {
    link.href = base + withLangParam('', lang);
  };
  update(currentLang());
  onLanguageChange(update);
}
