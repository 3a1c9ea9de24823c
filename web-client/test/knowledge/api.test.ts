import { describe, expect, it, vi } from 'vitest';
import { en } from '../../src/i18n/en';
import { fi } from '../../src/i18n/fi';
import { sv } from '../../src/i18n/sv';
import { parseArticle, parseHits, parseSuggestions, searchArticles, suggest } from '../../src/knowledge/api';

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('knowledge bank API', () => {
  it('searches with the query, language and limit as parameters', async () => {
    const fetchImpl = vi.fn(async (_path: string, _init?: RequestInit) => json({ hits: [{ id: 'a', title: 'T', summary: 'S', lang: 'fi', score: 1.5 }] }));
    const hits = await searchArticles('ahdistus & uni', 'fi', 8, { fetchImpl });
    expect(hits).toEqual([{ id: 'a', title: 'T', summary: 'S', lang: 'fi', score: 1.5 }]);
    expect(fetchImpl.mock.calls[0][0]).toBe('/api/kb/search?q=ahdistus+%26+uni&lang=fi&limit=8');
  });

  it('sends the text for suggestions in the body, with the staff token', async () => {
    const fetchImpl = vi.fn(async (_path: string, _init?: RequestInit) => json({ suggestions: [{ id: 'x', title: 'X', reply: 'R', score: 2 }], risk: true }));
    const result = await suggest('rivi 1\nrivi 2', 'sv', { token: 'tok', fetchImpl });
    expect(result).toEqual({ suggestions: [{ id: 'x', title: 'X', reply: 'R', score: 2 }], risk: true });
    const [path, init] = fetchImpl.mock.calls[0] as [string, RequestInit];
    expect(path).toBe('/api/kb/suggest');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({ text: 'rivi 1\nrivi 2', lang: 'sv' });
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('reads odd answers safely', () => {
    expect(parseHits(null)).toEqual([]);
    expect(parseHits({ hits: [{ title: 'no id' }, 'x', { id: 'a' }] })).toEqual([{ id: 'a', title: '', summary: '', lang: '', score: 0 }]);
    expect(parseSuggestions({ suggestions: 'x', risk: 'yes' })).toEqual({ suggestions: [], risk: false });
    expect(() => parseArticle({})).toThrow();
    expect(parseArticle({ id: 'a', audience: ['citizen', 3], bodyHtml: '<p>x</p>' })).toMatchObject({ id: 'a', audience: ['citizen'], reply: '' });
  });

  it('has the labels the issue asks for', () => {
    expect([fi, sv, en].map((d) => d['kb.useReply'])).toEqual(['Käytä vastausta', 'Använd svaret', 'Use reply']);
    expect([fi, sv, en].map((d) => d['kb.risk.badge'])).toEqual(['Riskimerkkejä', 'Risktecken', 'Risk signs']);
    expect([fi, sv, en].map((d) => d['selfHelp.search'])).toEqual(['Hae oma-apuartikkeleita', 'Sök självhjälpsartiklar', 'Search self-help articles']);
    expect(en['kb.openArticle']).toBe('Open article');
  });
});
