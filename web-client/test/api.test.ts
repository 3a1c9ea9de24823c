import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, parseRetryAfter, request } from '../src/staff/api';
import { adminErrorMessage, staffPatch, validateNewStaff } from '../src/staff/admin';
import { signInErrorMessage } from '../src/staff/signin';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(' 5 ')).toBe(5);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('is null when missing or unreadable', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('')).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('request', () => {
  it('sends JSON with the bearer token and parses the reply', async () => {
    let seen: RequestInit | undefined;
    const result = await request<{ ok: boolean }>('/api/x', {
      method: 'POST',
      body: { a: 1 },
      token: 'tok',
      fetchImpl: async (_url, init) => {
        seen = init;
        return jsonResponse(200, { ok: true });
      },
    });
    expect(result).toEqual({ ok: true });
    const headers = seen?.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer tok');
    expect(headers['Content-Type']).toBe('application/json');
    expect(seen?.body).toBe('{"a":1}');
  });

  it('turns error replies into ApiError with code, message and Retry-After', async () => {
    const error = await request('/api/auth/login', {
      method: 'POST',
      body: {},
      fetchImpl: async () => jsonResponse(429, { error: 'rate_limited', message: 'slow down' }, { 'Retry-After': '42' }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', serverMessage: 'slow down', retryAfterSeconds: 42 });
  });

  it('copes with an empty or non-JSON error body', async () => {
    const error = await request('/x', { fetchImpl: async () => new Response('oops', { status: 500 }) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, code: null, serverMessage: null });
  });

  it('returns null for 204', async () => {
    await expect(request('/x', { fetchImpl: async () => new Response(null, { status: 204 }) })).resolves.toBeNull();
  });

  it('turns a failed fetch into NetworkError', async () => {
    const error = await request('/x', {
      fetchImpl: async () => {
        throw new TypeError('Failed to fetch');
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
  });
});

describe('sign-in messages', () => {
  it('maps failures to messages', () => {
    expect(signInErrorMessage(new ApiError(401, 'invalid_credentials', null))).toEqual(['signin.error.invalid']);
    expect(signInErrorMessage(new ApiError(429, 'rate_limited', null, null))).toEqual(['signin.error.rateLimited']);
    expect(signInErrorMessage(new ApiError(429, 'rate_limited', null, 30))).toEqual([
      'signin.error.rateLimitedSeconds',
      { seconds: 30 },
    ]);
    expect(signInErrorMessage(new ApiError(429, 'rate_limited', null, 600))).toEqual([
      'signin.error.rateLimitedMinutes',
      { minutes: 10 },
    ]);
    expect(signInErrorMessage(new NetworkError())).toEqual(['signin.error.network']);
    expect(signInErrorMessage(new ApiError(500, null, null))).toEqual(['signin.error.server']);
    // the server's password-checking pool was full: nothing to do with this person's attempts
    expect(signInErrorMessage(new ApiError(503, 'busy', null, 2))).toEqual(['signin.error.busy']);
  });
});

describe('admin helpers', () => {
  const good = { username: 'uusi', displayName: 'Uusi Työntekijä', password: 'correct horse battery', roles: ['worker'] };

  it('validates a new staff member', () => {
    expect(validateNewStaff(good)).toEqual([]);
    expect(validateNewStaff({ username: ' ', displayName: '', password: 'short', roles: [] }).map(([f]) => f)).toEqual([
      'username',
      'displayName',
      'password',
      'roles',
    ]);
    expect(validateNewStaff({ ...good, password: 'x'.repeat(11) })).toEqual([['password', 'admin.validation.password']]);
    expect(validateNewStaff({ ...good, password: 'x'.repeat(12) })).toEqual([]);
  });

  it('builds a PATCH body of only what changed', () => {
    const before = { id: '1', username: 'a', displayName: 'A', roles: ['worker', 'peer'], disabled: false };
    expect(staffPatch(before, 'A', ['peer', 'worker'])).toBeNull();
    expect(staffPatch(before, ' B ', ['worker', 'peer'])).toEqual({ displayName: 'B' });
    expect(staffPatch(before, 'A', ['worker'])).toEqual({ roles: ['worker'] });
    expect(staffPatch(before, '', ['worker', 'peer'])).toBeNull();
  });

  it('shows the server message, and names a taken username', () => {
    expect(adminErrorMessage(new ApiError(400, 'weak_password', 'Password too weak'))).toEqual([
      'admin.error.withMessage',
      { message: 'Password too weak' },
    ]);
    expect(adminErrorMessage(new ApiError(409, 'username_taken', 'taken'), 'aino')).toEqual([
      'admin.error.usernameTaken',
      { username: 'aino' },
    ]);
    expect(adminErrorMessage(new ApiError(403, 'forbidden', null))).toEqual(['admin.error.forbidden']);
    expect(adminErrorMessage(new NetworkError())).toEqual(['admin.error.network']);
    expect(adminErrorMessage(new ApiError(500, null, null))).toEqual(['admin.error.generic']);
  });
});
