// Synonym and glossary rules, compiled by the server through the index
// analyzers: the browser only matches analysed terms. A rule fires when its
// left words occur in a row; a left word ending in * is a prefix of the folded
// term (slang such as "veip*"). Mirrors fi.matala.kb.analysis.TermRules.
import type { Position } from './analysis';
import type { CompiledRule } from './index-data';
import { fold } from './text';

function matches(want: string, p: Position): boolean {
  if (want.endsWith('*')) return fold(p.term).startsWith(want.slice(0, -1));
  return p.term === want || p.stacked.includes(want);
}

/** The terms added by the rules whose left side occurs in `positions`, in rule order. */
export function expand(rules: readonly CompiledRule[], positions: readonly Position[]): string[] {
  const out = new Set<string>();
  for (const [left, right] of rules) {
    const n = left.length;
    for (let start = 0; start + n <= positions.length; start++) {
      let match = true;
      for (let k = 0; k < n && match; k++) match = matches(left[k], positions[start + k]);
      if (match) {
        for (const t of right) out.add(t);
        break;
      }
    }
  }
  return [...out];
}
