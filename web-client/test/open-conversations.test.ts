import { describe, expect, it } from 'vitest';
import { parseOpenConversations } from '../src/staff/chat/server-data';

describe('parseOpenConversations', () => {
  it('reads the rows of GET /api/conversations', () => {
    const rows = parseOpenConversations([
      {
        conversation: 'c1',
        queue: 'mental-health',
        lang: 'fi',
        status: 'active',
        queuedAt: 1700000000000,
        members: [{ id: 's1', displayName: 'Wilma', role: 'worker', joined: true }],
      },
    ]);
    expect(rows).toEqual([
      {
        conversation: 'c1',
        queue: 'mental-health',
        lang: 'fi',
        status: 'active',
        queuedAt: 1700000000000,
        members: [{ id: 's1', displayName: 'Wilma', role: 'worker', joined: true }],
      },
    ]);
  });

  it('skips what is not a conversation and fills gaps', () => {
    expect(parseOpenConversations(null)).toEqual([]);
    expect(parseOpenConversations({})).toEqual([]);
    const rows = parseOpenConversations([null, 3, { queue: 'x' }, { conversation: 'c2', members: [null, { displayName: 'no id' }, { id: 's2' }] }]);
    expect(rows).toEqual([
      { conversation: 'c2', queue: '', lang: '', status: '', queuedAt: 0, members: [{ id: 's2', displayName: '', role: '', joined: false }] },
    ]);
  });
});
