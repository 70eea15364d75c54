// checkpoint-kit/kiosk — the kiosk's storage and sync, for portals that own them: share one
// KioskStore/SyncEngine between <ck-checkpoint> (its `store`/`sync` properties) and a standalone
// <ck-sync-status>, or drive sync from their own code. Browser-only (IndexedDB, Web Locks).
export { KioskStore } from '../store/kiosk/kiosk-store';
export { KIOSK_DB_NAME } from '../store/kiosk/db';
export type { PassageState, StoredPassage } from '../store/kiosk/db';
export type { DeviceIdentity } from '../store/kiosk/device';
export { PassageInputError, StorageFullError } from '../store/kiosk/errors';
export type { BatchAck, ChainVerification, OutboxCounts, PassageInput, PurgeOptions, PurgeResult } from '../store/kiosk/outbox';
export type { CachedTrust } from '../store/kiosk/trust-cache';
export { SyncEngine, DEFAULT_BATCH_SIZE, DEFAULT_CLOCK_SKEW_THRESHOLD_MS, SYNC_LOCK_NAME } from '../sync/sync-engine';
export type {
  SyncEngineEventMap,
  SyncEngineOptions,
  SyncOutcome,
  SyncStatus,
  SyncStatusEvent,
  TrustRefusedEvent,
  TrustUpdatedEvent,
} from '../sync/sync-engine';
export type { BackoffPolicy } from '../sync/backoff';
export type { SyncSource } from '../elements/ck-sync-status/sync-status-controller';
export type { OfficerDecision, PassageDirection, PassageRecord } from '../core/passage-record';
export type { PublicJwks, TrustBundle } from '../core/trust-bundle';
