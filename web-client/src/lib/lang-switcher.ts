// The visible language switcher: links carry ?lang= so they work as plain
// links too, but a click switches in place so nothing typed is lost.
import { DICTIONARIES, LANGUAGES, currentLang, onLanguageChange, setLanguage, withLangParam, type Lang } from '../i18n';
import { h } from './dom';

export function languageSwitcher(): HTMLElement {
  const links = new Map<Lang, HTMLAnchorElement>();
  const list = h('ul', { class: 'lang-switcher__list' });
  for (const lang of LANGUAGES) {
    const link = h('a', {
      class: 'lang-switcher__link',
      href: withLangParam(location.search, lang) + location.hash,
      lang,
      hreflang: lang,
      on: {
        click: (event) => {
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          switchLanguage(lang);
        },
      },
    }, DICTIONARIES[lang]['lang.self']);
    links.set(lang, link);
    list.append(h('li', null, link));
  }
  const update = (active: Lang): void => {
    for (const [lang, link] of links) {
      if (lang === active) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
      link.href = withLangParam(location.search, lang) + location.hash;
    }
  };
  update(currentLang());
  onLanguageChange(update);
  return h('nav', { class: 'lang-switcher', tAttrs: { 'aria-label': 'lang.switcherLabel' } }, list);
}

/** Switches the UI language and records it in the address (?lang=) without reloading. */
export function switchLanguage(lang: Lang): void {
  history.replaceState(history.state, '', withLangParam(location.search, lang) + location.hash);
  setLanguage(lang);
}
