/**
 * Tiny DER writer for building test certificates. Test-only; it trusts its
 * inputs and makes no attempt to be complete.
 */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(...content);
  return concat(Uint8Array.of(tag), lengthBytes(body.length), body);
}

export const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
export const set = (...c: Uint8Array[]) => tlv(0x31, ...c);
export const explicit = (n: number, ...c: Uint8Array[]) => tlv(0xa0 | n, ...c);
export const octets = (b: Uint8Array) => tlv(0x04, b);
export const bool = (b: boolean) => tlv(0x01, Uint8Array.of(b ? 0xff : 0x00));
export const utf8String = (s: string) => tlv(0x0c, new TextEncoder().encode(s));
export const printableString = (s: string) => tlv(0x13, new TextEncoder().encode(s));
export const ia5 = (tag: number, s: string) => tlv(tag, new TextEncoder().encode(s));

/** Non-negative INTEGER, minimal two's complement. */
export function integer(v: bigint | number): Uint8Array {
  let n = BigInt(v);
  if (n < 0n) throw new RangeError("negative integers are not needed in tests");
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  } while (n > 0n);
  if ((bytes[0]! & 0x80) !== 0) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map((x) => BigInt(x));
  const out: number[] = [];
  const push = (v: bigint) => {
    const tmp: number[] = [Number(v & 0x7fn)];
    v >>= 7n;
    while (v > 0n) {
      tmp.unshift(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(...tmp);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return tlv(0x06, Uint8Array.from(out));
}

export function bitString(bytes: Uint8Array, unused = 0): Uint8Array {
  return tlv(0x03, Uint8Array.of(unused), bytes);
}

/** DER named-bit-list BIT STRING for the given bit numbers (trailing zeros trimmed). */
export function namedBits(bits: number[]): Uint8Array {
  const max = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(max / 8) + 1);
  for (const b of bits) bytes[Math.floor(b / 8)]! |= 0x80 >> b % 8;
  const unused = 7 - (max % 8);
  return bitString(bytes, unused);
}

function pad2(n: number): string {
  return n.toString().padStart(2, "0");
}

export function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  const rest = `${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, new TextEncoder().encode(`${pad2(y % 100)}${rest}`));
  return tlv(0x18, new TextEncoder().encode(`${y}${rest}`));
}
