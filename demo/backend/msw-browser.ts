// The demo backend inside the page, via msw's service worker: for the static demo build (no
// server) and the component tests. The worker script must be served at /mockServiceWorker.js.
// Never start it on the kiosk's scope: one service worker per scope, and the kiosk's Workbox
// worker owns that one.
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createDemoBackend, type DemoBackend, type DemoBackendOptions } from './backend';
import { createDemoHandlers } from './msw-handlers';

export { createDemoHandlers as demoHandlers } from './msw-handlers';

export interface DemoWorker {
  worker: SetupWorker;
  backend: DemoBackend;
  stop(): void;
}

/** Creates a backend (seeded unless told otherwise) and starts msw's worker in front of it. */
export async function startDemoWorker(options: DemoBackendOptions & { workerUrl?: string } = {}): Promise<DemoWorker> {
  const { workerUrl = '/mockServiceWorker.js', ...backendOptions } = options;
  const backend = await createDemoBackend({ seed: true, ...backendOptions });
  const worker = setupWorker(...createDemoHandlers(backend, { base: backend.base }));
  await worker.start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: true });
  return { worker, backend, stop: () => worker.stop() };
}
