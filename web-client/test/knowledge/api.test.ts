import { describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en';
import { fi } from '../../src/i18n/fi';
import { sv } from '../../src/i18n/sv';
import { fetchCitizenIndex, getArticle, parseArticle } from '../../src/knowledge/api';

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('knowledge bank API', () => {
  it('fetches the citizen index with nothing of a search in the request, revalidated by the browser cache', async () => {
    const fetchImpl = vi.fn(async (_path: string, _init?: RequestInit) => json({ format: 1 }));
    expect(await fetchCitizenIndex({ fetchImpl })).toEqual({ format: 1 });
    const [path, init] = fetchImpl.mock.calls[0] as [string, RequestInit];
    expect(path).toBe('/api/kb/index/citizen');
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
    expect(init.cache).toBe('no-cache');
  });

  it('opens one article by its id', async () => {
    const fetchImpl = vi.fn(async (_path: string, _init?: RequestInit) => json({ id: 'a b', title: 'T' }));
    expect((await getArticle('a b', { fetchImpl })).title).toBe('T');
    expect(fetchImpl.mock.calls[0][0]).toBe('/api/kb/articles/a%20b');
  });

  it('reads odd answers safely', () => {
    expect(() => parseArticle({})).toThrow();
    expect(parseArticle({ id: 'a', audience: ['citizen', 3], bodyHtml: '<p>x</p>' })).toMatchObject({ id: 'a', audience: ['citizen'], reply: '' });
  });

  it('has the labels the issue asks for', () => {
    expect([fi, sv, en].map((d) => d['kb.useReply'])).toEqual(['Käytä vastausta', 'Använd svaret', 'Use reply']);
    expect([fi, sv, en].map((d) => d['kb.risk.badge'])).toEqual(['Riskimerkkejä', 'Risktecken', 'Risk signs']);
    expect([fi, sv, en].map((d) => d['selfHelp.search'])).toEqual(['Hae oma-apuartikkeleita', 'Sök självhjälpsartiklar', 'Search self-help articles']);
    expect([fi, sv, en].map((d) => d['kb.search.label'])).toEqual(['Hae tietopankista', 'Sök i kunskapsbanken', 'Search the knowledge bank']);
    expect(en['kb.openArticle']).toBe('Open article');
  });
});
