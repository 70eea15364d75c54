// The outbox → portal loop. The page (or a worker) owns one SyncEngine and calls start()/stop();
// the engine listens for `online`, page visibility and a timer, and is nudged after each new
// passage. Exactly-once delivery rests on two things: a batch is persisted (id + record ids)
// before it is first sent and resent unchanged until answered, and the portal replays the answer
// for a repeated Idempotency-Key and reports records it already holds as duplicates.
import type { PublicJwks, TrustBundle } from '../core/trust-bundle';
import { readTrustBundle, trustStoreInit } from '../core/trust-bundle';
import { DEFAULT_TRUST_MAX_AGE_SECONDS, type TrustStoreInit } from '../core/trust-store';
import type { ChainAlarm, PassageBatch, SeqRange } from '../api/contract';
import type { StoredAlarm } from '../store/kiosk/db';
import { registerDevice } from '../api/devices';
import { ApiError } from '../api/http';
import { postPassageBatch, type PostedBatch } from '../api/passages';
import { fetchTrustBundle } from '../api/trust';
import { isQuotaError, StorageFullError } from '../store/kiosk/errors';
import type { KioskStore } from '../store/kiosk/kiosk-store';
import { backoffDelay, DEFAULT_BACKOFF, estimateSkew, type BackoffPolicy } from './backoff';
import { TrustedClock, type ClockSnapshot } from './trusted-clock';

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_CLOCK_SKEW_THRESHOLD_MS = 2 * 60_000;
export const SYNC_LOCK_NAME = 'ck-sync';

export interface SyncEngineOptions {
  store: KioskStore;
  /** Base of the portal API, e.g. '/api' or 'https://portal.example/api'. */
  apiBase: string;
  checkpointId: string;
  /** Shown to portal administrators next to the device. */
  deviceLabel?: string;
  /** One-time enrolment code from the portal administrator, sent with the first registration. */
  enrolmentCode?: string;
  /** The authority's trust-anchor public key(s): the only keys a trust bundle may be signed with. */
  trustAnchor: PublicJwks;
  /** Records per request (default 500; halved automatically after a 413). */
  batchSize?: number;
  /** Timer trigger period (default 30 s). */
  intervalMs?: number;
  /** How often the trust bundle is re-checked (default 10 min; a 304 costs little). */
  trustRefreshMs?: number;
  /** Age (s) after which trust data counts as stale, passed to the trust store (default 48 h). */
  trustMaxAgeSeconds?: number;
  clockSkewThresholdMs?: number;
  backoff?: BackoffPolicy;
  /** Retention of synced passages in days (default 14); checked at most hourly after a sync. */
  retentionDays?: number;
  requestTimeoutMs?: number;
  /** Debounce of the "new passage" trigger (default 300 ms). */
  nudgeDelayMs?: number;
  /** Web Lock name; one engine per name syncs at a time across tabs and workers. */
  lockName?: string;
  /** The kiosk's trusted clock (default: one anchored by this engine's server measurements). */
  clock?: TrustedClock;
  /** Injected for tests. */
  now?: () => number;
  random?: () => number;
}

export interface SyncStatus {
  /** The browser says it is online and the last exchange did not fail at the network level. */
  online: boolean;
  pending: number;
  quarantined: number;
  lastSyncAt: string | null;
  lastError: string | null;
  /** Seconds since the held trust data was issued (its signed issuedAt), on the trusted clock (null: none yet). */
  trustAge: number | null;
  trustSequence: number | null;
  /** Why the last downloaded trust bundle was refused (the old one is kept). */
  trustError: string | null;
  /** Trusted minus device clock, ms (null: never measured against a server). */
  clockSkewMs: number | null;
  clockSkewExceeded: boolean;
  /** Time since the clock was last anchored to a server time, ms (null: never). */
  clockSinceServerMs?: number | null;
  /** How far the anchored clock may have drifted since (assumed 100 ppm), ms (null: never anchored). */
  clockDriftMs?: number | null;
  syncing: boolean;
  /** Records sent in the current run out of those pending when it began. */
  progress: { sent: number; total: number } | null;
  /** When the next automatic attempt is due after a failure (backoff or Retry-After). */
  nextAttemptAt: string | null;
  /**
   * Gaps or edits the kiosk found in its own records before a sync (never cleared by a sync):
   * "record N missing or changed — report to the supervisor". Reported to the portal once.
   */
  alarms?: StoredAlarm[];
  /** Sequence gaps the portal reported in this device's records at the last answer. */
  serverMissing?: SeqRange[];
  /** Records of the last run that the portal holds back until their predecessor arrives. */
  held?: number;
}

/** The message an alarm shows (English; elements localise from the alarm's fields). */
export function alarmMessage(alarm: ChainAlarm): string {
  const range = alarm.fromSeq === alarm.toSeq ? `record ${alarm.fromSeq}` : `records ${alarm.fromSeq}–${alarm.toSeq}`;
  return `${range} missing or changed — report to the supervisor`;
}

export type SyncOutcome =
  | { status: 'ok'; sent: number; synced: number; quarantined: number }
  | { status: 'locked' }
  | { status: 'deferred'; until: string }
  | { status: 'error'; code: string; message: string; retryAt: string | null };

export type SyncStatusEvent = CustomEvent<SyncStatus>;
export type TrustUpdatedEvent = CustomEvent<{ bundle: TrustBundle }>;
export type TrustRefusedEvent = CustomEvent<{ code: string; message: string }>;

export interface SyncEngineEventMap {
  status: SyncStatusEvent;
  'trust-updated': TrustUpdatedEvent;
  'trust-refused': TrustRefusedEvent;
}

const PURGE_EVERY_MS = 3_600_000;

/** lastError while another tab blocks the database upgrade ("code: message", as every lastError). */
export const STORAGE_BLOCKED_ERROR = 'storage-blocked: Another window or tab of this page still has the kiosk database open in an older version. Close the other windows of this page; nothing recorded is lost.';

class StoppedError extends Error {}

export class SyncEngine extends EventTarget {
  readonly #o: Required<Omit<SyncEngineOptions, 'deviceLabel' | 'clock' | 'enrolmentCode'>> & { deviceLabel: string | undefined; enrolmentCode: string | undefined };
  #batchSize: number;
  #status: SyncStatus = {
    online: true, pending: 0, quarantined: 0, lastSyncAt: null, lastError: null, trustAge: null, trustSequence: null,
    trustError: null, clockSkewMs: null, clockSkewExceeded: false, clockSinceServerMs: null, clockDriftMs: null, syncing: false,
    progress: null, nextAttemptAt: null,
  };
  #trustCheckedAt: number | null = null;
  #trustIssuedAt: number | null = null;
  /** The trusted clock: validity, trust age and re-scans are judged on it. */
  readonly clock: TrustedClock;
  #started = false;
  #stopped = false;
  #running: Promise<SyncOutcome> | null = null;
  #rerun = false;
  #attempt = 0;
  #backoffUntil = 0;
  #retryAfterUntil = 0;
  #lastPurge = 0;
  #savedSkew: { skewMs: number; at: number } | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;
  #abort = new AbortController();
  #countsSub: { unsubscribe(): void } | undefined;
  readonly #cleanups: (() => void)[] = [];

  constructor(options: SyncEngineOptions) {
    super();
    this.#o = {
      batchSize: DEFAULT_BATCH_SIZE,
      intervalMs: 30_000,
      trustRefreshMs: 10 * 60_000,
      trustMaxAgeSeconds: DEFAULT_TRUST_MAX_AGE_SECONDS,
      clockSkewThresholdMs: DEFAULT_CLOCK_SKEW_THRESHOLD_MS,
      backoff: DEFAULT_BACKOFF,
      retentionDays: 14,
      requestTimeoutMs: 30_000,
      nudgeDelayMs: 300,
      lockName: SYNC_LOCK_NAME,
      now: Date.now,
      random: Math.random,
      ...withoutClock(options),
      deviceLabel: options.deviceLabel,
      enrolmentCode: options.enrolmentCode,
    };
    this.#batchSize = Math.max(1, Math.floor(this.#o.batchSize));
    this.clock = options.clock ?? new TrustedClock({ device: this.#o.now, thresholdMs: this.#o.clockSkewThresholdMs });
    if (typeof navigator === 'object' && typeof navigator.onLine === 'boolean') this.#status.online = navigator.onLine;
  }

  get status(): SyncStatus {
    return this.#snapshot();
  }

  /** Calls `listener` with the current status now and on every change; returns the unsubscribe. */
  subscribe(listener: (status: SyncStatus) => void): () => void {
    const handler = (event: Event) => listener((event as SyncStatusEvent).detail);
    this.addEventListener('status', handler);
    listener(this.#snapshot());
    return () => this.removeEventListener('status', handler);
  }

  /** Loads the persisted state, installs the triggers and runs a first sync. Idempotent. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#stopped = false;
    this.#abort = new AbortController();
    const target = globalThis as unknown as EventTarget;
    this.#listen(target, 'online', () => {
      this.#status.online = true;
      this.#attempt = 0;
      this.#backoffUntil = 0;
      this.#emit();
      this.#trigger(0);
    });
    this.#listen(target, 'offline', () => {
      this.#status.online = false;
      this.#emit();
    });
    if (typeof document === 'object') {
      this.#listen(document, 'visibilitychange', () => {
        if (document.visibilityState === 'visible') this.#trigger(0);
      });
    }
    this.#interval = setInterval(() => this.#trigger(0), this.#o.intervalMs);
    const onBlocked = (blocked: boolean) => {
      if (blocked) this.#status.lastError = STORAGE_BLOCKED_ERROR;
      else if (this.#status.lastError === STORAGE_BLOCKED_ERROR) this.#status.lastError = null;
      this.#emit();
      if (!blocked) this.#trigger(0);
    };
    if (typeof this.#o.store.onBlockedChange === 'function') {
      this.#cleanups.push(this.#o.store.onBlockedChange(onBlocked));
      if (this.#o.store.blocked) onBlocked(true);
    }
    this.#countsSub = this.#o.store.liveCounts().subscribe({
      next: (counts) => {
        this.#status.pending = counts.pending;
        this.#status.quarantined = counts.quarantined;
        this.#emit();
      },
      error: () => undefined,
    });
    this.#loadPersisted().then(
      () => this.#trigger(0),
      (error: unknown) => {
        // The database could not be read (blocked, or storage failure): say so, retry by timer.
        this.#status.lastError = `internal: ${(error as Error)?.message ?? String(error)}`;
        this.#emit();
      },
    );
  }

  /** Removes every listener and timer, aborts a request in flight. The outbox is untouched. */
  stop(): void {
    this.#stopped = true;
    this.#started = false;
    this.#abort.abort();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    clearInterval(this.#interval);
    clearTimeout(this.#timer);
    this.#interval = undefined;
    this.#timer = undefined;
    this.#countsSub?.unsubscribe();
    this.#countsSub = undefined;
  }

  /** A passage was just recorded: sync soon (debounced, respecting any backoff). */
  notifyPassageRecorded(): void {
    this.#trigger(this.#o.nudgeDelayMs);
  }

  /**
   * Runs a sync now (the officer's "sync now" button). Ignores the exponential backoff but not a
   * server's Retry-After. If a run is in progress, another follows it and both share the result.
   */
  async syncNow(): Promise<SyncOutcome> {
    if (this.#stopped) return { status: 'error', code: 'stopped', message: 'the sync engine is stopped', retryAt: null };
    if (this.#o.store.blocked) {
      // Starting now would only hang on the database (and show "syncing"): say why instead.
      this.#status.lastError = STORAGE_BLOCKED_ERROR;
      this.#emit();
      const cut = STORAGE_BLOCKED_ERROR.indexOf(':');
      return { status: 'error', code: STORAGE_BLOCKED_ERROR.slice(0, cut), message: STORAGE_BLOCKED_ERROR.slice(cut + 1).trim(), retryAt: null };
    }
    const now = this.#o.now();
    if (now < this.#retryAfterUntil) return { status: 'deferred', until: new Date(this.#retryAfterUntil).toISOString() };
    if (this.#running) {
      this.#rerun = true;
      return this.#running;
    }
    this.#running = this.#runLocked().finally(() => {
      this.#running = null;
      if (this.#rerun && !this.#stopped) {
        this.#rerun = false;
        this.#trigger(0);
      }
    });
    return this.#running;
  }

  /** The held trust data, verified again, as `createTrustStore` input (null: none yet). */
  async currentTrust(): Promise<{ bundle: TrustBundle; init: TrustStoreInit; checkedAt: Date; issuedAt: Date } | null> {
    const cached = await this.#o.store.loadTrust(this.#o.trustAnchor);
    if (!cached) return null;
    return {
      bundle: cached.bundle,
      init: trustStoreInit(cached.bundle, { maxAgeSeconds: this.#o.trustMaxAgeSeconds }),
      checkedAt: new Date(cached.meta.checkedAt),
      issuedAt: new Date(cached.bundle.issuedAt),
    };
  }

  /** Fetches the trust bundle now (also part of every sync once `trustRefreshMs` has passed). */
  async refreshTrust(): Promise<'updated' | 'not-modified' | 'refused'> {
    const store = this.#o.store;
    const held = await store.trustMeta();
    // Only a hint for the command view's stale-trust state: a kiosk without its key yet still fetches.
    const deviceId = await store.device().then((d) => d.deviceId, () => undefined);
    const sentAt = this.#o.now();
    const answer = await fetchTrustBundle(this.#o.apiBase, {
      etag: held?.etag ?? null,
      deviceId,
      signal: this.#abort.signal,
      timeoutMs: this.#o.requestTimeoutMs,
    });
    const receivedAt = this.#o.now();
    if (answer.serverDate) await this.#recordSkew(estimateSkew(answer.serverDate.getTime(), sentAt, receivedAt, 1000));
    if (answer.status === 'not-modified') {
      if (held) {
        await store.markTrustChecked(new Date(receivedAt));
        this.#trustCheckedAt = receivedAt;
        this.#status.trustError = null;
        this.#emit();
        return 'not-modified';
      }
      return 'refused';
    }
    const read = await readTrustBundle(answer.text, this.#o.trustAnchor, {
      previous: held ? { sequence: held.sequence, issuedAt: held.issuedAt } : null,
      now: this.clock.now(),
    });
    if (!read.ok) {
      this.#status.trustError = `${read.code}: ${read.message}`;
      this.#emit();
      this.dispatchEvent(new CustomEvent('trust-refused', { detail: { code: read.code, message: read.message } }));
      return 'refused';
    }
    await store.saveTrust({ text: answer.text, etag: answer.etag, bundle: read.bundle, receivedAt: new Date(receivedAt) });
    this.#trustCheckedAt = receivedAt;
    this.#trustIssuedAt = Date.parse(read.bundle.issuedAt);
    this.#status.trustSequence = read.bundle.sequence;
    this.#status.trustError = null;
    this.#emit();
    this.dispatchEvent(new CustomEvent('trust-updated', { detail: { bundle: read.bundle } }));
    return 'updated';
  }

  override addEventListener<K extends keyof SyncEngineEventMap>(
    type: K,
    listener: (event: SyncEngineEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | ((event: never) => void) | null, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  override removeEventListener<K extends keyof SyncEngineEventMap>(
    type: K,
    listener: (event: SyncEngineEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | ((event: never) => void) | null, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  // -------------------------------------------------------------------------------------------

  #listen(target: EventTarget, type: string, handler: () => void): void {
    if (typeof target.addEventListener !== 'function') return;
    target.addEventListener(type, handler);
    this.#cleanups.push(() => target.removeEventListener(type, handler));
  }

  /** Schedules an automatic run after `delayMs`, but never before a backoff or Retry-After ends. */
  #trigger(delayMs: number): void {
    if (!this.#started || this.#stopped) return;
    const now = this.#o.now();
    const due = Math.max(now + delayMs, this.#backoffUntil, this.#retryAfterUntil);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#o.now() < Math.max(this.#backoffUntil, this.#retryAfterUntil)) {
        this.#trigger(0);
        return;
      }
      void this.syncNow();
    }, Math.max(0, due - now));
  }

  async #loadPersisted(): Promise<void> {
    const store = this.#o.store;
    const [counts, meta, clock, trust, newest] = await Promise.all([
      store.counts(), store.syncMeta(), store.clock(), store.trustMeta(), store.recentPassages(1).catch(() => []),
    ]);
    this.#status.pending = counts.pending;
    this.#status.quarantined = counts.quarantined;
    this.#status.lastSyncAt = meta.lastSyncAt;
    this.#status.lastError = meta.lastError;
    if (typeof store.alarms === 'function') this.#status.alarms = await store.alarms();
    this.clock.restore(clockSnapshot(clock, newest[0]));
    if (clock?.measuredAt) this.#setSkew(clock.skewMs);
    if (trust) {
      this.#trustCheckedAt = Date.parse(trust.checkedAt);
      this.#trustIssuedAt = Date.parse(trust.issuedAt);
      this.#status.trustSequence = trust.sequence;
    }
    this.#emit();
  }

  async #runLocked(): Promise<SyncOutcome> {
    const locks = typeof navigator === 'object' ? navigator.locks : undefined;
    if (!locks) return this.#run();
    return locks.request(this.#o.lockName, { ifAvailable: true }, async (lock) => {
      if (!lock) return { status: 'locked' } as const;
      return this.#run();
    });
  }

  async #run(): Promise<SyncOutcome> {
    const store = this.#o.store;
    this.#status.syncing = true;
    this.#status.progress = null;
    this.#emit();
    let sent = 0;
    let synced = 0;
    let quarantined = 0;
    try {
      await this.#loadPersisted();
      await this.#ensureRegistered();
      await this.#maybeRefreshTrust();
      // The kiosk proves its own records before sending them: a gap or an edit raises an alarm
      // that goes to the portal with the next batch and keeps this sync from passing as ok.
      const alarms = await this.#checkChain();
      let unsent: ChainAlarm[] = alarms.filter((a) => a.reportedAt === undefined).map(({ code, fromSeq, toSeq, detectedAt }) => ({ code, fromSeq, toSeq, detectedAt }));
      const open = async (skip: ReadonlySet<string>) => {
        const opened = await store.openBatch(this.#batchSize, skip, unsent);
        if (opened?.batch.alarms?.length) unsent = [];
        return opened;
      };
      let held = 0;
      const total = (await store.counts()).pending;
      this.#status.progress = { sent: 0, total };
      this.#emit();
      let reRegistered = false;
      // Pipelined: while batch N+1 is on the wire, the answer to N is applied and N+2 is chosen
      // and persisted, so IndexedDB and the network work side by side. Every batch is still
      // persisted before it is sent and, after a crash, persisted batches go out oldest first
      // and unchanged, so the overlap changes nothing about exactly-once.
      const answering = new Set<string>();
      let applying: Promise<void> = Promise.resolve();
      let current = await open(answering);
      while (current) {
        if (this.#stopped) throw new StoppedError('stopped');
        const { batch, records } = current;
        if (records.length !== batch.ids.length) {
          // Cannot happen unless the database was edited by hand; start a fresh batch.
          await applying;
          await store.dropBatch(batch.batchId);
          current = await open(answering);
          continue;
        }
        answering.add(batch.batchId);
        const request = this.#post(batch.batchId, records, batch.alarms);
        const prepared = applying.then(() => open(answering));
        let posted: PostedBatch;
        try {
          posted = await request;
        } catch (error) {
          // The batch prepared meanwhile stays persisted and goes out later, in order.
          await prepared.catch(() => undefined);
          answering.delete(batch.batchId);
          if (error instanceof ApiError && error.status === 401 && error.serverCode === 'unknown-device' && !reRegistered) {
            reRegistered = true;
            await store.clearRegistration();
            await this.#ensureRegistered();
            continue;
          }
          if (error instanceof ApiError && (error.status === 409 || error.status === 413)) {
            // 409: the key was used with another body (cannot be resent as is); 413: too big.
            // Either way the records stay pending and go out in a fresh batch under a new key.
            await store.dropBatch(batch.batchId);
            if (error.status === 413 && this.#batchSize > 1) {
              this.#batchSize = Math.max(1, Math.floor(this.#batchSize / 2));
              current = await open(answering);
              continue;
            }
          }
          throw error;
        }
        const skewSource = posted.replayed ? posted.serverDate?.getTime() : Date.parse(posted.result.serverTime);
        if (skewSource !== undefined && Number.isFinite(skewSource)) {
          await this.#recordSkew(estimateSkew(skewSource, posted.sentAt, posted.receivedAt, posted.replayed ? 1000 : 0));
        }
        const next = await prepared;
        this.#status.serverMissing = posted.result.missing ?? [];
        held += posted.result.held?.length ?? 0;
        this.#status.held = held;
        const reported = batch.alarms ?? [];
        applying = store.ackBatch(batch.batchId, posted.result, new Date(this.#o.now()), records).then(async (applied) => {
          if (reported.length > 0) {
            await store.markAlarmsReported(reported, new Date(this.clock.now()));
            this.#status.alarms = await store.alarms();
          }
          answering.delete(batch.batchId);
          sent += records.length;
          synced += applied?.synced ?? 0;
          quarantined += applied?.quarantined ?? 0;
          this.#status.online = true;
          this.#status.progress = { sent, total: Math.max(total, sent) };
          this.#emit();
        });
        current = next;
      }
      await applying;
      this.#attempt = 0;
      this.#backoffUntil = 0;
      this.#status.nextAttemptAt = null;
      this.#status.lastSyncAt = new Date(this.#o.now()).toISOString();
      this.#status.lastError = null;
      await store.saveSyncMeta({ lastSyncAt: this.#status.lastSyncAt, lastError: null });
      await this.#maybePurge();
      const alarm = (this.#status.alarms ?? [])[0];
      if (alarm) {
        // Sent, but never "ok": the officer must see that records are missing or changed.
        const message = alarmMessage(alarm);
        this.#status.lastError = `${alarm.code}: ${message}`;
        await store.saveSyncMeta({ lastSyncAt: this.#status.lastSyncAt, lastError: this.#status.lastError });
        return { status: 'error', code: alarm.code, message, retryAt: null };
      }
      return { status: 'ok', sent, synced, quarantined };
    } catch (error) {
      return this.#failed(error);
    } finally {
      // The floor survives a reload even when no server answered (offline scans raise it).
      await store.saveClockFloor(new Date(this.clock.now())).catch(() => undefined);
      const counts = await store.counts().catch(() => null);
      if (counts) {
        this.#status.pending = counts.pending;
        this.#status.quarantined = counts.quarantined;
      }
      this.#status.syncing = false;
      this.#emit();
    }
  }

  async #post(batchId: string, records: PassageBatch['records'], alarms?: readonly ChainAlarm[]): Promise<PostedBatch> {
    const store = this.#o.store;
    const { deviceId } = await store.device();
    return postPassageBatch(
      this.#o.apiBase,
      { deviceId, batchId, records, ...(alarms && alarms.length > 0 && { alarms: [...alarms] }) },
      (bytes) => store.sign(bytes),
      { signal: this.#abort.signal, timeoutMs: this.#o.requestTimeoutMs, now: this.#o.now },
    );
  }

  async #failed(failure: unknown): Promise<SyncOutcome> {
    const now = this.#o.now();
    // A full device fails the batch bookkeeping writes: name it as the store does ('storage-full').
    const error = isQuotaError(failure) && !(failure instanceof StorageFullError) ? new StorageFullError(failure) : failure;
    const code = this.#stopped || error instanceof StoppedError ? 'stopped'
      : error instanceof ApiError ? (error.serverCode ?? error.code)
        : (error as { code?: unknown })?.code && typeof (error as { code: unknown }).code === 'string' ? (error as { code: string }).code
          : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiError && error.code === 'network') this.#status.online = false;
    let retryAt: number | null = null;
    if (!this.#stopped) {
      if (error instanceof ApiError && error.code === 'rate-limited' && error.retryAfterMs !== undefined) {
        this.#retryAfterUntil = now + error.retryAfterMs;
        retryAt = this.#retryAfterUntil;
      } else {
        this.#attempt += 1;
        this.#backoffUntil = now + backoffDelay(this.#attempt, this.#o.backoff, this.#o.random);
        retryAt = this.#backoffUntil;
      }
      this.#trigger(0);
    }
    this.#status.lastError = `${code}: ${message}`;
    this.#status.nextAttemptAt = retryAt === null ? null : new Date(retryAt).toISOString();
    await this.#o.store.saveSyncMeta({ lastSyncAt: this.#status.lastSyncAt, lastError: this.#status.lastError }).catch(() => undefined);
    this.#emit();
    return { status: 'error', code, message, retryAt: this.#status.nextAttemptAt };
  }

  async #ensureRegistered(): Promise<void> {
    const store = this.#o.store;
    const device = await store.device();
    const reg = device.registration;
    if (reg && reg.checkpointId === this.#o.checkpointId && reg.apiBase === this.#o.apiBase) return;
    const answer = await registerDevice(
      this.#o.apiBase,
      {
        deviceId: device.deviceId,
        publicKeyJwk: device.publicKeyJwk,
        checkpointId: this.#o.checkpointId,
        ...(this.#o.deviceLabel !== undefined && { label: this.#o.deviceLabel }),
        ...(this.#o.enrolmentCode !== undefined && { enrolmentCode: this.#o.enrolmentCode }),
      },
      { signal: this.#abort.signal, timeoutMs: this.#o.requestTimeoutMs },
    );
    await store.markRegistered(this.#o.checkpointId, this.#o.apiBase, answer.registeredAt);
  }

  async #maybeRefreshTrust(): Promise<void> {
    const due = this.#trustCheckedAt === null || this.#o.now() - this.#trustCheckedAt >= this.#o.trustRefreshMs;
    if (!due) return;
    try {
      await this.refreshTrust();
    } catch (error) {
      // Trust data is refreshed opportunistically: its failure must not hold back the passages
      // (the trust age keeps growing and drives the stale-trust warning instead).
      if (this.#stopped) throw new StoppedError('stopped');
      this.#status.trustError = `${error instanceof ApiError ? error.code : 'internal'}: ${(error as Error).message}`;
      this.#emit();
    }
  }

  /** Verifies the whole held chain; a failure raises (or re-finds) an alarm. Returns every alarm. */
  async #checkChain(): Promise<StoredAlarm[]> {
    const store = this.#o.store;
    const check = await store.verifyChain();
    let alarms = await store.alarms();
    if (!check.ok) {
      const code = check.code === 'seq-gap' || check.code === 'head-mismatch' ? 'record-missing' : 'record-changed';
      alarms = await store.raiseAlarm({ code, fromSeq: check.fromSeq, toSeq: check.toSeq, detectedAt: new Date(this.clock.now()).toISOString() });
    }
    this.#status.alarms = alarms;
    this.#emit();
    return alarms;
  }

  async #maybePurge(): Promise<void> {
    const now = this.#o.now();
    if (now - this.#lastPurge < PURGE_EVERY_MS) return;
    this.#lastPurge = now;
    await this.#o.store.purgeSynced({ olderThanDays: this.#o.retentionDays, now });
  }

  /**
   * Keeps the latest measurement in memory and writes it (for new passages and after a reload)
   * when it moved by a second or more, or a minute after the last write: once per batch would
   * add a transaction per request for nothing.
   */
  async #recordSkew(skewMs: number): Promise<void> {
    const now = this.#o.now();
    this.clock.anchor(now + skewMs);
    this.#setSkew(skewMs);
    const saved = this.#savedSkew;
    if (saved && Math.abs(saved.skewMs - skewMs) < 1000 && now - saved.at < 60_000) return;
    this.#savedSkew = { skewMs, at: now };
    await this.#o.store.saveClock(skewMs, new Date(now), new Date(this.clock.now()));
  }

  #setSkew(skewMs: number): void {
    this.#status.clockSkewMs = skewMs;
    this.#status.clockSkewExceeded = Math.abs(skewMs) > this.#o.clockSkewThresholdMs;
  }

  #snapshot(): SyncStatus {
    const reading = this.clock.read();
    // Counted from the bundle's signed issuedAt on the trusted clock: a replay or a 304 cannot reset it.
    const trustAge = this.#trustIssuedAt === null || !Number.isFinite(this.#trustIssuedAt)
      ? null
      : Math.max(0, Math.round((reading.now - this.#trustIssuedAt) / 1000));
    const measured = reading.source !== 'device';
    return {
      ...this.#status,
      progress: this.#status.progress && { ...this.#status.progress },
      trustAge,
      clockSkewMs: measured ? Math.round(reading.skewMs) : this.#status.clockSkewMs,
      clockSkewExceeded: measured ? reading.exceeded : this.#status.clockSkewExceeded,
      clockSinceServerMs: reading.sinceServerMs,
      clockDriftMs: reading.driftMs,
    };
  }

  #emit(): void {
    this.dispatchEvent(new CustomEvent('status', { detail: this.#snapshot() }));
  }
}

/** The persisted clock as a TrustedClock snapshot; the newest passage raises the floor. */
function clockSnapshot(clock: { skewMs: number; measuredAt: string; floorAt?: string } | undefined, newest: { at: string; clockSkewMs?: number } | undefined): ClockSnapshot {
  const measuredMs = clock?.measuredAt ? Date.parse(clock.measuredAt) : Number.NaN;
  const floorMs = clock?.floorAt ? Date.parse(clock.floorAt) : 0;
  const newestMs = newest ? Date.parse(newest.at) + (newest.clockSkewMs ?? 0) : 0;
  const measured = clock !== undefined && Number.isFinite(measuredMs);
  return {
    serverMs: measured ? measuredMs + clock.skewMs : null,
    deviceMs: measured ? measuredMs : null,
    floorMs: Math.max(Number.isFinite(floorMs) ? floorMs : 0, Number.isFinite(newestMs) ? newestMs : 0),
  };
}

function withoutClock(options: SyncEngineOptions): Omit<SyncEngineOptions, 'clock'> {
  const { clock: _clock, ...rest } = options;
  return rest;
}
