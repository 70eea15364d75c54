/// <reference types="node" />
// The ward inbox's clients (src/api/ward-feed.ts, src/api/events.ts) and model against the real
// reference server (PGlite, and PostgreSQL where available): the extended movements parse, a
// follow-up decision amends its row, the registry names the checkpoint, contacts parse, the
// live feed delivers a new passage and, after a disconnect, replays what it missed from its
// Last-Event-ID; `since` polling returns only what changed.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { LiveFeed, type StreamEvent } from '../../src/api/events';
import { fetchCheckpoints } from '../../src/api/checkpoints';
import { fetchWardContacts, fetchWardFeed, parseWardFeedItem } from '../../src/api/ward-feed';
import { WardInboxModel } from '../../src/elements/ck-ward-inbox/ward-inbox-model';
import { batchRequest, type TestDevice } from './backend-support';
import { engines, freshPortal, signIn } from './server-support';
import { declarePerson, kiosk, type Person } from './server-tracing-support';
import type { Portal } from '../../server/portal';

const MIN = 60_000;
const at = (ms: number) => new Date(ms).toISOString();
const vnDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
const ref = (p: Person) => ({ passId: p.passId, originUnit: p.origin, destinationUnit: p.destination });
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

async function submit(portal: Portal, device: TestDevice, records: Parameters<TestDevice['record']>[0][]): Promise<string[]> {
  const built = records.map((f) => device.record(f));
  const response = await portal.handle(await batchRequest(device, built));
  assert.equal(response.status, 200, await response.clone().text());
  return built.map((r) => r.id);
}

/** Every fetch of the clients goes to the portal, signed in as `cookie`. */
function routeTo(portal: Portal, cookie: string): void {
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set('Cookie', cookie);
    return portal.handle(new Request(request.url, { method: request.method, headers, signal: request.signal }));
  }) as typeof fetch;
}

const until = async (ok: () => boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  assert.ok(ok(), what);
};

for (const engine of engines()) {
  describe(`ward inbox clients on the reference server (${engine.name})`, () => {
    it('reads movements as passage events, names checkpoints, follows live events and resumes without gaps', async () => {
      const portal = await freshPortal(engine);
      const device = await kiosk(portal, 'HN-QL1A-01');
      await portal.createCheckpoint({ id: 'HN-QL1A-01', name: 'Pháp Vân', provinceCode: '01', road: 'QL1A', lat: 20.9386, lon: 105.8446 });
      const y = await declarePerson(portal, 'Nguyễn Thị Hương', '09169', '00006');
      const w = await declarePerson(portal, 'Phạm Văn Bình', '09172', '00006');
      const ward = await signIn(portal, 'ward.00006', 'ward', '00006');
      routeTo(portal, ward);
      const base = 'http://portal.test/api';
      let t = Date.now() - 2 * 60 * MIN;
      // Every passage here (t … t + 15 min) falls on one Vietnam day, also when run just after
      // Vietnam midnight (the day's feed is what is read and resumed).
      if (vnDate(t) !== vnDate(t + 20 * MIN)) t -= 60 * MIN;
      const date = vnDate(t);

      const [first] = await submit(portal, device, [{ ...ref(y), at: at(t), direction: 'in', decision: 'refer' }]);
      await submit(portal, device, [{ ...ref(y), at: at(t + 5 * MIN), direction: 'in', decision: 'allow', amends: first }]);

      const page = await fetchWardFeed(base, { unitCode: '00006', date, limit: 2000 });
      assert.equal(page.items.length, 1, 'a follow-up amends, it does not add a row');
      const [item] = page.items;
      assert.equal(item?.relation, 'arrival');
      assert.deepEqual(item?.decisions.map((d) => d.decision), ['refer', 'allow']);
      assert.equal(item?.passed, true);
      assert.ok(page.lastEventId);
      const model = new WardInboxModel();
      model.upsert(page.items);
      assert.equal(model.visible('arrival', 'huong').length, 1);
      assert.equal(model.visible('all', 'phuong').length, 0);

      const registry = await fetchCheckpoints(base);
      assert.equal(registry.find((c) => c.id === 'HN-QL1A-01')?.name, 'Pháp Vân');
      const contacts = await fetchWardContacts(base, { unitCode: '00006' });
      assert.deepEqual(contacts.items, []);

      // Live: a new passage arrives as a `movement` event.
      const events: StreamEvent[] = [];
      const feed = new LiveFeed({
        apiBase: base, path: 'wards/00006/events', lastEventId: page.lastEventId,
        onEvent: (e) => events.push(e), onReset: () => assert.fail('no reset'), poll: async () => assert.fail('no polling'),
      });
      feed.start();
      await until(() => feed.mode === 'stream', 'stream open');
      await submit(portal, device, [{ ...ref(w), at: at(t + 10 * MIN), direction: 'in', decision: 'deny', verdictStatus: 'expired' }]);
      await until(() => events.length === 1, 'live movement');
      const live = parseWardFeedItem(JSON.parse(events[0]?.data ?? ''));
      assert.equal(live.passed, false);
      model.upsert([live]);
      assert.equal(model.visible('turned-back', '').length, 1);
      const resumeFrom = feed.lastEventId;
      feed.close();

      // Away: a change happens; back: it is replayed from Last-Event-ID, once.
      await submit(portal, device, [{ ...ref(w), at: at(t + 15 * MIN), direction: 'in', decision: 'allow', amends: live.passageId }]);
      const again: StreamEvent[] = [];
      const back = new LiveFeed({
        apiBase: base, path: 'wards/00006/events', lastEventId: resumeFrom,
        onEvent: (e) => again.push(e), onReset: () => assert.fail('no reset'), poll: async () => assert.fail('no polling'),
      });
      back.start();
      await until(() => again.length >= 1, 'replayed');
      await new Promise((r) => setTimeout(r, 300));
      back.close();
      assert.equal(again.length, 1);
      const amended = parseWardFeedItem(JSON.parse(again[0]?.data ?? ''));
      assert.equal(amended.id, live.id);
      assert.deepEqual(model.upsert([amended]), { added: [], changed: [live.id] });
      assert.deepEqual(model.counts(), { arrival: 2, departure: 0, 'turned-back': 0 });

      // Polling fallback: `since` brings only what changed after the id.
      const since = await fetchWardFeed(base, { unitCode: '00006', date, since: page.lastEventId ?? '' });
      assert.deepEqual(since.items.map((i) => i.id).sort(), [live.id]);
    });
  });
}
