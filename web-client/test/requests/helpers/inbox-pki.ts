/**
 * Inbox key certificates made in the test, on the staff-device test PKI
 * (test/e2ee/helpers/pki.ts): the same profile the organisation CA issues
 * (OrganisationCa.certifyInboxKey), with knobs for broken ones.
 */
import { x25519 } from '@noble/curves/ed25519.js';
import { toBase64 } from '../../../src/chat/base64';
import type { InboxKey } from '../../../src/requests';
import { buildCert, ext, makePki, name, OIDS, type TestPki } from '../../e2ee/helpers/pki';

export const X25519_OID = '1.3.101.110';
const DAY = 24 * 60 * 60 * 1000;

export interface InboxCertOptions {
  keyId?: string;
  notBefore?: Date;
  notAfter?: Date;
  extensions?: Uint8Array[];
  spkiAlgOid?: string;
  tamperSignature?: boolean;
}

export interface InboxPki {
  pki: TestPki;
  keyPair: { secretKey: Uint8Array; publicKey: Uint8Array };
  /** The key as the API would serve it. */
  served(opts?: InboxCertOptions): InboxKey;
}

export function makeInboxPki(): InboxPki {
  const pki = makePki({ orgName: 'Matala' });
  const keyPair = x25519.keygen();
  const now = Date.now();
  const served = (o: InboxCertOptions = {}): InboxKey => {
    const keyId = o.keyId ?? '6f1c2a8e-0d4b-4e57-9a51-1f0c3b2d4e5f';
    const leaf = buildCert({
      issuer: pki.issuing.name,
      subject: name([[OIDS.o, 'Matala'], [OIDS.ou, 'request-inbox'], [OIDS.cn, 'Matala request inbox']]),
      subjectKey: keyPair.publicKey,
      signerKey: pki.issuing.key.secret,
      notBefore: o.notBefore ?? new Date(now - 5 * 60 * 1000),
      notAfter: o.notAfter ?? new Date(now + 365 * DAY),
      extensions: o.extensions ?? [ext.basicConstraints(false), ext.keyUsage([4]), ext.sanUris([`urn:matala:inbox-key:${keyId}`])],
      spkiAlgOid: o.spkiAlgOid ?? X25519_OID,
      ...(o.tamperSignature ? { tamperSignature: true } : {}),
    });
    return { keyId, publicKey: toBase64(keyPair.publicKey), certificateChain: [toBase64(leaf), toBase64(pki.issuing.der)] };
  };
  return { pki, keyPair, served };
}
