// JSON client for the Matala server API. Errors from the server arrive as
// {"error":"code","message":"..."}; they become ApiError. A request that never
// got an HTTP response becomes NetworkError.
import type { LocalizedText } from '../i18n';

export const ROLES = ['worker', 'therapist', 'peer', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Staff {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
}

export interface AuthResponse {
  token: string;
  /** Access token expiry, epoch milliseconds. */
  expiresAt: number;
  refreshToken: string;
  staff: Staff;
}

export interface Queue {
  id: string;
  name: LocalizedText;
  description?: LocalizedText;
}

export interface NewStaff {
  username: string;
  password: string;
  displayName: string;
  roles: string[];
}

export interface StaffPatch {
  roles?: string[];
  disabled?: boolean;
  displayName?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly serverMessage: string | null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`HTTP ${status}${code ? ` ${code}` : ''}${serverMessage ? `: ${serverMessage}` : ''}`);
    this.name = 'ApiError';
  }
}

export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

/**
 * Seconds to wait from a Retry-After header: either delta-seconds or an
 * HTTP date. Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  token?: string;
  fetchImpl?: FetchLike;
  signal?: AbortSignal;
  /** The browser cache: 'no-store' (default) or 'no-cache' (kept, revalidated with its ETag every time). */
  cache?: 'no-store' | 'no-cache';
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, token, fetchImpl = (input, init) => fetch(input, init), signal, cache = 'no-store' } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetchImpl(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache,
      signal,
    });
  } catch (cause) {
    throw new NetworkError(cause);
  }

  const text = await response.text().catch(() => '');
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const error = (json && typeof json === 'object' ? json : {}) as { error?: unknown; message?: unknown };
    throw new ApiError(
      response.status,
      typeof error.error === 'string' ? error.error : null,
      typeof error.message === 'string' ? error.message : null,
      parseRetryAfter(response.headers.get('Retry-After')),
    );
  }
  return json as T;
}

// ---- endpoints -----------------------------------------------------------

export function login(username: string, password: string, fetchImpl?: FetchLike): Promise<AuthResponse> {
  return request<AuthResponse>('/api/auth/login', { method: 'POST', body: { username, password }, fetchImpl });
}

export function refresh(refreshToken: string, fetchImpl?: FetchLike): Promise<AuthResponse> {
  return request<AuthResponse>('/api/auth/refresh', { method: 'POST', body: { refreshToken }, fetchImpl });
}

export async function logout(token: string, refreshToken: string, fetchImpl?: FetchLike): Promise<void> {
  await request<unknown>('/api/auth/logout', { method: 'POST', body: { refreshToken }, token, fetchImpl });
}
