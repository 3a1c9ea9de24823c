// Word-level rules shared by the query analysis and the risk matcher. They
// mirror fi.matala.kb.analysis.Tokens on the server, which analyses the
// articles; test/knowledge/parity.test.ts proves that both agree on the whole
// corpus.

/**
 * A word: letters, marks and digits, joined across an apostrophe ("don't")
 * or a colon ("GBL:ää"). A full stop always separates words: chat text often
 * has no space after one.
 */
export const WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019:][\p{L}\p{M}\p{N}]+)*/gu;

const NEEDS_SIMPLE_CASE = /[\u0130\u03a3]/;

/**
 * Lower case one code point at a time, as Lucene's LowerCaseFilter does
 * (Java's Character.toLowerCase): "İ" becomes "i", not "i̇", and a final "Σ"
 * is "σ" wherever it stands.
 */
export function lowerCase(word: string): string {
  if (!NEEDS_SIMPLE_CASE.test(word)) return word.toLowerCase();
  let out = '';
  for (const ch of word) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}

const NON_ASCII = /[^\u0000-\u007f]/;
const MARKS = /\p{Mn}/gu;

/** Without diacritics (ä→a, ö→o, å→a): people often type them so. */
export function fold(word: string): string {
  if (!NON_ASCII.test(word)) return word;
  return word.normalize('NFD').replace(MARKS, '');
}

const LETTER = /\p{L}/u;

/** True when every UTF-16 unit is a letter (Java's Character.isLetter(char)). */
export function isLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return false;
    if (!LETTER.test(word[i])) return false;
  }
  return true;
}

const LETTER_RUN = /\p{L}+/gu;

/** Lower-cased runs of letters: the rough word list the risk matcher reads. */
export function letterWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LETTER_RUN)) out.push(m[0].toLowerCase());
  return out;
}
