// What is inside the sealed boxes (docs/requests.md): the citizen's request
// and the staff member's answer. Parsed strictly; everything is plain text.
import type { Lang } from '../i18n/lang';

export const MAX_REQUEST_MESSAGE = 3000;
export const MAX_ANSWER_MESSAGE = 3000;
export const MAX_NAME = 80;
export const MAX_CONTACT = 200;

export interface RequestContent {
  message: string;
  name?: string;
  contact?: string;
  /** base64 of the citizen's X25519 reply public key. */
  replyKey: string;
  lang: Lang;
  /** ISO 8601. */
  at: string;
}

export interface AnswerContent {
  message: string;
  by: string;
  at: string;
}

/** Removes control and bidirectional-override characters (keeps line breaks and tabs) and trims. */
export function cleanText(raw: string, max: number, multiline = false): string {
  const controls = multiline
    ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
    : /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  return raw.replace(/\r\n?/g, '\n').replace(controls, '').trim().slice(0, max);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function parseRequestContent(value: unknown): RequestContent {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const message = str(v.message);
  const replyKey = str(v.replyKey);
  if (!message || !replyKey) throw new Error('not a request');
  const lang = v.lang === 'sv' || v.lang === 'en' ? v.lang : 'fi';
  const name = str(v.name);
  const contact = str(v.contact);
  return {
    message,
    ...(name ? { name } : {}),
    ...(contact ? { contact } : {}),
    replyKey,
    lang,
    at: str(v.at) ?? '',
  };
}

export function parseAnswerContent(value: unknown): AnswerContent {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const message = str(v.message);
  if (!message) throw new Error('not an answer');
  return { message, by: str(v.by) ?? '', at: str(v.at) ?? '' };
}
