// The kiosk's service worker (scope /kiosk/): precaches every file the kiosk page needs — its
// HTML, JS chunks, the decode and verify workers, the zxing .wasm, CSS, icons, the manifest —
// so after one online visit the page loads and scans with the network off, also after a reload.
// API calls (/api/…) are not handled here: they go to the network, and the page's outbox
// (IndexedDB) keeps passages until the SyncEngine delivers them.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** The members of ServiceWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface KioskWorkerScope {
  __WB_MANIFEST: PrecacheEntry[];
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'activate', listener: (event: Event & { waitUntil(promise: Promise<unknown>): void }) => void): void;
}

declare const self: KioskWorkerScope;

cleanupOutdatedCaches();
// Kiosk settings travel in the query string (?checkpoint=…&officer=…): ignore every parameter
// when matching the precache, so any such URL gets the precached page.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html' });

const scopePath = new URL(self.registration.scope).pathname;
registerRoute(new NavigationRoute(createHandlerBoundToURL(`${scopePath}index.html`), { allowlist: [new RegExp(`^${scopePath}`)] }));

// A new version waits until the officer accepts it (the page asks), so a scan in progress is
// never interrupted by a reload.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first install takes control of the open kiosk page at once, so it is offline-ready
// without a reload.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
