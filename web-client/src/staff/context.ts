import type { RequestOptions, Staff } from './api';

/** What the console views need from the app shell. */
export interface ConsoleContext {
  /** An authorised API request; a 401 ends the session and shows sign-in. */
  authed<T>(path: string, options?: Omit<RequestOptions, 'token'>): Promise<T>;
  /** The signed-in staff member. */
  me(): Staff;
  /** A valid access token (refreshed first if needed), e.g. for the chat WebSocket's staff.auth. */
  token(): Promise<string>;
  /** Replaces the access token now, e.g. after an admin changed this person's roles (the token states them). */
  renewToken(): Promise<void>;
}
