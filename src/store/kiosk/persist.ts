// Persistent storage for the kiosk's origin, so the browser does not evict an outbox that holds
// unsynced passages under storage pressure. `navigator.storage.persist()` exists on Window only
// (not in workers), so the kiosk page calls this once at start.

export type PersistOutcome = 'persisted' | 'denied' | 'unsupported';

export async function requestPersistentStorage(): Promise<PersistOutcome> {
  const storage = typeof navigator === 'object' ? navigator.storage : undefined;
  if (!storage || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'denied';
  } catch {
    return 'denied';
  }
}
