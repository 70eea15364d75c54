// The kiosk's identity: a device id and a non-extractable ECDSA P-256 key that signs every
// passage batch. The private key never leaves WebCrypto; IndexedDB keeps the CryptoKey handle
// (structured-cloneable), so no script can read the key material, even this one.
import { v7 as uuidv7 } from 'uuid';
import { encodeBase64Url } from '../../core/base64url';
import { parsePublicEcJwk, type PublicEcJwk } from '../../core/trust-bundle';
import type { DeviceMeta, KioskDb } from './db';
import { rethrowStorageError } from './errors';

export interface DeviceIdentity {
  readonly deviceId: string;
  readonly privateKey: CryptoKey;
  readonly publicKeyJwk: PublicEcJwk;
  readonly createdAt: string;
  readonly registration: DeviceMeta['registration'];
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * Returns the stored identity, creating it on first use. Key generation is async WebCrypto and
 * cannot run inside an IndexedDB transaction, so the key is made first and the write re-checks:
 * if another tab or worker stored an identity meanwhile, that one wins and ours is discarded.
 */
export async function ensureDeviceIdentity(db: KioskDb): Promise<DeviceIdentity> {
  const existing = await db.getMeta('device');
  if (existing) return existing;
  const pair = await crypto.subtle.generateKey(ECDSA_P256, false, ['sign', 'verify']);
  const exported = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicKeyJwk = parsePublicEcJwk({ kty: exported.kty, crv: exported.crv, x: exported.x, y: exported.y }, 'device key');
  const fresh: DeviceMeta = {
    key: 'device',
    deviceId: uuidv7(),
    privateKey: pair.privateKey,
    publicKeyJwk,
    createdAt: new Date().toISOString(),
    registration: null,
  };
  try {
    return await db.transaction('rw', db.meta, async () => {
      const raced = await db.getMeta('device');
      if (raced) return raced;
      await db.meta.put(fresh);
      return fresh;
    });
  } catch (error) {
    return rethrowStorageError(error);
  }
}

export async function getDeviceIdentity(db: KioskDb): Promise<DeviceIdentity | undefined> {
  return db.getMeta('device');
}

/** Remembers that the portal at `apiBase` holds this device's key for `checkpointId`. */
export async function markDeviceRegistered(db: KioskDb, deviceId: string, checkpointId: string, apiBase: string, registeredAt: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const device = await db.getMeta('device');
    if (!device || device.deviceId !== deviceId) return;
    await db.meta.put({ ...device, registration: { checkpointId, apiBase, registeredAt } });
  });
}

/** Forgets the registration (the portal said it does not know the device). */
export async function clearDeviceRegistration(db: KioskDb): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const device = await db.getMeta('device');
    if (device) await db.meta.put({ ...device, registration: null });
  });
}

/** ES256 signature (raw r‖s, base64url) of `bytes` with the device key. */
export async function signWithDevice(identity: Pick<DeviceIdentity, 'privateKey'>, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, identity.privateKey, bytes);
  return encodeBase64Url(new Uint8Array(signature));
}
