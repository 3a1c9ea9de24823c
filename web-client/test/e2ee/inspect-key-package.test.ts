// SecureConversation.inspectKeyPackage: the verified identity of a staff
// KeyPackage before it is added, with real certificates and real ts-mls
// KeyPackages. It must vouch for exactly what the add path checks, and
// never change the conversation.
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeMlsMessage,
  defaultCapabilities,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  type CiphersuiteImpl,
} from "ts-mls";
import {
  createMlsClient,
  E2eeError,
  generateDeviceSigningKey,
  MLS_CIPHERSUITE,
  type MlsClient,
  type StaffDevice,
} from "../../src/e2ee/index.js";
import { makePki, type TestPki } from "./helpers/pki.js";

let pki: TestPki;
let client: MlsClient;
let cs: CiphersuiteImpl;

beforeAll(async () => {
  pki = makePki();
  client = await createMlsClient({ trustAnchorDer: pki.root.der });
  cs = await getCiphersuiteImpl(getCiphersuiteFromName(MLS_CIPHERSUITE));
});

async function device(c: MlsClient, p: TestPki, o: { name: string; staffId: string; role: string; deviceId: string }): Promise<StaffDevice> {
  const signingKey = generateDeviceSigningKey();
  const certificateChain = p.chain({ publicKey: signingKey.publicKey, displayName: o.name, staffId: o.staffId, role: o.role, deviceId: o.deviceId });
  return c.openStaffDevice({ signingKey, certificateChain });
}

async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof E2eeError && e.code === code);
}

describe("inspectKeyPackage", () => {
  it("returns what the device certificate states and leaves the conversation as it was", async () => {
    const citizen = await client.createCitizenConversation();
    const dev = await device(client, pki, { name: "Anna Aalto", staffId: "s-anna", role: "worker", deviceId: "dev-anna" });
    const [kp] = await dev.generateKeyPackages(1);
    const info = await citizen.inspectKeyPackage(kp!);
    expect(info).toMatchObject({
      kind: "staff",
      credentialType: "x509",
      displayName: "Anna Aalto",
      staffId: "s-anna",
      role: "worker",
      deviceId: "dev-anna",
      organisation: "Matala Test Organisation",
    });
    expect(info.signatureKey).toEqual(dev.signaturePublicKey);
    expect(citizen.epoch).toBe(0n);
    expect(citizen.hasPendingCommit).toBe(false);
    expect(citizen.members()).toHaveLength(1);
    // Inspecting does not use the KeyPackage up: it can still be added.
    const out = await citizen.addMembers([kp!]);
    expect(out.welcome).toBeDefined();
  });

  it("refuses a KeyPackage from another organisation, like the add path", async () => {
    const other = makePki({ orgName: "Other Org" });
    const otherClient = await createMlsClient({ trustAnchorDer: other.root.der });
    const dev = await device(otherClient, other, { name: "Anna Aalto", staffId: "s-anna", role: "worker", deviceId: "dev-x" });
    const [kp] = await dev.generateKeyPackages(1);
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.inspectKeyPackage(kp!), "cert-untrusted-root");
  });

  it("refuses a KeyPackage altered after it was signed", async () => {
    const dev = await device(client, pki, { name: "Anna Aalto", staffId: "s-anna", role: "worker", deviceId: "dev-anna" });
    const [kp] = await dev.generateKeyPackages(1);
    const m = decodeMlsMessage(kp!, 0)![0];
    if (m.wireformat !== "mls_key_package") throw new Error("not a KeyPackage");
    // A server swapping in its own init key would read the Welcome's secrets.
    const initKey = m.keyPackage.initKey.slice();
    initKey[0]! ^= 0x01;
    const altered = encodeMlsMessage({ ...m, keyPackage: { ...m.keyPackage, initKey } });
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.inspectKeyPackage(altered), "key-package-invalid");
    await expectCode(citizen.addMembers([altered]), "key-package-invalid");
    expect(citizen.hasPendingCommit).toBe(false);
  });

  it("refuses a KeyPackage whose lifetime has ended although its certificate is still valid", async () => {
    const signingKey = generateDeviceSigningKey();
    const nowS = BigInt(Math.floor(Date.now() / 1000));
    const { publicPackage } = await generateKeyPackageWithKey(
      { credentialType: "x509", certificates: pki.chain({ publicKey: signingKey.publicKey }) },
      defaultCapabilities(),
      { notBefore: nowS - 7200n, notAfter: nowS - 3600n },
      [],
      { signKey: signingKey.privateKey, publicKey: signingKey.publicKey },
      cs,
    );
    const kp = encodeMlsMessage({ version: "mls10", wireformat: "mls_key_package", keyPackage: publicPackage });
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.inspectKeyPackage(kp), "key-package-invalid");
  });

  it("refuses bytes that are not a KeyPackage", async () => {
    const citizen = await client.createCitizenConversation();
    await expectCode(citizen.inspectKeyPackage(new Uint8Array([1, 2, 3])), "mls-decode");
  });
});
