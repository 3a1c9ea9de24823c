import { describe, expect, it } from 'vitest';
import type { MemberAddRequest } from '../../src/citizen/chat-store';
import { MemberAddJobs, memberAddKey, refusalNoticeKey } from '../../src/citizen/member-add';

const anna: MemberAddRequest = { staff: { id: 'anna', displayName: 'Anna', role: 'worker' }, keyPackages: ['AAAA'], remove: [], reason: 'taken' };
const screened = (accepted: number, mismatched: number) => ({ accepted: Array.from({ length: accepted }, () => new Uint8Array(1)), mismatched, invalid: 0 });

describe('member.add bookkeeping', () => {
  it('says why an announced staff member was not added, or that a device was refused', () => {
    expect(refusalNoticeKey(anna, screened(0, 1), 0)).toBe('chat.addMismatch');
    expect(refusalNoticeKey(anna, screened(0, 0), 0)).toBe('chat.addFailed');
    expect(refusalNoticeKey(anna, screened(1, 1), 1)).toBe('chat.deviceMismatch');
    expect(refusalNoticeKey(anna, screened(1, 0), 1)).toBeNull();
    expect(refusalNoticeKey({ ...anna, staff: null }, screened(0, 0), 0)).toBeNull();
  });

  it('makes a request whose commit lost the epoch again, as the next job', () => {
    const jobs = new MemberAddJobs();
    const key = memberAddKey(anna);
    jobs.remember(key);
    jobs.committed(anna, true);
    jobs.redoCurrent();
    expect(jobs.isHandled(key)).toBe(false);
    expect(jobs.toRecord()).toMatchObject({ addJob: null, nextJob: anna });
    expect(jobs.takeNext()).toBe(anna);
    expect(jobs.hasNext).toBe(false);
  });

  it('remembers a refusal under the request key, to answer the same request again', () => {
    const jobs = new MemberAddJobs({ handled: [], refusedAdds: [], addJob: null, nextJob: null });
    const key = memberAddKey(anna);
    expect(jobs.noteRefusal(anna, key, screened(0, 1), 0)).toEqual({ key, staff: 'anna', reason: 'identity_mismatch' });
    expect(jobs.refusalFor(key)?.reason).toBe('identity_mismatch');
    expect(jobs.noteRefusal(anna, key, screened(1, 0), 1)).toBeNull();
  });
});
