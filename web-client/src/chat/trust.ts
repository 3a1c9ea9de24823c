// The organisation root certificate that staff device certificates must chain
// to (docs/e2ee.md). It is fetched from the server at start-up over HTTPS
// from the same origin as this code.
//
// A deployment that does not want to rely on the server for this pins the root
// in the bundle at build time: `VITE_MATALA_ORG_ROOT=<base64 DER> mvn package`
// (docs/operations.md); it is then used and the fetch skipped (a changed root
// then needs a new build).
import { createMlsClient, type MlsClient } from '../e2ee';
import { fromBase64 } from './base64';

const PINNED_ROOT_B64: string | null = import.meta.env.VITE_MATALA_ORG_ROOT || null;

let clientPromise: Promise<MlsClient> | null = null;

export async function fetchTrustAnchor(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): Promise<Uint8Array> {
  if (PINNED_ROOT_B64) return fromBase64(PINNED_ROOT_B64);
  const response = await fetchImpl('/api/e2ee/root', { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`GET /api/e2ee/root: HTTP ${response.status}`);
  const body = (await response.json()) as { root?: unknown };
  if (typeof body.root !== 'string') throw new Error('GET /api/e2ee/root: no root');
  return fromBase64(body.root);
}

/** The MLS client for this page, created once (the root's self-signature is checked here). */
export function mlsClient(): Promise<MlsClient> {
  clientPromise ??= fetchTrustAnchor()
    .then((trustAnchorDer) => createMlsClient({ trustAnchorDer }))
    .catch((error: unknown) => {
      clientPromise = null; // try again next time
      throw error;
    });
  return clientPromise;
}
