/**
 * Binary container used for exported state (conversation and device).
 *
 *   magic (4 ASCII bytes) | format version (u8) | section*
 *   section = tag (u8) | length (u32 big-endian) | bytes
 *
 * Sections are unique per tag. Unknown tags are rejected so that an older
 * client never silently drops state written by a newer one.
 */
import { E2eeError } from "./errors.js";

export const MAX_STATE_SIZE = 16 * 1024 * 1024;

export function writeContainer(magic: string, version: number, sections: ReadonlyMap<number, Uint8Array>): Uint8Array {
  let size = 5;
  for (const v of sections.values()) size += 5 + v.length;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = magic.charCodeAt(i);
  out[4] = version;
  let o = 5;
  for (const [tag, v] of [...sections.entries()].sort((a, b) => a[0] - b[0])) {
    out[o] = tag;
    dv.setUint32(o + 1, v.length, false);
    out.set(v, o + 5);
    o += 5 + v.length;
  }
  return out;
}

export function readContainer(
  bytes: Uint8Array,
  magic: string,
  version: number,
  knownTags: readonly number[],
): Map<number, Uint8Array> {
  const corrupt = (m: string): never => {
    throw new E2eeError("state-corrupt", m);
  };
  if (bytes.length > MAX_STATE_SIZE) corrupt("state too large");
  if (bytes.length < 5) corrupt("state truncated");
  for (let i = 0; i < 4; i++) if (bytes[i] !== magic.charCodeAt(i)) corrupt("wrong state magic");
  if (bytes[4] !== version) corrupt("unsupported state version");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<number, Uint8Array>();
  let o = 5;
  while (o < bytes.length) {
    if (o + 5 > bytes.length) corrupt("section header truncated");
    const tag = bytes[o]!;
    const len = dv.getUint32(o + 1, false);
    if (o + 5 + len > bytes.length) corrupt("section truncated");
    if (!knownTags.includes(tag)) corrupt(`unknown section ${tag}`);
    if (out.has(tag)) corrupt(`duplicate section ${tag}`);
    out.set(tag, bytes.slice(o + 5, o + 5 + len));
    o += 5 + len;
  }
  return out;
}
