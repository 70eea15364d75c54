// Issuer keys cached per source URL, so a pass can verify itself with no network.

import type { CachedIssuerKeys, CitizenDb } from './citizen-db';
import { guard } from './errors';

export function getCachedIssuerKeys(db: CitizenDb, src: string): Promise<CachedIssuerKeys | undefined> {
  return guard(() => db.issuerKeys.get(src));
}

export function putCachedIssuerKeys(db: CitizenDb, entry: CachedIssuerKeys): Promise<void> {
  return guard(async () => {
    await db.issuerKeys.put(entry);
  });
}
