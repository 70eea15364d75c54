// The last trust bundle the kiosk accepted, kept verbatim with its ETag. The bundle is
// re-verified against the configured anchor whenever it is loaded, so a tampered cache entry
// is refused like a tampered download.
import { acknowledge, endAcknowledgements, type TrustAcknowledgement } from '../../core/trust-acknowledgement';
import { readTrustBundle, type PublicJwks, type TrustBundle } from '../../core/trust-bundle';
import type { KioskDb, TrustMeta } from './db';
import { rethrowStorageError } from './errors';

export interface CachedTrust {
  readonly bundle: TrustBundle;
  readonly meta: TrustMeta;
}

export async function getTrustMeta(db: KioskDb): Promise<TrustMeta | undefined> {
  return db.getMeta('trust');
}

/** Stores a bundle that readTrustBundle has accepted. */
export async function saveTrustBundle(
  db: KioskDb,
  entry: { text: string; etag: string | null; bundle: TrustBundle; receivedAt: Date },
): Promise<void> {
  const at = entry.receivedAt.toISOString();
  try {
    await db.transaction('rw', db.meta, async () => {
      await db.meta.put({
        key: 'trust',
        text: entry.text,
        etag: entry.etag,
        sequence: entry.bundle.sequence,
        issuedAt: entry.bundle.issuedAt,
        receivedAt: at,
        checkedAt: at,
      });
      // A fresher bundle ends the officer's acknowledgement of the old one (kept in the log).
      const acks = await db.getMeta('trust-acks');
      if (acks) await db.meta.put({ key: 'trust-acks', entries: endAcknowledgements(acks.entries, entry.bundle, entry.receivedAt.getTime()) });
    });
  } catch (error) {
    rethrowStorageError(error);
  }
}

/** The portal confirmed (304) that the held bundle is still current. */
export async function markTrustChecked(db: KioskDb, checkedAt: Date): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const trust = await db.getMeta('trust');
    if (trust) await db.meta.put({ ...trust, checkedAt: checkedAt.toISOString() });
  });
}

/** The held bundle, verified again; undefined when none is held or it no longer verifies. */
export async function loadTrust(db: KioskDb, anchor: PublicJwks): Promise<CachedTrust | undefined> {
  const meta = await db.getMeta('trust');
  if (!meta) return undefined;
  const result = await readTrustBundle(meta.text, anchor);
  return result.ok ? { bundle: result.bundle, meta } : undefined;
}

export async function listTrustAcknowledgements(db: KioskDb): Promise<TrustAcknowledgement[]> {
  return [...((await db.getMeta('trust-acks'))?.entries ?? [])];
}

/**
 * Logs the officer's acknowledgement that the held bundle is stale, durably before it resolves.
 * Refused (false) when no bundle is held, `bundle` is not the held one, or it is not stale at `atMs`.
 */
export async function acknowledgeStaleTrust(
  db: KioskDb,
  bundle: { sequence: number; issuedAt: string; expiresAt: string },
  atMs: number,
  maxAgeMs: number,
): Promise<boolean> {
  try {
    return await db.transaction('rw', db.meta, async () => {
      const held = await db.getMeta('trust');
      if (!held || held.sequence !== bundle.sequence || held.issuedAt !== bundle.issuedAt) return false;
      const entries = acknowledge((await db.getMeta('trust-acks'))?.entries ?? [], bundle, atMs, maxAgeMs);
      if (!entries) return false;
      await db.meta.put({ key: 'trust-acks', entries });
      return true;
    });
  } catch (error) {
    rethrowStorageError(error);
  }
}
