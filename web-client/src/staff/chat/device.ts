// This console tab's MLS device: an Ed25519 signing key generated in the
// browser, certified by the Matala CA for 24 h (POST /api/devices/certificate),
// kept in sessionStorage so a reload keeps the same device (and with it the
// private keys of the key packages already uploaded).
import { generateDeviceSigningKey, type MlsClient, type StaffDevice } from '../../e2ee';
import { fromBase64, randomId, toBase64 } from '../../chat/base64';
import { readItem, removeItem, writeItem, type StorageLike } from '../../chat/storage';
import { DEVICE_STORAGE_KEY, parseDeviceRecord, type DeviceRecord } from './store';

/** A stored device is replaced when its certificate has less than this left. */
const MIN_REMAINING_MS = 30 * 60 * 1000;

export interface CertificateResponse {
  certificateChain: string[];
  notAfter: number;
}

export interface DeviceDeps {
  client: MlsClient;
  storage: StorageLike | null;
  staffId: string;
  certify(deviceId: string, publicKeyB64: string): Promise<CertificateResponse>;
  now?: () => number;
  /** A new device even if the stored one is still good (its certificate states roles no longer held). */
  renew?: boolean;
}

export class DeviceHandle {
  constructor(
    readonly device: StaffDevice,
    readonly deviceId: string,
    readonly notAfter: number,
    private readonly storage: StorageLike | null,
    private readonly staffId: string,
  ) {}

  private disposed = false;

  /** No more saving (signed out). */
  dispose(): void {
    this.disposed = true;
  }

  /** Saves the device state (call after generating key packages and after each join). */
  save(): void {
    if (this.disposed) return;
    const record: DeviceRecord = {
      v: 1,
      staffId: this.staffId,
      deviceId: this.deviceId,
      state: toBase64(this.device.exportState()),
      notAfter: this.notAfter,
    };
    writeItem(this.storage, DEVICE_STORAGE_KEY, JSON.stringify(record));
  }
}

/** The stored device of this staff member if still good, else a new certified one. */
export async function openDevice(deps: DeviceDeps): Promise<DeviceHandle> {
  const now = deps.now ?? Date.now;
  const stored = parseDeviceRecord(readItem(deps.storage, DEVICE_STORAGE_KEY));
  if (!deps.renew && stored && stored.staffId === deps.staffId && stored.notAfter - now() > MIN_REMAINING_MS) {
    try {
      const device = await deps.client.restoreStaffDevice(fromBase64(stored.state));
      return new DeviceHandle(device, stored.deviceId, stored.notAfter, deps.storage, deps.staffId);
    } catch (error) {
      console.warn('chat: stored device unusable, making a new one', error);
    }
  }
  removeItem(deps.storage, DEVICE_STORAGE_KEY);
  const deviceId = randomId(12);
  const signingKey = generateDeviceSigningKey();
  const certificate = await deps.certify(deviceId, toBase64(signingKey.publicKey));
  const device = await deps.client.openStaffDevice({
    signingKey,
    certificateChain: certificate.certificateChain.map(fromBase64),
  });
  const notAfter = typeof certificate.notAfter === 'number' ? certificate.notAfter : device.identity.notAfter.getTime();
  const handle = new DeviceHandle(device, deviceId, notAfter, deps.storage, deps.staffId);
  handle.save();
  return handle;
}
