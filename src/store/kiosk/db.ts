// The kiosk's IndexedDB database (its own name, apart from the citizen side's stores). No DOM:
// it opens in a page, a dedicated worker or a service worker alike.
import { Dexie, type Table } from 'dexie';
import type { ChainAlarm } from '../../api/contract';
import type { PassageRecord } from '../../core/passage-record';
import type { TrustAcknowledgement } from '../../core/trust-acknowledgement';
import type { PublicEcJwk } from '../../core/trust-bundle';

export const KIOSK_DB_NAME = 'ck-kiosk';

export type PassageState = 'pending' | 'synced' | 'quarantined';

/** Local bookkeeping kept beside a record; never hashed, never sent. */
export interface PassageLocalState {
  readonly state: PassageState;
  /** Device clock (ms) at write time. */
  readonly createdAt: number;
  readonly syncedAt?: string;
  readonly quarantineReason?: string;
}

export type StoredPassage = PassageRecord & PassageLocalState;

/** A batch chosen for sending, persisted before the first attempt so a crash resends it. */
export interface OutboxBatch {
  readonly batchId: string;
  readonly ids: readonly string[];
  readonly createdAt: number;
  readonly attempts: number;
  /** Chain alarms reported with this batch (persisted with it, so a resend is byte-identical). */
  readonly alarms?: readonly ChainAlarm[];
}

/** A chain alarm the kiosk raised on its own records; `reportedAt` once the portal answered a batch carrying it. */
export type StoredAlarm = ChainAlarm & { readonly reportedAt?: string };

export interface AlarmsMeta {
  readonly key: 'alarms';
  readonly alarms: readonly StoredAlarm[];
}

export interface ChainMeta {
  readonly key: 'chain';
  /** Last allocated sequence number (0 before the first record). */
  readonly seq: number;
  /** Hash of that record (the genesis hash before the first). */
  readonly head: string;
}

/** The last record removed by retention: the chain is verified from here on. */
export interface PurgedMeta {
  readonly key: 'purged';
  readonly seq: number;
  readonly hash: string;
  readonly count: number;
}

export interface DeviceMeta {
  readonly key: 'device';
  readonly deviceId: string;
  /** Non-extractable ECDSA P-256 private key (structured-cloned into IndexedDB). */
  readonly privateKey: CryptoKey;
  readonly publicKeyJwk: PublicEcJwk;
  readonly createdAt: string;
  readonly registration: { readonly checkpointId: string; readonly apiBase: string; readonly registeredAt: string } | null;
}

export interface TrustMeta {
  readonly key: 'trust';
  /** The bundle exactly as received (re-verified on every load). */
  readonly text: string;
  readonly etag: string | null;
  readonly sequence: number;
  readonly issuedAt: string;
  /** When this bundle was received. */
  readonly receivedAt: string;
  /** When the portal last confirmed it is current (a 200 or a 304). */
  readonly checkedAt: string;
}

/** The officer's acknowledgements of stale trust bundles (a log; no personal data). */
export interface TrustAcksMeta {
  readonly key: 'trust-acks';
  readonly entries: readonly TrustAcknowledgement[];
}

export interface ClockMeta {
  readonly key: 'clock';
  /** Server time minus device time, ms. */
  readonly skewMs: number;
  readonly measuredAt: string;
  /** The trusted clock's floor: the latest trusted time this device has seen (ISO). */
  readonly floorAt?: string;
}

export interface SyncMeta {
  readonly key: 'sync';
  readonly lastSyncAt: string | null;
  readonly lastError: string | null;
}

export type MetaRecord = ChainMeta | PurgedMeta | DeviceMeta | TrustMeta | ClockMeta | SyncMeta | AlarmsMeta | TrustAcksMeta;
export type MetaKey = MetaRecord['key'];
export type MetaOf<K extends MetaKey> = Extract<MetaRecord, { key: K }>;

export class KioskDb extends Dexie {
  passages!: Table<StoredPassage, string>;
  meta!: Table<MetaRecord, MetaKey>;
  batches!: Table<OutboxBatch, string>;

  constructor(name: string = KIOSK_DB_NAME) {
    // 'strict' makes Chromium flush to disk before a write transaction reports complete, so a
    // passage the officer saw confirmed survives a power cut.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      // [state+seq] serves the send queue and the counts. It must not include the primary key:
      // liveQuery misses changes on such compound indexes (Dexie #1946). passId serves the
      // checkpoint's repeat warnings. Every index costs time on each write and each
      // acknowledgement, so rare look-ups (by manual code) scan the recent records instead.
      passages: 'id, &seq, [state+seq], passId',
      meta: 'key',
      batches: 'batchId',
    });
    // An outdated tab that keeps the database open at an older version blocks the upgrade: every
    // operation then waits. Say so (the page asks the officer to close the other tab) instead of
    // looking idle; the data is untouched and the open completes once that tab closes.
    this.on('blocked', () => this.#setBlocked(true));
    this.on('ready', () => this.#setBlocked(false), true);
  }

  #blocked = false;
  readonly #blockedListeners = new Set<(blocked: boolean) => void>();

  /** True while opening waits for another connection (an outdated tab) to close. */
  get blocked(): boolean {
    return this.#blocked;
  }

  /** Calls `listener` whenever `blocked` changes; returns the unsubscribe. */
  onBlockedChange(listener: (blocked: boolean) => void): () => void {
    this.#blockedListeners.add(listener);
    return () => this.#blockedListeners.delete(listener);
  }

  #setBlocked(blocked: boolean): void {
    if (blocked === this.#blocked) return;
    this.#blocked = blocked;
    for (const listener of this.#blockedListeners) listener(blocked);
  }

  async getMeta<K extends MetaKey>(key: K): Promise<MetaOf<K> | undefined> {
    return (await this.meta.get(key)) as MetaOf<K> | undefined;
  }
}
