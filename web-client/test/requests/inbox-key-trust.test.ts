// The citizen's check of the inbox key before anything is sealed to it
// (docs/requests.md, "The inbox key's certificate"): with the certificate the
// real organisation CA issued (fixtures/inbox-key-chain.json, written by the
// Java InboxKeyCertificateFixture) and with certificates made here.
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../src/chat/base64';
import {
  checkInboxKey,
  leaveRequest,
  open,
  parseRequestContent,
  TrustedInboxKey,
  UntrustedInboxKeyError,
  type InboxKey,
} from '../../src/requests';
import { ext } from '../e2ee/helpers/pki';
import { nodeFs, pathOf } from '../e2ee/helpers/node';
import { makeInboxPki } from './helpers/inbox-pki';

interface Fixture {
  generatedAtMs: number;
  root: string;
  otherRoot: string;
  served: InboxKey;
  otherCaChain: string[];
  privateKey: string;
}

const fixture = JSON.parse((await nodeFs()).readFileSync(pathOf('./fixtures/inbox-key-chain.json', import.meta.url), 'utf8')) as Fixture;
const root = fromBase64(fixture.root);
const at = fixture.generatedAtMs;
const DAY = 24 * 60 * 60 * 1000;

/** The reason a served key is refused, or 'trusted'. */
function verdict(served: InboxKey, rootDer: Uint8Array, nowMs = at): string {
  const state = checkInboxKey(served, () => rootDer, nowMs);
  return state.kind === 'untrusted' ? state.reason : state.kind;
}

function flipByte(b64: string, index: number): string {
  const bytes = fromBase64(b64);
  bytes[index < 0 ? bytes.length + index : index]! ^= 0x01;
  return toBase64(bytes);
}

describe('the inbox key certificate the organisation CA issues', () => {
  it('verifies to the root that ships with the page, and states the served key', () => {
    const key = TrustedInboxKey.verify(fixture.served, root, at);
    expect(key.keyId).toBe(fixture.served.keyId);
    expect(toBase64(key.publicKeyAt(at))).toBe(fixture.served.publicKey);
    expect(key.notAfter - at).toBeGreaterThan(360 * DAY);
  });

  it('is refused against another organisation root', () => {
    expect(verdict(fixture.served, fromBase64(fixture.otherRoot))).toBe('invalid');
    // and another CA's certificate for the same key id and key is refused against ours
    expect(verdict({ ...fixture.served, certificateChain: fixture.otherCaChain }, root)).toBe('invalid');
  });

  it('is refused when the served key is not the certified one', () => {
    expect(verdict({ ...fixture.served, publicKey: flipByte(fixture.served.publicKey, 0) }, root)).toBe('mismatch');
    expect(verdict({ ...fixture.served, publicKey: 'not base64!' }, root)).toBe('mismatch');
    expect(verdict({ ...fixture.served, keyId: 'another-key' }, root)).toBe('mismatch');
  });

  it('is refused when the certificate itself was tampered with', () => {
    const [leaf, issuing] = fixture.served.certificateChain as [string, string];
    const der = fromBase64(leaf);
    const keyAt = (() => {
      const key = fromBase64(fixture.served.publicKey);
      for (let i = 0; i + key.length <= der.length; i++) if (key.every((b, j) => der[i + j] === b)) return i;
      throw new Error('key not in the certificate');
    })();
    // the certified key swapped for another: the signature no longer holds
    expect(verdict({ ...fixture.served, certificateChain: [flipByte(leaf, keyAt), issuing] }, root)).toBe('invalid');
    expect(verdict({ ...fixture.served, publicKey: flipByte(fixture.served.publicKey, 0), certificateChain: [flipByte(leaf, keyAt), issuing] }, root)).toBe(
      'invalid',
    );
    expect(verdict({ ...fixture.served, certificateChain: [flipByte(leaf, -1), issuing] }, root)).toBe('invalid');
    expect(verdict({ ...fixture.served, certificateChain: [leaf] }, root)).toBe('invalid');
    expect(verdict({ ...fixture.served, certificateChain: [issuing, leaf] }, root)).toBe('invalid');
    expect(verdict({ ...fixture.served, certificateChain: [] }, root)).toBe('no-certificate');
  });

  it('is refused once expired (and before it is valid)', () => {
    const key = TrustedInboxKey.verify(fixture.served, root, at);
    expect(verdict(fixture.served, root, key.notAfter + DAY)).toBe('expired');
    expect(verdict(fixture.served, root, at - DAY)).toBe('expired');
    // a page left open past the end: nothing is sealed any more
    expect(() => key.publicKeyAt(key.notAfter + DAY)).toThrow(UntrustedInboxKeyError);
  });

  it('is refused when the page carries no root', () => {
    const state = checkInboxKey(fixture.served, () => {
      throw new Error('This page carries no organisation root');
    }, at);
    expect(state).toEqual({ kind: 'untrusted', reason: 'no-root' });
    expect(checkInboxKey(null, () => root, at)).toEqual({ kind: 'none' });
  });

  it('a request is sealed to the certified key: the team opens it with the private key', async () => {
    const key = TrustedInboxKey.verify(fixture.served, root, at);
    let posted: Record<string, unknown> | undefined;
    await leaveRequest(
      { queue: 'families', lang: 'sv', message: 'Hjälp' },
      key,
      async (_input, init) => {
        posted = JSON.parse(String(init?.body)) as Record<string, unknown>;
        return new Response(JSON.stringify({ status: 'open' }), { status: 201 });
      },
      new Date(at),
    );
    expect(posted?.keyId).toBe(fixture.served.keyId);
    const content = parseRequestContent(await open(fromBase64(fixture.privateKey), posted!.sealed as never));
    expect(content.message).toBe('Hjälp');
  });

  it('nothing is sealed or sent with a key whose certificate has expired since the page loaded', async () => {
    const key = TrustedInboxKey.verify(fixture.served, root, at);
    let calls = 0;
    await expect(
      leaveRequest({ queue: 'families', lang: 'fi', message: 'Apua' }, key, async () => {
        calls += 1;
        return new Response('{}', { status: 201 });
      }, new Date(key.notAfter + DAY)),
    ).rejects.toBeInstanceOf(UntrustedInboxKeyError);
    expect(calls).toBe(0);
  });
});

describe('the inbox key certificate profile', () => {
  const inbox = makeInboxPki();
  const testRoot = inbox.pki.root.der;
  const now = Date.now();

  it('accepts a certificate of the profile', () => {
    expect(verdict(inbox.served(), testRoot, now)).toBe('trusted');
    expect(verdict(inbox.served(), root, now)).toBe('invalid'); // not our organisation
  });

  it('refuses a tampered signature, a wrong key type, a staff device certificate and other purposes', () => {
    expect(verdict(inbox.served({ tamperSignature: true }), testRoot, now)).toBe('invalid');
    // an Ed25519 key (a device key) is not an inbox key
    expect(verdict(inbox.served({ spkiAlgOid: '1.3.101.112' }), testRoot, now)).toBe('invalid');
    const device = inbox.pki.chain({ publicKey: inbox.keyPair.publicKey });
    expect(verdict({ ...inbox.served(), certificateChain: device.map(toBase64) }, testRoot, now)).toBe('invalid');
    const withSan = (bits: number[], san = 'urn:matala:inbox-key:6f1c2a8e-0d4b-4e57-9a51-1f0c3b2d4e5f') => [
      ext.basicConstraints(false),
      ext.keyUsage(bits),
      ext.sanUris([san]),
    ];
    expect(verdict(inbox.served({ extensions: withSan([0]) }), testRoot, now)).toBe('invalid'); // signing, not key agreement
    expect(verdict(inbox.served({ extensions: withSan([0, 4]) }), testRoot, now)).toBe('invalid');
    expect(verdict(inbox.served({ extensions: withSan([4, 5]) }), testRoot, now)).toBe('invalid');
    expect(verdict(inbox.served({ extensions: withSan([4], 'urn:matala:device:dev-1') }), testRoot, now)).toBe('invalid');
    expect(
      verdict(inbox.served({ extensions: [ext.basicConstraints(true, 0), ext.keyUsage([4]), ext.sanUris(['urn:matala:inbox-key:6f1c2a8e-0d4b-4e57-9a51-1f0c3b2d4e5f'])] }), testRoot, now),
    ).toBe('invalid');
  });

  it('refuses a certificate valid for far longer than the CA issues', () => {
    expect(verdict(inbox.served({ notAfter: new Date(now + 3 * 365 * DAY) }), testRoot, now)).toBe('invalid');
    expect(verdict(inbox.served({ notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - DAY) }), testRoot, now)).toBe('expired');
  });
});
