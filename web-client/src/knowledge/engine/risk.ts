// Signs of acute risk (suicidal thoughts, self-harm, overdose, withdrawal,
// violence) in a text, from the lists the server publishes with the index.
// Every language's patterns are checked whatever the chat's language: a missed
// crisis costs far more than an extra crisis suggestion.
//
// Matching: words are compared without diacritics, both as written and after
// spoken Finnish and fused negations ("etten" → "en") are normalised; a pattern word ending in * matches any word
// beginning with it, and also a part of a compound ("lääkkei*" in
// "unilääkkeitä", from the dictionary, or for a long beginning after the
// pattern's first word anywhere inside a word, "särkylääkkeet"); up to MAX_GAP other words may stand between pattern words
// ("haluan niin kovasti kuolla"); "$" is the end of a sentence and must follow
// the word before it directly ("en jaksa enää." but not "en jaksa enää tätä").
// Cue sets ({means}, {intent}, …) with combinations ({means} + {intent}) flag
// a category when one sentence holds an item of every set of a combination:
// warning signs come in more wordings than any phrase list, but the kind of
// thing said (a means, a time, a farewell) is much more regular. A category's
// {unless} sets cancel its matches in a sentence that holds them: "exä löi mua
// kaks vuotta sitten, nyt oon turvassa" is past and safe. Patterns and
// cue items are indexed by their first word, so a long text is checked quickly.
import type { RiskCategory } from './index-data';
import type { SpokenFinnish } from './spoken-finnish';
import { fold, letterWords } from './text';

export const MAX_GAP = 2;
export const END = '$';

/** A word of the text: the word itself and its compound parts, all folded. */
type Slot = readonly string[];

interface Pattern {
  category: number;
  words: readonly string[];
  /** For a cue item: the index of its set in `cueSets`; -1 for a pattern. */
  set: number;
}

const SENTENCE_END = /[.!?…]+(?=\s|$)|\n+/u;

/**
 * Finnish negation fused with a conjunction ("eikä", "enkä", "etten", "ettei", "ellei"): for
 * the normalised reading they count as the plain negation verb, so that "en näe ulospääsyä"
 * also covers "etten näe ulospääsyä" and "ei tarvitsisi herätä" covers "eikä tarvitsisi
 * herätä".
 */
const FUSED_NEGATION: Readonly<Record<string, string>> = {
  enka: 'en', etka: 'et', eika: 'ei', emmeka: 'emme', etteka: 'ette', eivatka: 'eivat',
  etten: 'en', ettet: 'et', ettei: 'ei', ettemme: 'emme', etteivat: 'eivat',
  ellen: 'en', ellet: 'et', ellei: 'ei', jollen: 'en', jollet: 'et', jollei: 'ei',
};

function wordMatches(pattern: string, form: string): boolean {
  return pattern.endsWith('*') ? form.startsWith(pattern.slice(0, -1)) : form === pattern;
}

/** A long beginning ("laakkee*", 6+ letters) may also be the last part of a compound the dictionary does not know ("sarkylaakkeet"). */
const MIN_INNER_PREFIX = 6;

function slotMatches(pattern: string, slot: Slot, inner: boolean): boolean {
  for (const form of slot) if (wordMatches(pattern, form)) return true;
  if (inner && pattern.endsWith('*') && pattern.length > MIN_INNER_PREFIX && slot[0].length > pattern.length) {
    return slot[0].indexOf(pattern.slice(0, -1), 2) > 0;
  }
  return false;
}

function matchesFrom(pattern: readonly string[], k: number, slots: readonly Slot[], at: number): boolean {
  // a pattern's first word is looked up by its beginning, so only the following words match inside compounds
  if (!slotMatches(pattern[k], slots[at], k > 0)) return false;
  if (k === pattern.length - 1) return true;
  const gap = pattern[k + 1] === END ? 0 : MAX_GAP;
  for (let next = at + 1; next <= at + 1 + gap && next < slots.length; next++) {
    if (matchesFrom(pattern, k + 1, slots, next)) return true;
  }
  return false;
}

export class RiskMatcher {
  /** First pattern word (exact) → patterns and cue items. */
  private readonly byFirstWord = new Map<string, Pattern[]>();
  /** First pattern word's first two letters (prefix patterns) → patterns and cue items. */
  private readonly byFirstPrefix = new Map<string, Pattern[]>();
  /** Every category's cue sets, numbered; and per category its combinations as set numbers. */
  private readonly setCount: number;
  private readonly combinations: { category: number; sets: number[] }[] = [];
  /** A set that cancels its category's matches in the sentence it is seen in ({unless}). */
  private readonly unless: { category: number; set: number }[] = [];

  constructor(
    private readonly categories: readonly RiskCategory[],
    private readonly spoken: SpokenFinnish,
    private readonly splitCompound: (foldedWord: string) => readonly string[] = () => [],
  ) {
    let sets = 0;
    categories.forEach((c, category) => {
      for (const words of c.patterns) this.index({ category, words, set: -1 });
      const numbers = new Map<string, number>();
      for (const [name, items] of Object.entries(c.cueSets)) {
        const set = sets++;
        numbers.set(name, set);
        for (const words of items) this.index({ category, words, set });
      }
      for (const combination of c.together) this.combinations.push({ category, sets: combination.map((name) => numbers.get(name) as number) });
      for (const name of c.unless) this.unless.push({ category, set: numbers.get(name) as number });
    });
    this.setCount = sets;
  }

  private index(p: Pattern): void {
    if (p.words.length === 0) return;
    const first = p.words[0];
    const [map, key] = first.endsWith('*') ? [this.byFirstPrefix, first.slice(0, 2)] : [this.byFirstWord, first];
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  }

  /** The categories whose patterns occur in `text`, in list order; empty if none. */
  detect(text: string): RiskCategory[] {
    const found = new Set<number>();
    for (const sentence of text.split(SENTENCE_END)) {
      const written: Slot[] = [];
      const standard: Slot[] = [];
      for (const w of letterWords(sentence)) {
        written.push(this.slot(fold(w)));
        const normalised = fold(this.spoken.normalise(w));
        standard.push(this.slot(FUSED_NEGATION[normalised] ?? normalised));
      }
      if (written.length === 0) continue;
      written.push([END]);
      standard.push([END]);
      // per sentence: patterns and cue sets in either reading, then the combinations, then what an {unless} set cancels
      const inSentence = new Set<number>();
      const seen = new Uint8Array(this.setCount);
      for (const slots of [written, standard]) {
        for (let at = 0; at < slots.length; at++) {
          for (const form of slots[at]) {
            for (const p of this.candidates(form)) {
              if (p.set >= 0 ? seen[p.set] : inSentence.has(p.category)) continue;
              if (!matchesFrom(p.words, 0, slots, at)) continue;
              if (p.set >= 0) seen[p.set] = 1;
              else inSentence.add(p.category);
            }
          }
        }
      }
      for (const c of this.combinations) if (c.sets.every((set) => seen[set])) inSentence.add(c.category);
      for (const u of this.unless) if (seen[u.set]) inSentence.delete(u.category);
      for (const c of inSentence) found.add(c);
    }
    return this.categories.filter((_, i) => found.has(i));
  }


  private slot(word: string): Slot {
    const parts = this.splitCompound(word);
    return parts.length ? [word, ...parts] : [word];
  }

  private candidates(form: string): Pattern[] {
    const exact = this.byFirstWord.get(form);
    const prefix = this.byFirstPrefix.get(form.slice(0, 2));
    if (!prefix) return exact ?? [];
    return exact ? [...exact, ...prefix] : prefix;
  }
}
