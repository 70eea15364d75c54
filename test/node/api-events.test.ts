/// <reference types="node" />
// The SSE live feed (src/api/events.ts): the line protocol in any chunking, resume with
// Last-Event-ID after a drop without gaps or duplicates, `event: reset`, and the polling
// fallback with `since` where there is no stream. fetch is scripted per connection.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { LiveFeed, SseParser, type LiveMode, type StreamEvent } from '../../src/api/events';

describe('SseParser', () => {
  const stream = 'retry: 3000\n: heartbeat\n\nid: 1\nevent: movement\ndata: {"a":\ndata: 1}\n\nid: 2\r\ndata: plain\r\n\r\nevent: reset\ndata: x\n\n';
  it('reads the same events whatever the chunking (LF, CRLF, CR split across chunks)', () => {
    const expected: StreamEvent[] = [
      { type: 'movement', id: '1', data: '{"a":\n1}' },
      { type: 'message', id: '2', data: 'plain' },
      { type: 'reset', id: '2', data: 'x' },
    ];
    for (const size of [1, 2, 3, 7, stream.length]) {
      const parser = new SseParser();
      const out: StreamEvent[] = [];
      for (let i = 0; i < stream.length; i += size) out.push(...parser.push(stream.slice(i, i + size)));
      assert.deepEqual(out, expected, `chunks of ${size}`);
      assert.equal(parser.retryMs, 3000);
    }
  });
  it('refuses an event past the size cap with a coded error', () => {
    const parser = new SseParser();
    assert.throws(() => parser.push(`data: ${'x'.repeat(600_000)}\n`), { code: 'too-large' });
  });
});

type Script = (request: Request) => Response | Promise<Response>;
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function sse(text: string, keepOpen = false): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      if (!keepOpen) controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

function scripted(scripts: Script[]): Request[] {
  const seen: Request[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request);
    const script = scripts[Math.min(seen.length - 1, scripts.length - 1)];
    if (!script) throw new TypeError('no script');
    return script(request);
  }) as typeof fetch;
  return seen;
}

const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !ok(); i += 1) await new Promise((r) => setTimeout(r, 10));
  assert.ok(ok(), what);
};

describe('LiveFeed', () => {
  it('resumes with Last-Event-ID after a drop and delivers every id exactly once', async () => {
    const requests = scripted([
      () => sse('retry: 5\nid: e1\nevent: movement\ndata: 1\n\nid: e2\nevent: movement\ndata: 2\n\n'),
      // The server replays from after e2, but a proxy duplicated e2 on the way.
      () => sse('id: e2\nevent: movement\ndata: 2\n\nid: e3\nevent: movement\ndata: 3\n\n', true),
    ]);
    const got: string[] = [];
    const feed = new LiveFeed({
      apiBase: 'http://portal.test/api', path: 'wards/00070/events', lastEventId: 'e0',
      onEvent: (e) => got.push(`${e.id}=${e.data}`), onReset: () => assert.fail('no reset'), poll: async () => assert.fail('no poll'),
    });
    feed.start();
    await until(() => got.length === 3, 'three events');
    feed.close();
    assert.deepEqual(got, ['e1=1', 'e2=2', 'e3=3']);
    assert.equal(requests[0]?.headers.get('Last-Event-ID'), 'e0');
    assert.equal(requests[1]?.headers.get('Last-Event-ID'), 'e2');
    assert.equal(requests[0]?.url, 'http://portal.test/api/wards/00070/events');
    assert.equal(feed.mode, 'closed');
  });

  it('`event: reset` with an id asks for a reload and resumes from that (newest) id', async () => {
    const requests = scripted([
      () => sse('retry: 5\nid: e9\nevent: reset\ndata: {}\n\n'),
      () => sse('id: e10\nevent: movement\ndata: 10\n\n', true),
    ]);
    let resets = 0;
    const got: string[] = [];
    const feed = new LiveFeed({
      apiBase: 'http://portal.test/api', path: 'wards/00070/events', lastEventId: 'e1',
      onEvent: (e) => got.push(e.data), onReset: () => { resets += 1; }, poll: async () => assert.fail('no poll'),
    });
    feed.start();
    await until(() => got.length === 1, 'event after reset');
    feed.close();
    assert.equal(resets, 1);
    assert.equal(requests[1]?.headers.get('Last-Event-ID'), 'e9');
  });

  it('`event: reset` without an id of its own asks for a reload and reconnects from now', async () => {
    const requests = scripted([
      () => sse('retry: 5\nevent: reset\ndata: {}\n\n'),
      () => sse('id: f1\nevent: movement\ndata: 1\n\n', true),
    ]);
    let resets = 0;
    const got: string[] = [];
    const feed = new LiveFeed({
      apiBase: 'http://portal.test/api', path: 'wards/00070/events', lastEventId: 'old',
      onEvent: (e) => got.push(e.data), onReset: () => { resets += 1; }, poll: async () => assert.fail('no poll'),
    });
    feed.start();
    await until(() => got.length === 1, 'event after reset');
    feed.close();
    assert.equal(resets, 1);
    assert.equal(requests[1]?.headers.get('Last-Event-ID'), null);
  });

  it('without a stream endpoint it polls with `since`, carrying the resume id forward', async () => {
    scripted([() => new Response('{"errors":[{"code":"not-found","message":""}]}', { status: 404 })]);
    const sinces: (string | null)[] = [];
    const modes: LiveMode[] = [];
    const feed = new LiveFeed({
      apiBase: 'http://portal.test/api', path: 'wards/00070/events', lastEventId: 'p0', pollIntervalMs: 5,
      onEvent: () => assert.fail('no events'), onReset: () => undefined, onMode: (m) => modes.push(m),
      poll: async (since) => {
        sinces.push(since);
        return `p${sinces.length}`;
      },
    });
    feed.start();
    await until(() => sinces.length >= 3, 'three polls');
    feed.close();
    assert.deepEqual(sinces.slice(0, 3), ['p0', 'p1', 'p2']);
    assert.deepEqual(modes.slice(0, 2), ['connecting', 'polling']);
  });

  it('falls back to polling after repeated stream failures, and tries the stream again later', async () => {
    let calls = 0;
    scripted([() => {
      calls += 1;
      throw new TypeError('connection refused');
    }]);
    const sinces: (string | null)[] = [];
    const feed = new LiveFeed({
      apiBase: 'http://portal.test/api', path: 'wards/00070/events', lastEventId: null, pollIntervalMs: 5,
      failuresBeforePolling: 2, maxBackoffMs: 5, streamRetryMs: 30,
      onEvent: () => undefined, onReset: () => undefined, poll: async (since) => { sinces.push(since); return null; },
    });
    feed.start();
    await until(() => sinces.length >= 1 && calls >= 3, 'polled, then tried the stream again');
    feed.close();
    assert.ok(calls >= 3);
  });
});
