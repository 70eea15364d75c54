// The last trust bundle the kiosk accepted, kept verbatim with its ETag. The bundle is
// re-verified against the configured anchor whenever it is loaded, so a tampered cache entry
// is refused like a tampered download.
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
    await db.meta.put({
      key: 'trust',
      text: entry.text,
      etag: entry.etag,
      sequence: entry.bundle.sequence,
      issuedAt: entry.bundle.issuedAt,
      receivedAt: at,
      checkedAt: at,
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
