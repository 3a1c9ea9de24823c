import type { RequestOptions, Staff } from './api';
import type { EndReason } from './session';

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
  /** Calls the listener with every refreshed access token (the chat connection renews in-band); returns the unsubscribe. */
  onTokenRenewed(listener: (token: string) => void): () => void;
  /** The server ended the session (e.g. the account was disabled): forget it and show sign-in with the reason. */
  endSession(reason: EndReason): void;
}
