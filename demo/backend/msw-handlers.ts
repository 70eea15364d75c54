// msw request handlers over the demo backend; the same list serves `setupWorker` (browser) and
// `setupServer` (Node). A `Response.error()` answer becomes a network error in fetch, which is
// how the drop faults reach the client under msw.
import { http, type HttpHandler } from 'msw';
import type { DemoBackend } from './backend';

export function createDemoHandlers(backend: DemoBackend | Promise<DemoBackend>, options: { base?: string } = {}): HttpHandler[] {
  const base = (options.base ?? '/api').replace(/\/+$/, '');
  // '*' as origin: under Node there is no page origin to resolve a relative path against.
  return [http.all(`*${base}/*`, async ({ request }) => (await backend).handle(request))];
}
