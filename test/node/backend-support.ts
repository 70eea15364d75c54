/// <reference types="node" />
// Shared helpers of the backend tests: a kiosk-like device (key pair, hash chain, signed
// batches) built from the same core functions the real kiosk uses.
import { v7 as uuidv7 } from 'uuid';
import { encodeBase64Url } from '../../src/core/base64url';
import { computePassageHash, GENESIS_HASH, type PassageRecord, type UnhashedPassage } from '../../src/core/passage-record';
import { passageBatchBody } from '../../src/api/passages';
import { createDemoBackend, type DemoBackend, type DemoBackendOptions } from '../../demo/backend/backend';
import { referenceDeclaration } from '../fixtures/reference';

export const BASE = 'http://portal.test/api';

export async function newBackend(options: DemoBackendOptions = {}): Promise<DemoBackend> {
  return createDemoBackend({ base: '/api', ...options });
}

export function jsonRequest(path: string, body: unknown, init: { method?: string; headers?: Record<string, string> } = {}): Request {
  return new Request(`${BASE}${path}`, {
    method: init.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers });
}

export async function readJson<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Issues a pass through the contract; returns the 201 body. */
export async function declare(backend: DemoBackend, patch: Record<string, unknown> = {}, key?: string) {
  const response = await backend.handle(jsonRequest('/declarations', { ...referenceDeclaration(), ...patch }, key ? { headers: { 'Idempotency-Key': key } } : {}));
  if (response.status !== 201) throw new Error(`declare: ${response.status} ${await response.text()}`);
  return readJson<{ pass: string; passId: string; issuedAt: string; validFrom: string; validUntil: string }>(response);
}

export interface TestDevice {
  deviceId: string;
  checkpointId: string;
  keys: CryptoKeyPair;
  publicJwk: JsonWebKey;
  seq: number;
  head: string;
  record(fields: Partial<UnhashedPassage> & { passId?: string; manualCode?: string; at?: string }): PassageRecord;
  sign(body: string): Promise<string>;
}

export async function newDevice(checkpointId = 'HN-TEST-01'): Promise<TestDevice> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const device: TestDevice = {
    deviceId: uuidv7(),
    checkpointId,
    keys,
    publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    seq: 0,
    head: GENESIS_HASH,
    record(fields) {
      const seq = fields.seq ?? device.seq + 1;
      const reference = fields.manualCode !== undefined ? { manualCode: fields.manualCode } : { passId: fields.passId ?? 'AAAAAAAAAAAAAAAAAAAAAA' };
      const unhashed = {
        id: uuidv7(),
        deviceId: device.deviceId,
        checkpointId: device.checkpointId,
        direction: 'in',
        at: new Date().toISOString(),
        originUnit: '00070',
        destinationUnit: '09289',
        verdictStatus: 'valid',
        decision: 'allow',
        officerId: 'CA-TEST-1',
        prevHash: device.head,
        ...fields,
        ...reference,
        seq,
      } as UnhashedPassage;
      const record = { ...unhashed, hash: computePassageHash(unhashed) } as PassageRecord;
      device.seq = seq;
      device.head = record.hash;
      return record;
    },
    async sign(body) {
      const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new TextEncoder().encode(body));
      return encodeBase64Url(new Uint8Array(signature));
    },
  };
  return device;
}

export async function register(backend: DemoBackend, device: TestDevice): Promise<Response> {
  return backend.handle(jsonRequest('/devices', { deviceId: device.deviceId, publicKeyJwk: device.publicJwk, checkpointId: device.checkpointId }));
}

/** A signed POST /passages request, exactly as the kiosk builds it. */
export async function batchRequest(device: TestDevice, records: PassageRecord[], options: { batchId?: string; body?: string; signature?: string } = {}): Promise<Request> {
  const batchId = options.batchId ?? uuidv7();
  const body = options.body ?? passageBatchBody({ deviceId: device.deviceId, batchId, records });
  return new Request(`${BASE}/passages`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': batchId,
      'X-Device-Id': device.deviceId,
      'X-Signature': options.signature ?? (await device.sign(body)),
    },
    body,
  });
}

export interface BatchAnswer {
  accepted: string[];
  duplicate: string[];
  rejected: { id: string; code: string; message: string }[];
  serverTime: string;
}
