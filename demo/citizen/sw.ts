// The citizen page's service worker (scope: the site root, script /citizen-sw.js): precaches the
// page and every file it loads, so after one online visit the page opens with the network off —
// a kept pass is shown and verified from IndexedDB (the issuer's keys are cached there), and the
// form's outbox keeps a declaration made offline until the network is back.
// Province files of the unit catalogue are cached as the page fetches them (a citizen needs one
// or two provinces, not all 63); /api/… is never handled here. Other pages under the root scope
// (/ward/, and /kiosk/ before its own worker is installed) are passed through to the network.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { StaleWhileRevalidate } from 'workbox-strategies';

interface PrecacheEntry {
  url: string;
  revision: string | null;
}

/** The members of ServiceWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface CitizenWorkerScope {
  __WB_MANIFEST: PrecacheEntry[];
  readonly location: Location;
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'activate', listener: (event: Event & { waitUntil(promise: Promise<unknown>): void }) => void): void;
}

declare const self: CitizenWorkerScope;

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html' });

const scopePath = new URL(self.registration.scope).pathname;
const escaped = scopePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Only the citizen page itself: the other pages below the root have their own navigation.
registerRoute(new NavigationRoute(createHandlerBoundToURL(`${scopePath}index.html`), { allowlist: [new RegExp(`^${escaped}(index\\.html)?$`)] }));

// Catalogue files are versioned by their path (/units/2021-07/…): the cached copy answers at
// once and offline; online it is refreshed in the background.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith(`${scopePath}units/`),
  new StaleWhileRevalidate({ cacheName: 'ck-citizen-units' }),
);

// The first install takes control of the open page at once, so the catalogue files and the
// pass the person is about to receive are covered without a reload. A later version waits until
// every citizen tab is closed (never swapped under a half-filled form).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
