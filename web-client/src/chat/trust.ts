// The organisation root certificate that staff device certificates must chain
// to (docs/e2ee.md). It ships with the page, never asked of the API at run
// time: the server writes its root into the HTML document that loads this code
// (<meta name="matala-org-root">), or a deployment pins it into the scripts at
// build time (`VITE_MATALA_ORG_ROOT=<base64 DER>`, docs/operations.md), which
// then wins over the document.
import { createMlsClient, type MlsClient } from '../e2ee';
import { fromBase64 } from './base64';

const PINNED_ROOT_B64: string | null = import.meta.env.VITE_MATALA_ORG_ROOT || null;

/** The root this page trusts: the build-time pin, else the one in the document. */
export function trustAnchor(doc: Pick<Document, 'querySelector'> | undefined = globalThis.document): Uint8Array {
  if (PINNED_ROOT_B64) return fromBase64(PINNED_ROOT_B64);
  const value = doc?.querySelector<HTMLMetaElement>('meta[name="matala-org-root"]')?.content?.trim();
  if (!value) throw new Error('This page carries no organisation root (meta matala-org-root)');
  return fromBase64(value);
}

let clientPromise: Promise<MlsClient> | null = null;

/** The MLS client for this page, created once (the root's self-signature is checked here). */
export function mlsClient(): Promise<MlsClient> {
  clientPromise ??= Promise.resolve()
    .then(() => createMlsClient({ trustAnchorDer: trustAnchor() }))
    .catch((error: unknown) => {
      clientPromise = null; // try again next time
      throw error;
    });
  return clientPromise;
}
