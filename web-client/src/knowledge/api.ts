// Knowledge bank API (server: /api/kb/*): the client indexes the engine
// searches on this device, and single articles. There is deliberately no
// search or suggestion request: search words and chat text never leave the
// browser (docs/security.md). Opening an article is the one thing the server
// learns.
import { request, type FetchLike } from '../staff/api';

/** Longest search text the search boxes accept (the engine reads the most specific words of longer texts anyway). */
export const MAX_QUERY = 500;

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
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : []);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

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

export async function getArticle(id: string, options: KbOptions = {}): Promise<Article> {
  return parseArticle(await request<unknown>(`/api/kb/articles/${encodeURIComponent(id)}`, options));
}

/** The citizen index (citizen articles only), revalidated by the browser cache with its ETag. */
export function fetchCitizenIndex(options: KbOptions = {}): Promise<unknown> {
  return request<unknown>('/api/kb/index/citizen', { ...options, cache: 'no-cache' });
}
