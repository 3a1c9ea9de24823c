import { describe, expect, it } from 'vitest';
import { parseOutcomes } from '../src/staff/chat/server-data';

describe('outcome categories from the server', () => {
  it('keeps the configured ids in order', () => {
    expect(parseOutcomes(['advice', 'guidance-given', 'no-contact'])).toEqual(['advice', 'guidance-given', 'no-contact']);
  });

  it('drops what is not a plain id', () => {
    expect(parseOutcomes(['advice', 7, '<b>x</b>', '', 'a'.repeat(41), null])).toEqual(['advice']);
    expect(parseOutcomes(undefined)).toEqual([]);
    expect(parseOutcomes('advice')).toEqual([]);
  });
});
