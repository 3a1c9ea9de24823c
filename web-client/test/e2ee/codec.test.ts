import { describe, expect, it } from "vitest";
import { DerReader, readInteger, readOid, readTime, TAG } from "../../src/e2ee/der.js";
import { E2eeError } from "../../src/e2ee/errors.js";
import { bucketSize, MAX_PADDED_SIZE, pad, unpad } from "../../src/e2ee/padding.js";
import { decodePayload, encodePayload, PayloadCodec, defaultPayloadCodec, field } from "../../src/e2ee/payload.js";

const enc = (s: string) => new TextEncoder().encode(s);

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof E2eeError) return e.code;
    throw e;
  }
  return undefined;
}

describe("DER reader", () => {
  it("reads a simple sequence", () => {
    const e = DerReader.single(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05), TAG.SEQUENCE);
    const r = DerReader.over(e);
    expect(readInteger(r.read(TAG.INTEGER))).toBe(5n);
    r.expectEnd();
  });

  it.each([
    ["trailing bytes", [0x02, 0x01, 0x05, 0x00]],
    ["truncated value", [0x02, 0x02, 0x05]],
    ["indefinite length", [0x30, 0x80, 0x00, 0x00]],
    ["non-minimal long length", [0x04, 0x81, 0x01, 0x00]],
    ["length with leading zero", [0x04, 0x82, 0x00, 0x80]],
    ["high tag number", [0x1f, 0x01, 0x00]],
    ["huge length", [0x04, 0x84, 0x7f, 0xff, 0xff, 0xff]],
    ["empty", []],
  ])("rejects %s", (_name, bytes) => {
    expect(code(() => DerReader.single(Uint8Array.from(bytes)))).toBe("der-malformed");
  });

  it("rejects non-minimal INTEGER and OID encodings", () => {
    expect(code(() => readInteger(DerReader.single(Uint8Array.of(0x02, 0x02, 0x00, 0x05))))).toBe("der-malformed");
    expect(code(() => readOid(DerReader.single(Uint8Array.of(0x06, 0x02, 0x80, 0x01))))).toBe("der-malformed");
    expect(readOid(DerReader.single(Uint8Array.of(0x06, 0x03, 0x2b, 0x65, 0x70)))).toBe("1.3.101.112");
  });

  it("accepts only canonical times", () => {
    expect(readTime(DerReader.single(Uint8Array.of(0x17, 13, ...enc("250102030405Z"))))).toBe(Date.UTC(2025, 0, 2, 3, 4, 5));
    expect(code(() => readTime(DerReader.single(Uint8Array.of(0x17, 11, ...enc("2501020304Z")))))).toBe("der-malformed");
    expect(code(() => readTime(DerReader.single(Uint8Array.of(0x17, 13, ...enc("250230030405Z")))))).toBe("der-malformed");
    expect(code(() => readTime(DerReader.single(Uint8Array.of(0x18, 17, ...enc("20250102030405.5Z")))))).toBe("der-malformed");
  });
});

describe("padding", () => {
  it("round-trips and uses power-of-two buckets from 256 B", () => {
    for (const n of [0, 1, 100, 251, 252, 1000, 5000, MAX_PADDED_SIZE - 5]) {
      const data = new Uint8Array(n).map((_, i) => (i * 7 + 1) & 0xff);
      const framed = pad(data);
      expect(framed.length).toBe(bucketSize(n));
      expect([...unpad(framed)]).toEqual([...data]);
    }
    expect(pad(new Uint8Array(1)).length).toBe(256);
    expect(pad(new Uint8Array(251)).length).toBe(256);
    expect(pad(new Uint8Array(252)).length).toBe(512);
  });

  it("rejects oversize payloads and malformed frames", () => {
    expect(code(() => pad(new Uint8Array(MAX_PADDED_SIZE)))).toBe("payload-too-large");
    const good = pad(enc("hello"));
    const badVersion = good.slice();
    badVersion[0] = 2;
    expect(code(() => unpad(badVersion))).toBe("padding-invalid");
    const badLen = good.slice();
    badLen[4] = 0xff;
    expect(code(() => unpad(badLen))).toBe("padding-invalid");
    const dirty = good.slice();
    dirty[200] = 1;
    expect(code(() => unpad(dirty))).toBe("padding-invalid");
    expect(code(() => unpad(good.slice(0, 255)))).toBe("padding-invalid");
    // a 512 B frame carrying a payload that fits in 256 B is not canonical
    const big = new Uint8Array(512);
    big.set(good);
    expect(code(() => unpad(big))).toBe("padding-invalid");
  });
});

describe("payload codec", () => {
  it("round-trips every built-in kind", () => {
    const samples = [
      { t: "text", body: "Hei, tarvitsen apua", ts: 1_700_000_000_000 },
      { t: "notice", event: "joined", name: "Maija Meikäläinen", role: "social-worker", ts: 1 },
      { t: "handover", summary: "Asiakas kysyi toimeentulotuesta.", toRole: "nurse", ts: 2 },
      { t: "video-invite", room: "room_123-abc", expiresAt: 1_700_000_600_000, ts: 3 },
    ] as const;
    for (const s of samples) expect(decodePayload(encodePayload(s))).toEqual(s);
  });

  it("drops unknown fields", () => {
    expect(decodePayload(enc('{"t":"text","body":"x","ts":1,"extra":{"a":1}}'))).toEqual({ t: "text", body: "x", ts: 1 });
  });

  it.each([
    ["invalid UTF-8", Uint8Array.of(0x7b, 0xff, 0x7d), "payload-invalid"],
    ["not JSON", enc("{t:text}"), "payload-invalid"],
    ["array", enc("[1,2]"), "payload-invalid"],
    ["null", enc("null"), "payload-invalid"],
    ["missing kind", enc('{"body":"x","ts":1}'), "payload-invalid"],
    ["unknown kind", enc('{"t":"bogus","ts":1}'), "payload-unknown-kind"],
    ["__proto__ kind", enc('{"t":"__proto__","ts":1}'), "payload-unknown-kind"],
    ["empty body", enc('{"t":"text","body":"","ts":1}'), "payload-invalid"],
    ["body wrong type", enc('{"t":"text","body":5,"ts":1}'), "payload-invalid"],
    ["fractional ts", enc('{"t":"text","body":"x","ts":1.5}'), "payload-invalid"],
    ["negative ts", enc('{"t":"text","body":"x","ts":-1}'), "payload-invalid"],
    ["bad notice event", enc('{"t":"notice","event":"exploded","name":"x","ts":1}'), "payload-invalid"],
    ["bad room", enc('{"t":"video-invite","room":"../x","expiresAt":1,"ts":1}'), "payload-invalid"],
    ["oversize body", enc(`{"t":"text","body":"${"a".repeat(8001)}","ts":1}`), "payload-invalid"],
  ])("rejects %s", (_n, bytes, expected) => {
    expect(code(() => decodePayload(bytes))).toBe(expected);
  });

  it("can be extended with new kinds", () => {
    interface Typing { t: "typing"; ts: number; on: boolean }
    const codec = defaultPayloadCodec.with<Typing>("typing", (r) => {
      if (typeof r["on"] !== "boolean") throw new E2eeError("payload-invalid", "on");
      return { t: "typing", on: r["on"], ts: field.timestamp(r, "ts") };
    });
    expect(codec.decode(codec.encode({ t: "typing", on: true, ts: 5 }))).toEqual({ t: "typing", on: true, ts: 5 });
    expect(defaultPayloadCodec.knows("typing")).toBe(false);
    expect(code(() => codec.with<Typing>("typing", () => ({ t: "typing", on: true, ts: 0 })))).toBe("bad-argument");
    expect(code(() => PayloadCodec.empty().decode(enc('{"t":"text","body":"x","ts":1}')))).toBe("payload-unknown-kind");
  });
});
