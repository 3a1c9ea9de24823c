// What the worker console asks the engine for a chat: the citizen's recent
// text in the chat's language. The evaluation command (tools/kb/evaluate.ts)
// calls this same function, so the figures it prints are the console's.
import type { FindResult, KnowledgeEngine } from './engine/engine';
import type { Lang } from './engine/stemmer';

/** Suggestions shown beside a chat. */
export const SUGGESTIONS_SHOWN = 5;
/** How deep the evaluation looks into the same ranking (MRR@10). */
export const SUGGESTION_RANKING_DEPTH = 10;

const KB_LANGS = new Set(['fi', 'sv', 'en']);

/** The chat's language for the knowledge bank (Finnish when it is not one it has). */
export function kbLang(lang: string): Lang {
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0];
  return (KB_LANGS.has(primary) ? primary : 'fi') as Lang;
}

export function consoleSuggestions(engine: KnowledgeEngine, recentText: string, chatLang: string, limit = SUGGESTIONS_SHOWN): FindResult {
  return engine.find(recentText, kbLang(chatLang), limit);
}
