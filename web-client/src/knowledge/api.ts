// Knowledge bank API (server: /api/kb/*). Search and articles are public; with
// a staff token the server also returns worker-only articles. Suggestions need
// a staff token. The text sent for suggestions and the search words are never
// written to the console, storage or the URL of this page.
import { request, type FetchLike } from '../staff/api';
import type { Lang } from '../i18n/lang';

/** The server's limits (400 too_long beyond them). */
export const MAX_QUERY = 500;
export const MAX_SUGGEST_TEXT = 4000;

export interface SearchHit {
  id: string;
  title: string;
  summary: string;
  lang: string;
  score: number;
}

export interface Article {
  id: string;
  lang: string;
  group: string;
  title: string;
  audience: string[];
  topics: string[];
  summary: string;
  /** Rendered Markdown, sanitised by the server; see article-body.ts. */
  bodyHtml: string;
  /** Plain text: always rendered as text. */
  reply: string;
}

export interface Suggestion {
  id: string;
  title: string;
  /** Plain text (may contain "<"): always rendered as text. */
  reply: string;
  score: number;
}

export interface SuggestResult {
  suggestions: Suggestion[];
  risk: boolean;
}

export interface KbOptions {
  token?: string;
  signal?: AbortSignal;
  fetchImpl?: FetchLike;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

export function parseHits(body: unknown): SearchHit[] {
  const hits = record(body).hits;
  if (!Array.isArray(hits)) return [];
  return hits
    .map(record)
    .filter((h) => typeof h.id === 'string' && h.id !== '')
    .map((h) => ({ id: str(h.id), title: str(h.title), summary: str(h.summary), lang: str(h.lang), score: num(h.score) }));
}

export function parseArticle(body: unknown): Article {
  const a = record(body);
  if (typeof a.id !== 'string') throw new Error('not an article');
  return {
    id: a.id,
    lang: str(a.lang),
    group: str(a.group),
    title: str(a.title),
    audience: strings(a.audience),
    topics: strings(a.topics),
    summary: str(a.summary),
    bodyHtml: str(a.bodyHtml),
    reply: str(a.reply),
  };
}

export function parseSuggestions(body: unknown): SuggestResult {
  const b = record(body);
  const list = Array.isArray(b.suggestions) ? b.suggestions.map(record) : [];
  return {
    suggestions: list
      .filter((s) => typeof s.id === 'string' && s.id !== '')
      .map((s) => ({ id: str(s.id), title: str(s.title), reply: str(s.reply), score: num(s.score) })),
    risk: b.risk === true,
  };
}

export async function searchArticles(query: string, lang: Lang, limit = 10, options: KbOptions = {}): Promise<SearchHit[]> {
  const params = new URLSearchParams({ q: query, lang, limit: String(limit) });
  return parseHits(await request<unknown>(`/api/kb/search?${params.toString()}`, options));
}

export async function getArticle(id: string, options: KbOptions = {}): Promise<Article> {
  return parseArticle(await request<unknown>(`/api/kb/articles/${encodeURIComponent(id)}`, options));
}

export async function suggest(text: string, lang: string, options: KbOptions & { token: string }): Promise<SuggestResult> {
  const body = await request<unknown>('/api/kb/suggest', { ...options, method: 'POST', body: { text, lang } });
  return parseSuggestions(body);
}
