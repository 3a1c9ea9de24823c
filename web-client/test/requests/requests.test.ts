import { describe, expect, it } from 'vitest';
import { x25519 } from '@noble/curves/ed25519.js';
import { fromBase64, toBase64 } from '../../src/chat/base64';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  formatCode,
  generateCode,
  generateInboxKeyPair,
  leaveRequest,
  lookupFor,
  normaliseCode,
  open,
  readWithCode,
  replyKeyPair,
  seal,
  sealAnswer,
  SealedBoxError,
  TooLargeError,
  UnlockedInbox,
  unwrapPrivateKey,
  wrapPrivateKey,
  WrongPassphraseError,
  parseStaffRequests,
  parseStoredKeys,
  getInboxKey,
  getRequestStatus,
  deleteRequest,
  TrustedInboxKey,
  keyFingerprint,
  parseInboxKeyAdminState,
  type SealedBox,
} from '../../src/requests';
import { makeInboxPki } from './helpers/inbox-pki';
import { ApiError } from '../../src/staff/api';
import { decisionErrorKey, passphraseProblem, proposalErrorKey } from '../../src/staff/inbox-admin';

function flip(b64: string, index: number): string {
  const bytes = fromBase64(b64);
  bytes[index] ^= 0x01;
  return toBase64(bytes);
}

describe('return codes', () => {
  it('are 20 characters of the alphabet', () => {
    for (let i = 0; i < 50; i++) {
      const code = generateCode();
      expect(code).toHaveLength(CODE_LENGTH);
      for (const ch of code) expect(CODE_ALPHABET).toContain(ch);
    }
    expect(new Set(Array.from({ length: 50 }, () => generateCode())).size).toBe(50);
  });

  it('normalise: case, spaces and dashes do not matter', () => {
    const code = 'ABCDEFGHJKMNPQRSTVWX';
    expect(normaliseCode('abcd-efgh jkmn-pqrs tvwx')).toBe(code);
    expect(normaliseCode('  ABCD EFGH JKMN PQRS TVWX ')).toBe(code);
    expect(normaliseCode(formatCode(code))).toBe(code);
    expect(formatCode(code)).toBe('ABCD-EFGH-JKMN-PQRS-TVWX');
  });

  it('normalise: refuses wrong length and characters outside the alphabet', () => {
    expect(normaliseCode('ABCD-EFGH')).toBeNull();
    expect(normaliseCode('ABCD-EFGH-JKMN-PQRS-TVWXY')).toBeNull();
    expect(normaliseCode('ABCD-EFGH-JKMN-PQRS-TVW0')).toBeNull(); // 0 is not in the alphabet
    expect(normaliseCode('ABCD-EFGH-IKMN-PQRS-TVWX')).toBeNull(); // I neither
  });

  it('lookup is deterministic, 43 base64url characters, and differs per code', async () => {
    const a = await lookupFor('ABCDEFGHJKMNPQRSTVWX');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await lookupFor(normaliseCode('abcd efgh jkmn pqrs tvwx')!)).toBe(a);
    expect(await lookupFor('ABCDEFGHJKMNPQRSTVWY')).not.toBe(a);
    // SHA-256("matala-request-lookup|ABCDEFGHJKMNPQRSTVWX"), fixed so the format stays stable
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('matala-request-lookup|ABCDEFGHJKMNPQRSTVWX')));
    expect(a).toBe(toBase64(digest).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  });

  it('reply key is deterministic per code', async () => {
    const a = await replyKeyPair('ABCDEFGHJKMNPQRSTVWX');
    const b = await replyKeyPair('ABCDEFGHJKMNPQRSTVWX');
    const c = await replyKeyPair('ABCDEFGHJKMNPQRSTVWY');
    expect(toBase64(a.privateKey)).toBe(toBase64(b.privateKey));
    expect(toBase64(a.publicKey)).toBe(toBase64(x25519.getPublicKey(a.privateKey)));
    expect(toBase64(a.publicKey)).not.toBe(toBase64(c.publicKey));
  });
});

describe('sealed boxes', () => {
  it('seal and open round trip, padded to a bucket', async () => {
    const pair = generateInboxKeyPair();
    const box = await seal(pair.publicKey, { message: 'Hei ÅÄÖ 😊', n: 1 });
    expect(Object.keys(box).sort()).toEqual(['ct', 'epk', 'iv', 'v']);
    expect(box.v).toBe(1);
    expect(fromBase64(box.epk)).toHaveLength(32);
    expect(fromBase64(box.iv)).toHaveLength(12);
    expect(fromBase64(box.ct)).toHaveLength(256 + 16);
    expect(await open(pair.privateKey, box)).toEqual({ message: 'Hei ÅÄÖ 😊', n: 1 });
  });

  it('a wrong key does not open it', async () => {
    const pair = generateInboxKeyPair();
    const other = generateInboxKeyPair();
    const box = await seal(pair.publicKey, { message: 'secret' });
    await expect(open(other.privateKey, box)).rejects.toBeInstanceOf(SealedBoxError);
  });

  it('tampered ciphertext, iv or ephemeral key fails', async () => {
    const pair = generateInboxKeyPair();
    const box = await seal(pair.publicKey, { message: 'secret' });
    const variants: SealedBox[] = [
      { ...box, ct: flip(box.ct, 3) },
      { ...box, ct: flip(box.ct, fromBase64(box.ct).length - 1) },
      { ...box, iv: flip(box.iv, 0) },
      { ...box, epk: flip(box.epk, 5) },
    ];
    for (const bad of variants) await expect(open(pair.privateKey, bad)).rejects.toBeInstanceOf(SealedBoxError);
    await expect(open(pair.privateKey, { v: 2, epk: box.epk, iv: box.iv, ct: box.ct })).rejects.toBeInstanceOf(SealedBoxError);
  });

  it('refuses content beyond what the server stores', async () => {
    const pair = generateInboxKeyPair();
    await expect(seal(pair.publicKey, { message: 'x'.repeat(9000) })).rejects.toBeInstanceOf(TooLargeError);
    const big = await seal(pair.publicKey, { message: 'x'.repeat(8000) });
    expect(fromBase64(big.ct).length).toBeLessThanOrEqual(16 * 1024);
  });
});

describe('wrapped inbox key', () => {
  it('round trip with the right passphrase; a wrong one fails', async () => {
    const pair = generateInboxKeyPair();
    const wrapped = await wrapPrivateKey(pair.privateKey, 'correct horse battery staple');
    expect(wrapped).toMatchObject({ v: 1, kdf: 'PBKDF2-SHA256', iterations: 600000 });
    expect(fromBase64(wrapped.salt)).toHaveLength(16);
    expect(fromBase64(wrapped.iv)).toHaveLength(12);
    const back = await unwrapPrivateKey(wrapped, 'correct horse battery staple', pair.publicKey);
    expect(toBase64(back)).toBe(toBase64(pair.privateKey));
    await expect(unwrapPrivateKey(wrapped, 'correct horse battery stapl')).rejects.toBeInstanceOf(WrongPassphraseError);
    // the right passphrase but another public key: refused
    await expect(unwrapPrivateKey(wrapped, 'correct horse battery staple', generateInboxKeyPair().publicKey)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
  });

  it('refuses too few iterations', async () => {
    const pair = generateInboxKeyPair();
    const wrapped = await wrapPrivateKey(pair.privateKey, 'p', 1000);
    await expect(unwrapPrivateKey(wrapped, 'p')).rejects.toThrow(/iteration/);
  });
});

describe('request and answer, both sides', () => {
  it('citizen leaves a request, staff open and answer, the citizen reads the answer with the code', async () => {
    const certified = makeInboxPki();
    const inbox = { privateKey: certified.keyPair.secretKey, publicKey: certified.keyPair.publicKey };
    const wrapped = await wrapPrivateKey(inbox.privateKey, 'team passphrase 123');
    const stored: { body?: Record<string, unknown>; answer?: SealedBox } = {};
    const fetchImpl = async (input: string, init?: RequestInit): Promise<Response> => {
      if (input === '/api/public/requests' && init?.method === 'POST') {
        stored.body = JSON.parse(String(init.body)) as Record<string, unknown>;
        return new Response(JSON.stringify({ status: 'open' }), { status: 201 });
      }
      if (input === `/api/public/requests/${String(stored.body?.lookup)}`) {
        return new Response(
          JSON.stringify(
            stored.answer
              ? { status: 'answered', createdAt: 1, answeredAt: 2, answer: stored.answer }
              : { status: 'open', createdAt: 1 },
          ),
          { status: 200 },
        );
      }
      return new Response(JSON.stringify({ error: 'not_found' }), { status: 404 });
    };
    const code = await leaveRequest(
      { queue: 'families', lang: 'fi', message: 'Tarvitsen apua', name: 'Maija', contact: '040 123' },
      TrustedInboxKey.verify(certified.served({ keyId: 'k1' }), certified.pki.root.der),
      fetchImpl,
    );
    expect(normaliseCode(code)).toBe(code);
    const body = stored.body!;
    expect(body).toMatchObject({ queue: 'families', lang: 'fi', keyId: 'k1', lookup: await lookupFor(code) });
    expect(JSON.stringify(body)).not.toContain('Tarvitsen');
    expect(JSON.stringify(body)).not.toContain(code);

    expect(await readWithCode(code, fetchImpl)).toEqual({ kind: 'open', createdAt: 1 });
    expect(await readWithCode(generateCode(), fetchImpl)).toEqual({ kind: 'none' });

    const [request] = parseStaffRequests({
      requests: [{ id: 'r1', queue: 'families', lang: 'fi', keyId: 'k1', sealed: body.sealed, status: 'open', createdAt: 1 }],
    });
    await expect(
      UnlockedInbox.unlock([{ keyId: 'k1', publicKey: toBase64(inbox.publicKey), wrappedPrivateKey: wrapped }], 'wrong passphrase!'),
    ).rejects.toBeInstanceOf(WrongPassphraseError);
    const unlocked = await UnlockedInbox.unlock(
      [{ keyId: 'k1', publicKey: toBase64(inbox.publicKey), wrappedPrivateKey: wrapped }],
      'team passphrase 123',
    );
    const content = await unlocked.open(request!);
    expect(content).toMatchObject({ message: 'Tarvitsen apua', name: 'Maija', contact: '040 123', lang: 'fi' });
    stored.answer = await sealAnswer(content, 'Soitamme huomenna.', 'Työntekijä');
    const read = await readWithCode(normaliseCode(formatCode(code).toLowerCase())!, fetchImpl);
    expect(read).toMatchObject({ kind: 'answered', answer: { message: 'Soitamme huomenna.', by: 'Työntekijä' } });
    unlocked.lock();
    expect(unlocked.has('k1')).toBe(false);
  });
});

describe('requests API client', () => {
  const json = (status: number, body?: unknown): Response =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  it('inbox key: null when requests are not set up (404), else the key', async () => {
    expect(await getInboxKey(async () => json(404, { error: 'no_inbox_key' }))).toBeNull();
    expect(await getInboxKey(async () => json(200, { keyId: 'k', publicKey: 'AAAA', certificateChain: ['AQ==', 'Ag=='] }))).toEqual({
      keyId: 'k',
      publicKey: 'AAAA',
      certificateChain: ['AQ==', 'Ag=='],
    });
    // no chain, or a malformed one: served as it is, and refused by the verifier (inbox-key-trust.test.ts)
    expect(await getInboxKey(async () => json(200, { keyId: 'k', publicKey: 'AAAA', certificateChain: [1] }))).toEqual({
      keyId: 'k',
      publicKey: 'AAAA',
      certificateChain: [],
    });
    await expect(getInboxKey(async () => json(500, { error: 'internal' }))).rejects.toBeInstanceOf(ApiError);
  });

  it('status: null on 404; delete: 404 counts as deleted', async () => {
    expect(await getRequestStatus('x'.repeat(43), async () => json(404, { error: 'not_found' }))).toBeNull();
    const calls: string[] = [];
    await deleteRequest('y'.repeat(43), async (input, init) => {
      calls.push(`${init?.method} ${input}`);
      return json(404, { error: 'not_found' });
    });
    expect(calls).toEqual([`DELETE /api/public/requests/${'y'.repeat(43)}`]);
  });

  it('parses the staff list and keys, dropping malformed entries', () => {
    const sealed = { v: 1, epk: 'a', iv: 'b', ct: 'c' };
    expect(
      parseStaffRequests({
        requests: [
          { id: 'r1', queue: 'q', lang: 'sv', keyId: 'k', sealed, status: 'answered', createdAt: 5, answeredAt: 6 },
          { id: 'r2', sealed: { v: 2 } },
          'nonsense',
        ],
      }),
    ).toEqual([{ id: 'r1', queue: 'q', lang: 'sv', keyId: 'k', sealed, status: 'answered', createdAt: 5, answeredAt: 6 }]);
    expect(parseStoredKeys({ keys: [{ keyId: 'k', publicKey: 'p', wrappedPrivateKey: { v: 1 } }, { keyId: 1 }] })).toEqual([
      { keyId: 'k', publicKey: 'p', wrappedPrivateKey: { v: 1 } },
    ]);
  });

  it('new passphrase checks', () => {
    expect(passphraseProblem('short', 'short')).toBe('req.admin.tooShort');
    expect(passphraseProblem('long enough pass', 'long enough pasS')).toBe('req.admin.mismatch');
    expect(passphraseProblem('long enough pass', 'long enough pass')).toBeNull();
  });

  it('the admin state: a waiting proposal and the active key; malformed parts are dropped', () => {
    const who = { id: 's1', displayName: 'Aino' };
    expect(
      parseInboxKeyAdminState({
        active: { keyId: 'k1', publicKey: 'AAAA', notAfter: 10, activatedAt: 5, proposedBy: who, approvedBy: { id: 's2', displayName: 'Olli' } },
        pending: { keyId: 'k2', publicKey: 'BBBB', proposedAt: 7, proposedBy: who },
      }),
    ).toEqual({
      active: { keyId: 'k1', publicKey: 'AAAA', notAfter: 10, activatedAt: 5, proposedBy: who, approvedBy: { id: 's2', displayName: 'Olli' } },
      pending: { keyId: 'k2', publicKey: 'BBBB', proposedAt: 7, proposedBy: who },
    });
    expect(parseInboxKeyAdminState({ active: null, pending: { keyId: 3 } })).toEqual({ active: null, pending: null });
  });

  it('the console names the refusals of proposals and decisions', () => {
    expect(decisionErrorKey(new ApiError(403, 'own_proposal', null))).toBe('req.admin.ownProposal');
    expect(decisionErrorKey(new ApiError(404, 'no_proposal', null))).toBe('req.admin.gone');
    expect(decisionErrorKey(new Error('offline'))).toBe('req.admin.decideError');
    expect(proposalErrorKey(new ApiError(409, 'proposal_pending', null))).toBe('req.admin.pendingExists');
    expect(proposalErrorKey(new ApiError(500, 'internal_error', null))).toBe('req.admin.error');
  });

  it('a key fingerprint: 16 bytes of SHA-256 in groups of four hex digits, the same on both consoles', async () => {
    const key = toBase64(new Uint8Array(32).fill(7));
    const print = await keyFingerprint(key);
    expect(print).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/);
    expect(await keyFingerprint(key)).toBe(print);
    expect(await keyFingerprint(toBase64(new Uint8Array(32).fill(8)))).not.toBe(print);
  });
});
