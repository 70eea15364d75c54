/**
 * Test page for test/node/prove-sync-faults.test.ts: the kiosk's own KioskStore and SyncEngine
 * (as demo/kiosk wires them) with a <ck-sync-status> showing what the officer sees, driven over
 * real HTTP against the demo backend at /api. Also writes an "old version" database with raw
 * IndexedDB and keeps it open, ignoring versionchange, as an outdated tab would.
 */
import { v7 as uuidv7 } from 'uuid';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { computePassageHash, GENESIS_HASH, type PassageRecord, type UnhashedPassage } from '../../src/core/passage-record';
import { CkSyncStatus } from '../../src/elements/ck-sync-status/ck-sync-status.component';
import type { StoredPassage } from '../../src/store/kiosk/db';
import { KioskStore } from '../../src/store/kiosk/kiosk-store';
import type { ChainVerification, OutboxCounts, PassageInput } from '../../src/store/kiosk/outbox';
import { SyncEngine, type SyncOutcome, type SyncStatus } from '../../src/sync/sync-engine';

if (!customElements.get('ck-sync-status')) customElements.define('ck-sync-status', CkSyncStatus);

export interface OpenOptions {
  checkpointId?: string;
  requestTimeoutMs?: number;
  /** Start the automatic triggers (timer, online, nudges); default true. */
  start?: boolean;
  batchSize?: number;
}

export type RecordResult = { ok: true; seqs: number[] } | { ok: false; name: string; code: string | undefined; message: string };

export interface ProveSyncPage {
  open(dbName: string, options?: OpenOptions): void;
  deviceId(): Promise<string>;
  record(inputs: PassageInput[]): Promise<RecordResult>;
  syncNow(): Promise<SyncOutcome>;
  status(): SyncStatus;
  counts(): Promise<OutboxCounts>;
  verifyChain(): Promise<ChainVerification>;
  records(): Promise<StoredPassage[]>;
  /** The words <ck-sync-status> shows. */
  statusText(): Promise<string>;
  storageUsage(): Promise<number>;
  close(): void;
  /**
   * An outdated tab: creates `dbName` at IDB `version` with an older schema, writes a device
   * identity and a chained run of passages, and keeps the connection open.
   */
  openOldVersion(dbName: string, version: number, inputs: PassageInput[]): Promise<{ deviceId: string; ids: string[] }>;
}

declare global {
  interface Window {
    ckProve?: ProveSyncPage;
  }
}

let store: KioskStore | undefined;
let engine: SyncEngine | undefined;
let statusEl: CkSyncStatus | undefined;
/** Outdated tabs' connections, referenced so that they stay open. */
const heldOpen: IDBDatabase[] = [];

function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('call open() first');
  return value;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

window.ckProve = {
  open(dbName, options = {}) {
    store = new KioskStore(dbName);
    engine = new SyncEngine({
      store,
      apiBase: '/api',
      checkpointId: options.checkpointId ?? 'HN-PROVE-01',
      trustAnchor: DEMO_TRUST_ANCHOR_PUBLIC_JWKS,
      backoff: { baseMs: 100, maxMs: 400 },
      nudgeDelayMs: 20,
      intervalMs: 1000,
      ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
      ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    });
    statusEl = document.createElement('ck-sync-status') as CkSyncStatus;
    statusEl.lang = 'en';
    statusEl.engine = engine;
    statusEl.store = store;
    document.body.append(statusEl);
    if (options.start !== false) engine.start();
  },
  async deviceId() {
    return (await need(store).device()).deviceId;
  },
  async record(inputs) {
    try {
      const stored = await need(store).recordPassages(inputs);
      engine?.notifyPassageRecorded();
      return { ok: true, seqs: stored.map((r) => r.seq) };
    } catch (error) {
      const e = error as Error & { code?: string };
      return { ok: false, name: e.name, code: e.code, message: e.message };
    }
  },
  syncNow: () => need(engine).syncNow(),
  status: () => need(engine).status,
  counts: () => need(store).counts(),
  verifyChain: () => need(store).verifyChain(),
  records: async () => need(store).db.passages.orderBy('seq').toArray(),
  async statusText() {
    const el = need(statusEl);
    await el.updateComplete;
    return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
  },
  async storageUsage() {
    return (await navigator.storage.estimate()).usage ?? 0;
  },
  close() {
    engine?.stop();
    store?.close();
    statusEl?.remove();
    engine = undefined;
    store = undefined;
  },
  async openOldVersion(dbName, version, inputs) {
    const open = indexedDB.open(dbName, version);
    open.onupgradeneeded = () => {
      const db = open.result;
      // The "old" schema: same stores, fewer indexes (no [state+seq], no passId).
      db.createObjectStore('passages', { keyPath: 'id' }).createIndex('seq', 'seq', { unique: true });
      db.createObjectStore('meta', { keyPath: 'key' });
      db.createObjectStore('batches', { keyPath: 'batchId' });
    };
    const db = await request(open);
    // An outdated tab: it never closes for a newer version (no onversionchange handler).
    heldOpen.push(db);
    const deviceId = uuidv7();
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const { x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const tx = db.transaction(['passages', 'meta'], 'readwrite');
    tx.objectStore('meta').put({
      key: 'device', deviceId, privateKey: pair.privateKey, publicKeyJwk: { kty: 'EC', crv: 'P-256', x, y }, createdAt: new Date().toISOString(), registration: null,
    });
    let prevHash = GENESIS_HASH;
    const ids: string[] = [];
    inputs.forEach((input, i) => {
      const unhashed = {
        id: uuidv7(), deviceId, seq: i + 1, checkpointId: input.checkpointId, direction: input.direction,
        at: new Date().toISOString(), ...(input.passId ? { passId: input.passId } : { manualCode: input.manualCode }),
        originUnit: input.originUnit, destinationUnit: input.destinationUnit, verdictStatus: input.verdictStatus, decision: input.decision,
        officerId: input.officerId, prevHash,
      } as UnhashedPassage;
      const record = { ...unhashed, hash: computePassageHash(unhashed) } as PassageRecord;
      prevHash = record.hash;
      ids.push(record.id);
      tx.objectStore('passages').put({ ...record, state: 'pending', createdAt: Date.now() });
    });
    tx.objectStore('meta').put({ key: 'chain', seq: inputs.length, head: prevHash });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    return { deviceId, ids };
  },
};

const status = document.getElementById('status');
if (status) status.textContent = 'ready';
