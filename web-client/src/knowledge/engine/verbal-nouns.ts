// Finnish verbal nouns and the verbs they come from: people write verbs ("en
// syö", "laihtuu", "lopetan"), articles use nouns ("syöminen",
// "laihtuminen", "lopettaminen", "syömishäiriö"). For a word built on -minen
// (any case, or -mis- as a compound's first part) this gives the verb's stem
// and its first infinitive, which the stemmer then reduces like the verbs
// people type. Mirrors fi.matala.kb.analysis.VerbalNouns.

const NOUN =
  /^(\p{L}{2,}[aeiouyäö])mi(?:nen|s|sen|sta|stä|seen|sessa|sessä|sesta|sestä|selle|sella|sellä|ksi|set|sia|siä|sten|siin|sissa|sissä|sista|sistä|silla|sillä|sille|sineen|ne|nt)?$/u;
const BACK_VOWEL = /[aou]/;

/** The verb forms of a lower-cased -minen word, or none. */
export function verbsOf(word: string): string[] {
  if (word.length < 6) return [];
  const m = NOUN.exec(word);
  if (!m) return [];
  const stem = m[1];
  return [stem, stem + (BACK_VOWEL.test(stem) ? 'a' : 'ä')];
}
