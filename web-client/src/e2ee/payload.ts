/**
 * Application payload codec: UTF-8 JSON objects inside the padded MLS
 * application plaintext. Every payload has a kind `t` and a sender clock
 * timestamp `ts` (ms since epoch; informational only, the server sequence
 * number is authoritative for ordering).
 *
 * Decoding is strict: invalid UTF-8, invalid JSON, non-objects, unknown
 * kinds and fields of the wrong type or size are rejected with E2eeError
 * ("payload-invalid" / "payload-unknown-kind"). Unknown extra fields are
 * dropped (forward compatibility: a newer client may add optional fields).
 *
 * New kinds are added with `codec.with(kind, validator)`; the validator
 * receives the parsed object and returns a fresh, fully typed value.
 */
import { fromUtf8, utf8 } from "./bytes.js";
import { E2eeError } from "./errors.js";
import { MAX_UNPADDED_SIZE } from "./padding.js";

export interface PayloadBase {
  readonly t: string;
  readonly ts: number;
}

/** Chat text written by a participant. */
export interface TextPayload extends PayloadBase {
  readonly t: "text";
  readonly body: string;
}

/** Membership notice, e.g. "<name> (<role>) joined". */
export interface NoticePayload extends PayloadBase {
  readonly t: "notice";
  readonly event: "joined" | "left" | "transferred" | "closed";
  readonly name: string;
  readonly role?: string;
}

/**
 * Summary handed from one worker to the next on transfer. The citizen's
 * client re-sends the latest one after adding the next worker, with
 * `forwarded: true` and the original author's name and role as it saw them
 * (the MLS sender of a forwarded summary is the citizen, so `author` is the
 * citizen client's statement, not an MLS-authenticated identity).
 */
export interface HandoverPayload extends PayloadBase {
  readonly t: "handover";
  readonly summary: string;
  readonly toRole?: string;
  readonly forwarded?: boolean;
  readonly author?: string;
  readonly authorRole?: string;
}

/** Invitation to a video call. */
export interface VideoInvitePayload extends PayloadBase {
  readonly t: "video-invite";
  readonly room: string;
  readonly expiresAt: number;
}

export type AppPayload = TextPayload | NoticePayload | HandoverPayload | VideoInvitePayload;

export type RawObject = Readonly<Record<string, unknown>>;
export type PayloadValidator<T extends PayloadBase> = (raw: RawObject) => T;

function invalid(message: string): never {
  throw new E2eeError("payload-invalid", message);
}

/** Field helpers for validators. */
export const field = {
  string(raw: RawObject, key: string, min: number, max: number): string {
    const v = raw[key];
    if (typeof v !== "string") invalid(`${key} must be a string`);
    if (v.length < min || v.length > max) invalid(`${key} length out of range`);
    return v;
  },
  optionalString(raw: RawObject, key: string, min: number, max: number): string | undefined {
    return raw[key] === undefined ? undefined : field.string(raw, key, min, max);
  },
  optionalBoolean(raw: RawObject, key: string): boolean | undefined {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== "boolean") invalid(`${key} must be a boolean`);
    return v;
  },
  timestamp(raw: RawObject, key: string): number {
    const v = raw[key];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) invalid(`${key} must be a non-negative integer`);
    return v;
  },
  oneOf<T extends string>(raw: RawObject, key: string, values: readonly T[]): T {
    const v = raw[key];
    if (typeof v !== "string" || !(values as readonly string[]).includes(v)) invalid(`${key} has an unknown value`);
    return v as T;
  },
};

const MAX_TEXT = 8000;
const MAX_SUMMARY = 16000;

const textValidator: PayloadValidator<TextPayload> = (r) => ({
  t: "text",
  body: field.string(r, "body", 1, MAX_TEXT),
  ts: field.timestamp(r, "ts"),
});

const noticeValidator: PayloadValidator<NoticePayload> = (r) => {
  const role = field.optionalString(r, "role", 1, 64);
  return {
    t: "notice",
    event: field.oneOf(r, "event", ["joined", "left", "transferred", "closed"] as const),
    name: field.string(r, "name", 1, 128),
    ...(role !== undefined ? { role } : {}),
    ts: field.timestamp(r, "ts"),
  };
};

const handoverValidator: PayloadValidator<HandoverPayload> = (r) => {
  const toRole = field.optionalString(r, "toRole", 1, 64);
  const forwarded = field.optionalBoolean(r, "forwarded");
  const author = field.optionalString(r, "author", 1, 128);
  const authorRole = field.optionalString(r, "authorRole", 1, 64);
  return {
    t: "handover",
    summary: field.string(r, "summary", 1, MAX_SUMMARY),
    ...(toRole !== undefined ? { toRole } : {}),
    ...(forwarded !== undefined ? { forwarded } : {}),
    ...(author !== undefined ? { author } : {}),
    ...(authorRole !== undefined ? { authorRole } : {}),
    ts: field.timestamp(r, "ts"),
  };
};

const videoValidator: PayloadValidator<VideoInvitePayload> = (r) => {
  const room = field.string(r, "room", 1, 128);
  if (!/^[A-Za-z0-9_-]+$/.test(room)) invalid("room has invalid characters");
  return { t: "video-invite", room, expiresAt: field.timestamp(r, "expiresAt"), ts: field.timestamp(r, "ts") };
};

export class PayloadCodec<T extends PayloadBase> {
  private constructor(private readonly kinds: ReadonlyMap<string, PayloadValidator<PayloadBase>>) {}

  static empty(): PayloadCodec<never> {
    return new PayloadCodec<never>(new Map());
  }

  /** Returns a new codec that also understands `kind`. */
  with<U extends PayloadBase>(kind: U["t"], validator: PayloadValidator<U>): PayloadCodec<T | U> {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(kind)) throw new E2eeError("bad-argument", "invalid payload kind name");
    if (this.kinds.has(kind)) throw new E2eeError("bad-argument", `payload kind ${kind} already registered`);
    const next = new Map(this.kinds);
    next.set(kind, (raw) => {
      const v = validator(raw);
      if (v.t !== kind) invalid("validator returned a different kind");
      return v;
    });
    return new PayloadCodec<T | U>(next);
  }

  knows(kind: string): boolean {
    return this.kinds.has(kind);
  }

  private validate(raw: unknown): T {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) invalid("payload must be a JSON object");
    const obj = raw as RawObject;
    const t = obj["t"];
    if (typeof t !== "string") invalid("payload kind t must be a string");
    const v = this.kinds.get(t);
    if (v === undefined) throw new E2eeError("payload-unknown-kind", `unknown payload kind ${JSON.stringify(t).slice(0, 40)}`);
    return v(obj) as T;
  }

  encode(payload: T): Uint8Array {
    const clean = this.validate(payload);
    const bytes = utf8(JSON.stringify(clean));
    if (bytes.length > MAX_UNPADDED_SIZE) throw new E2eeError("payload-too-large", "payload too large");
    return bytes;
  }

  decode(bytes: Uint8Array): T {
    if (bytes.length > MAX_UNPADDED_SIZE) throw new E2eeError("payload-too-large", "payload too large");
    let text: string;
    try {
      text = fromUtf8(bytes);
    } catch {
      return invalid("payload is not valid UTF-8");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return invalid("payload is not valid JSON");
    }
    return this.validate(parsed);
  }
}

export const defaultPayloadCodec: PayloadCodec<AppPayload> = PayloadCodec.empty()
  .with("text", textValidator)
  .with("notice", noticeValidator)
  .with("handover", handoverValidator)
  .with("video-invite", videoValidator);

export function encodePayload(p: AppPayload): Uint8Array {
  return defaultPayloadCodec.encode(p);
}

export function decodePayload(bytes: Uint8Array): AppPayload {
  return defaultPayloadCodec.decode(bytes);
}
