/**
 * Length-hiding padding applied to application plaintext before MLS
 * encryption.
 *
 * Frame (all sizes in bytes):
 *
 *   0      1          5            5+n              B
 *   +------+----------+------------+----------------+
 *   | 0x01 | n (u32BE)| payload[n] | 0x00 ... 0x00  |
 *   +------+----------+------------+----------------+
 *
 * B, the bucket, is the smallest of 256, 512, 1024, ... MAX_PADDED_SIZE that
 * holds 5+n bytes. The decoder is strict: version byte must be 0x01, n must
 * fit, B must be a valid bucket size and every padding byte must be zero.
 * MLS's own padding (ts-mls default: pad content to 256 B) is left on but has
 * no effect because frames are never shorter than 256 B.
 */
import { E2eeError } from "./errors.js";

export const PADDING_FRAME_VERSION = 0x01;
export const MIN_BUCKET = 256;
export const MAX_PADDED_SIZE = 64 * 1024;
const HEADER = 5;
export const MAX_UNPADDED_SIZE = MAX_PADDED_SIZE - HEADER;

export function bucketSize(payloadLength: number): number {
  const need = payloadLength + HEADER;
  if (need > MAX_PADDED_SIZE) throw new E2eeError("payload-too-large", "payload exceeds maximum padded size");
  let b = MIN_BUCKET;
  while (b < need) b *= 2;
  return b;
}

function isBucket(n: number): boolean {
  return n >= MIN_BUCKET && n <= MAX_PADDED_SIZE && (n & (n - 1)) === 0;
}

export function pad(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(bucketSize(payload.length));
  out[0] = PADDING_FRAME_VERSION;
  new DataView(out.buffer).setUint32(1, payload.length, false);
  out.set(payload, HEADER);
  return out;
}

export function unpad(frame: Uint8Array): Uint8Array {
  if (!isBucket(frame.length)) throw new E2eeError("padding-invalid", "frame length is not a bucket size");
  if (frame[0] !== PADDING_FRAME_VERSION) throw new E2eeError("padding-invalid", "unknown frame version");
  const n = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(1, false);
  if (n > frame.length - HEADER) throw new E2eeError("padding-invalid", "length prefix exceeds frame");
  if (bucketSize(n) !== frame.length) throw new E2eeError("padding-invalid", "frame is not the minimal bucket");
  let nonZero = 0;
  for (let i = HEADER + n; i < frame.length; i++) nonZero |= frame[i]!;
  if (nonZero !== 0) throw new E2eeError("padding-invalid", "non-zero padding");
  return frame.slice(HEADER, HEADER + n);
}
