// GET /api/public/queues: the topics a citizen can choose, and whether each
// can take a chat now.
import type { LocalizedText } from '../i18n';

export type QueueStatus = 'open' | 'closed' | 'full';

export interface PublicQueue {
  id: string;
  name: LocalizedText;
  description?: LocalizedText;
  status: QueueStatus;
  waiting: number;
}

export function parsePublicQueues(body: unknown): PublicQueue[] {
  const list = (body as { queues?: unknown } | null)?.queues;
  if (!Array.isArray(list)) throw new Error('no queues');
  return list.flatMap((raw): PublicQueue[] => {
    if (!raw || typeof raw !== 'object') return [];
    const q = raw as Record<string, unknown>;
    if (typeof q.id !== 'string' || !q.name || typeof q.name !== 'object') return [];
    const status: QueueStatus = q.status === 'open' || q.status === 'full' ? q.status : 'closed';
    return [
      {
        id: q.id,
        name: q.name as LocalizedText,
        ...(q.description && typeof q.description === 'object' ? { description: q.description as LocalizedText } : {}),
        status,
        waiting: typeof q.waiting === 'number' ? q.waiting : 0,
      },
    ];
  });
}

export async function loadPublicQueues(): Promise<PublicQueue[]> {
  const response = await fetch('/api/public/queues', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return parsePublicQueues(await response.json());
}
