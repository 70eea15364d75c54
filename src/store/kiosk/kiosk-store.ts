// One object for everything the kiosk keeps: the outbox, the device identity, the trust cache,
// the measured clock skew and the sync bookkeeping. Usable from a page or a worker.
import { liveQuery, type Observable } from 'dexie';
import type { PublicJwks, TrustBundle } from '../../core/trust-bundle';
import type { ChainAlarm } from '../../api/contract';
import { KioskDb, KIOSK_DB_NAME, type ClockMeta, type StoredAlarm, type StoredPassage, type SyncMeta, type TrustMeta } from './db';
import { clearDeviceRegistration, ensureDeviceIdentity, markDeviceRegistered, signWithDevice, type DeviceIdentity } from './device';
import {
  ackBatch,
  dropBatch,
  listQuarantined,
  openBatch,
  outboxCounts,
  purgeSynced,
  recordPassages,
  requeueQuarantined,
  verifyChain,
  listAlarms,
  raiseAlarm,
  markAlarmsReported,
  type BatchAck,
  type ChainVerification,
  type OutboxCounts,
  type PassageInput,
  type PurgeOptions,
  type PurgeResult,
} from './outbox';
import type { TrustAcknowledgement } from '../../core/trust-acknowledgement';
import { acknowledgeStaleTrust, getTrustMeta, listTrustAcknowledgements, loadTrust, markTrustChecked, saveTrustBundle, type CachedTrust } from './trust-cache';

export class KioskStore {
  readonly db: KioskDb;
  #identity: Promise<DeviceIdentity> | undefined;

  constructor(name: string = KIOSK_DB_NAME) {
    this.db = new KioskDb(name);
  }

  /**
   * True while the database cannot open because another tab holds it at an older version (the
   * officer must close that tab); nothing is lost, operations resume once it closes.
   */
  get blocked(): boolean {
    return this.db.blocked;
  }

  /** Calls `listener` whenever `blocked` changes; returns the unsubscribe. */
  onBlockedChange(listener: (blocked: boolean) => void): () => void {
    return this.db.onBlockedChange(listener);
  }

  /** The device identity, created (key pair generated) on first use. */
  device(): Promise<DeviceIdentity> {
    this.#identity ??= ensureDeviceIdentity(this.db).catch((error: unknown) => {
      this.#identity = undefined;
      throw error;
    });
    return this.#identity;
  }

  /** Reloads the identity from the database (after its registration changed). */
  async refreshDevice(): Promise<DeviceIdentity> {
    this.#identity = undefined;
    return this.device();
  }

  /** Records that the portal at `apiBase` registered this device for `checkpointId`. */
  async markRegistered(checkpointId: string, apiBase: string, registeredAt: string): Promise<DeviceIdentity> {
    const { deviceId } = await this.device();
    await markDeviceRegistered(this.db, deviceId, checkpointId, apiBase, registeredAt);
    return this.refreshDevice();
  }

  async clearRegistration(): Promise<void> {
    await clearDeviceRegistration(this.db);
    await this.refreshDevice();
  }

  async sign(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
    return signWithDevice(await this.device(), bytes);
  }

  /** Durable before it resolves; StorageFullError when the device is out of space. */
  async recordPassage(input: PassageInput): Promise<StoredPassage> {
    const [record] = await this.recordPassages([input]);
    return record as StoredPassage;
  }

  /** Several passages in one transaction (imports, benchmarks): same chain rules. */
  async recordPassages(inputs: readonly PassageInput[]): Promise<StoredPassage[]> {
    const { deviceId } = await this.device();
    return recordPassages(this.db, deviceId, inputs);
  }

  verifyChain(): Promise<ChainVerification> {
    return verifyChain(this.db);
  }

  /** Passages of one pass, oldest first (the checkpoint's "in twice without out" warnings). */
  async passagesOfPass(passId: string): Promise<StoredPassage[]> {
    return (await this.db.passages.where('passId').equals(passId).toArray()).sort((a, b) => a.seq - b.seq);
  }

  /** The newest `limit` passages, newest first (running lists, manual-code repeats). */
  recentPassages(limit = 50): Promise<StoredPassage[]> {
    return this.db.passages.orderBy('seq').reverse().limit(limit).toArray();
  }

  counts(): Promise<OutboxCounts> {
    return outboxCounts(this.db);
  }

  /** Counts that update on every change, in this tab and in others. */
  liveCounts(): Observable<OutboxCounts> {
    return liveQuery(() => outboxCounts(this.db));
  }

  quarantined(limit?: number): Promise<StoredPassage[]> {
    return listQuarantined(this.db, limit);
  }

  requeue(ids: readonly string[]): Promise<number> {
    return requeueQuarantined(this.db, ids);
  }

  purgeSynced(options?: PurgeOptions): Promise<PurgeResult> {
    return purgeSynced(this.db, options);
  }

  openBatch(maxSize: number, skip?: ReadonlySet<string>, alarms?: readonly ChainAlarm[]): ReturnType<typeof openBatch> {
    return openBatch(this.db, maxSize, skip, alarms);
  }

  /** Chain alarms this kiosk raised on its own records (shown until a supervisor clears the device). */
  alarms(): Promise<StoredAlarm[]> {
    return listAlarms(this.db);
  }

  raiseAlarm(alarm: ChainAlarm): Promise<StoredAlarm[]> {
    return raiseAlarm(this.db, alarm);
  }

  markAlarmsReported(alarms: readonly ChainAlarm[], at: Date): Promise<void> {
    return markAlarmsReported(this.db, alarms, at);
  }

  dropBatch(batchId: string): Promise<void> {
    return dropBatch(this.db, batchId);
  }

  ackBatch(batchId: string, ack: BatchAck, syncedAt: Date, sent?: readonly StoredPassage[]): ReturnType<typeof ackBatch> {
    return ackBatch(this.db, batchId, ack, syncedAt, sent);
  }

  trustMeta(): Promise<TrustMeta | undefined> {
    return getTrustMeta(this.db);
  }

  loadTrust(anchor: PublicJwks): Promise<CachedTrust | undefined> {
    return loadTrust(this.db, anchor);
  }

  saveTrust(entry: { text: string; etag: string | null; bundle: TrustBundle; receivedAt: Date }): Promise<void> {
    return saveTrustBundle(this.db, entry);
  }

  /** The officer's acknowledgements of stale trust, oldest first (ended ones carry `endedAt`). */
  trustAcknowledgements(): Promise<TrustAcknowledgement[]> {
    return listTrustAcknowledgements(this.db);
  }

  /**
   * Logs that the officer acknowledged the held, stale bundle (trusted-clock time `atMs`); false
   * when it is not the held bundle or not stale. Ended when a fresher bundle is saved.
   */
  acknowledgeStaleTrust(bundle: { sequence: number; issuedAt: string; expiresAt: string }, atMs: number, maxAgeMs: number): Promise<boolean> {
    return acknowledgeStaleTrust(this.db, bundle, atMs, maxAgeMs);
  }

  markTrustChecked(at: Date): Promise<void> {
    return markTrustChecked(this.db, at);
  }

  async clock(): Promise<ClockMeta | undefined> {
    return this.db.getMeta('clock');
  }

  async saveClock(skewMs: number, measuredAt: Date, floorAt?: Date): Promise<void> {
    await this.db.meta.put({
      key: 'clock', skewMs: Math.round(skewMs), measuredAt: measuredAt.toISOString(),
      ...(floorAt && Number.isFinite(floorAt.getTime()) && { floorAt: floorAt.toISOString() }),
    });
  }

  /** Raises the trusted clock's saved floor (kept with the last measurement, if any). */
  async saveClockFloor(floorAt: Date): Promise<void> {
    if (!Number.isFinite(floorAt.getTime())) return;
    await this.db.transaction('rw', this.db.meta, async () => {
      const clock = await this.db.getMeta('clock');
      const floor = Math.max(floorAt.getTime(), clock?.floorAt ? Date.parse(clock.floorAt) : 0);
      await this.db.meta.put({ key: 'clock', skewMs: clock?.skewMs ?? 0, measuredAt: clock?.measuredAt ?? '', floorAt: new Date(floor).toISOString() });
    });
  }

  async syncMeta(): Promise<SyncMeta> {
    return (await this.db.getMeta('sync')) ?? { key: 'sync', lastSyncAt: null, lastError: null };
  }

  async saveSyncMeta(meta: Omit<SyncMeta, 'key'>): Promise<void> {
    await this.db.meta.put({ key: 'sync', ...meta });
  }

  close(): void {
    this.db.close();
  }

  /** Deletes the whole database (tests, or a device being decommissioned after a full sync). */
  async destroy(): Promise<void> {
    this.#identity = undefined;
    await this.db.delete();
  }
}
