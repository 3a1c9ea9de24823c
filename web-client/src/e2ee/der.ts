/**
 * Minimal, strict DER reader (ITU-T X.690 distinguished encoding rules).
 *
 * Only what the certificate verifier needs. It rejects anything that is not
 * canonical DER: indefinite or non-minimal lengths, high tag numbers,
 * trailing bytes, non-minimal INTEGERs and OID arcs, non-zero unused bits in
 * BIT STRINGs, BOOLEANs other than 0x00/0xFF, and time strings that are not
 * in the single form DER allows (`YYMMDDHHMMSSZ` / `YYYYMMDDHHMMSSZ`).
 */
import { fromUtf8 } from "./bytes.js";
import { E2eeError } from "./errors.js";

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag byte: class bits 10, constructed bit as given. */
export function contextTag(n: number, constructed: boolean): number {
  if (n < 0 || n > 30) throw new RangeError("context tag out of range");
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

export function derError(message: string): E2eeError {
  return new E2eeError("der-malformed", message);
}

/** One decoded TLV. `raw` is the full encoding (tag+length+value). */
export interface DerElement {
  readonly tag: number;
  readonly value: Uint8Array;
  readonly raw: Uint8Array;
}

/** Upper bound on any single element; certificates are far below this. */
export const MAX_DER_LENGTH = 1 << 16;

export class DerReader {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  /** Reads exactly one element that must span the whole buffer. */
  static single(buf: Uint8Array, expectedTag?: number): DerElement {
    const r = new DerReader(buf);
    const e = r.read(expectedTag);
    r.expectEnd();
    return e;
  }

  /** A reader over the contents of a constructed element. */
  static over(e: DerElement): DerReader {
    if ((e.tag & 0x20) === 0) throw derError("primitive element used as constructed");
    return new DerReader(e.value);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  expectEnd(): void {
    if (this.pos !== this.end) throw derError("trailing bytes");
  }

  peekTag(): number | undefined {
    return this.pos < this.end ? this.buf[this.pos] : undefined;
  }

  read(expectedTag?: number): DerElement {
    const start = this.pos;
    if (start >= this.end) throw derError("truncated: missing tag");
    const tag = this.buf[start]!;
    if ((tag & 0x1f) === 0x1f) throw derError("high tag numbers are not supported");
    if (start + 1 >= this.end) throw derError("truncated: missing length");
    const first = this.buf[start + 1]!;
    let len: number;
    let hdr = 2;
    if (first < 0x80) {
      len = first;
    } else if (first === 0x80) {
      throw derError("indefinite length is not DER");
    } else {
      const n = first & 0x7f;
      if (n > 3) throw derError("length field too large");
      if (start + 2 + n > this.end) throw derError("truncated: length bytes");
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + this.buf[start + 2 + i]!;
      if (this.buf[start + 2]! === 0) throw derError("non-minimal length (leading zero)");
      if (len < 0x80) throw derError("non-minimal length (long form for short value)");
      hdr = 2 + n;
    }
    if (len > MAX_DER_LENGTH) throw derError("element too large");
    const vStart = start + hdr;
    const vEnd = vStart + len;
    if (vEnd > this.end) throw derError("truncated: value");
    if (expectedTag !== undefined && tag !== expectedTag) {
      throw derError(`unexpected tag 0x${tag.toString(16)}, expected 0x${expectedTag.toString(16)}`);
    }
    this.pos = vEnd;
    return { tag, value: this.buf.subarray(vStart, vEnd), raw: this.buf.subarray(start, vEnd) };
  }

  /** Reads the next element only if it has the given tag. */
  readOptional(tag: number): DerElement | undefined {
    return this.peekTag() === tag ? this.read(tag) : undefined;
  }
}

export function readBoolean(e: DerElement): boolean {
  if (e.tag !== TAG.BOOLEAN || e.value.length !== 1) throw derError("bad BOOLEAN");
  const v = e.value[0]!;
  if (v === 0xff) return true;
  if (v === 0x00) return false;
  throw derError("BOOLEAN must be 0x00 or 0xFF in DER");
}

/** Decodes an INTEGER (two's complement, minimal). */
export function readInteger(e: DerElement): bigint {
  if (e.tag !== TAG.INTEGER) throw derError("expected INTEGER");
  const v = e.value;
  if (v.length === 0) throw derError("empty INTEGER");
  if (v.length > 1) {
    if (v[0] === 0x00 && (v[1]! & 0x80) === 0) throw derError("non-minimal INTEGER");
    if (v[0] === 0xff && (v[1]! & 0x80) !== 0) throw derError("non-minimal INTEGER");
  }
  let n = 0n;
  for (const b of v) n = (n << 8n) | BigInt(b);
  if ((v[0]! & 0x80) !== 0) n -= 1n << BigInt(8 * v.length);
  return n;
}

/** Small non-negative INTEGER as a JS number (e.g. version, pathLen). */
export function readSmallUint(e: DerElement, max: number): number {
  const n = readInteger(e);
  if (n < 0n || n > BigInt(max)) throw derError("INTEGER out of range");
  return Number(n);
}

export function readOid(e: DerElement): string {
  if (e.tag !== TAG.OID) throw derError("expected OBJECT IDENTIFIER");
  const v = e.value;
  if (v.length === 0 || v.length > 64) throw derError("bad OID length");
  if ((v[v.length - 1]! & 0x80) !== 0) throw derError("truncated OID arc");
  const arcs: number[] = [];
  let cur = 0;
  let fresh = true;
  for (const b of v) {
    if (fresh && b === 0x80) throw derError("non-minimal OID arc");
    cur = cur * 128 + (b & 0x7f);
    if (cur > Number.MAX_SAFE_INTEGER / 128) throw derError("OID arc too large");
    fresh = (b & 0x80) === 0;
    if (fresh) {
      arcs.push(cur);
      cur = 0;
    }
  }
  const firstArc = arcs[0]!;
  const head = firstArc < 40 ? [0, firstArc] : firstArc < 80 ? [1, firstArc - 40] : [2, firstArc - 80];
  return [...head, ...arcs.slice(1)].join(".");
}

export interface BitString {
  readonly unusedBits: number;
  readonly bytes: Uint8Array;
}

export function readBitString(e: DerElement): BitString {
  if (e.tag !== TAG.BIT_STRING) throw derError("expected BIT STRING");
  const v = e.value;
  if (v.length === 0) throw derError("empty BIT STRING");
  const unused = v[0]!;
  if (unused > 7) throw derError("bad unused-bits count");
  if (v.length === 1 && unused !== 0) throw derError("empty BIT STRING with unused bits");
  if (unused !== 0) {
    const last = v[v.length - 1]!;
    if ((last & ((1 << unused) - 1)) !== 0) throw derError("non-zero unused bits");
  }
  return { unusedBits: unused, bytes: v.subarray(1) };
}

export function readNull(e: DerElement): void {
  if (e.tag !== TAG.NULL || e.value.length !== 0) throw derError("bad NULL");
}

function isPrintable(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x20 ||
    c === 0x27 ||
    (c >= 0x28 && c <= 0x29) ||
    (c >= 0x2b && c <= 0x2f) ||
    c === 0x3a ||
    c === 0x3d ||
    c === 0x3f
  );
}

/** UTF8String, PrintableString or IA5String, decoded strictly. */
export function readDirectoryString(e: DerElement): string {
  const v = e.value;
  switch (e.tag) {
    case TAG.UTF8_STRING:
      try {
        return fromUtf8(v);
      } catch {
        throw derError("invalid UTF-8 in UTF8String");
      }
    case TAG.PRINTABLE_STRING:
      for (const c of v) if (!isPrintable(c)) throw derError("invalid PrintableString character");
      return String.fromCharCode(...v);
    case TAG.IA5_STRING:
      return readIa5(e);
    default:
      throw derError(`unsupported string type 0x${e.tag.toString(16)}`);
  }
}

/** IA5String content (also used for implicitly tagged GeneralName URIs). */
export function readIa5(e: DerElement): string {
  for (const c of e.value) if (c > 0x7e || c < 0x20) throw derError("invalid IA5String character");
  return String.fromCharCode(...e.value);
}

function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) throw derError("bad digit in time");
    v = v * 10 + (c - 0x30);
  }
  return v;
}

/** UTCTime or GeneralizedTime in DER form; returns milliseconds since epoch. */
export function readTime(e: DerElement): number {
  const s = String.fromCharCode(...e.value);
  let year: number;
  let off: number;
  if (e.tag === TAG.UTC_TIME) {
    if (s.length !== 13 || s[12] !== "Z") throw derError("UTCTime must be YYMMDDHHMMSSZ");
    const yy = digits(s, 0, 2);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    off = 2;
  } else if (e.tag === TAG.GENERALIZED_TIME) {
    if (s.length !== 15 || s[14] !== "Z") throw derError("GeneralizedTime must be YYYYMMDDHHMMSSZ");
    year = digits(s, 0, 4);
    off = 4;
  } else {
    throw derError("expected UTCTime or GeneralizedTime");
  }
  const month = digits(s, off, 2);
  const day = digits(s, off + 2, 2);
  const hour = digits(s, off + 4, 2);
  const min = digits(s, off + 6, 2);
  const sec = digits(s, off + 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 59) {
    throw derError("time field out of range");
  }
  const ms = Date.UTC(year, month - 1, day, hour, min, sec);
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) throw derError("invalid calendar date");
  return ms;
}
