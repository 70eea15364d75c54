/// <reference types="node" />
// The tracing views' models and clients without a browser: exposure order and CSV rows, the
// command view's sums and schematic, the clients' shape checks, size caps and coded errors.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { fetchCheckpoints, parseCheckpoints, parsePassageEvent } from '../../src/api/checkpoints';
import { deliverContacts, EXPOSURE_WINDOW, fetchExposure, parseExposure } from '../../src/api/exposure';
import { ApiError } from '../../src/api/http';
import { fetchCheckpointStats, parseCheckpointStats } from '../../src/api/stats';
import { neutralizeFormula, toCsv } from '../../src/core/csv';
import {
  checkQuery, contactGroup, contactsByGroup, exposureCsvRows, ExposureInputError, fieldProblems, groupCounts, isRetryable, orderedContacts,
  problemOf, routeInOrder, routeLink, windowOrDefault,
} from '../../src/elements/ck-exposure/exposure-model';
import {
  checkpointTotals, dayTotals, healthByCheckpoint, hourlyTotals, hourStartSeconds, needsAttention, onVietnamDay, placeCheckpoints,
} from '../../src/elements/ck-checkpoint-stats/stats-model';
import { CHECKPOINTS, DEVICES, scriptedCase, seededDay, statsAnswer } from '../fixtures/tracing';
import { readCsv } from '../fixtures/csv-read';

const API = 'http://portal.test/api';
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** Answers every fetch with `respond` and records the requests. */
function scriptFetch(respond: (request: Request) => Response): Request[] {
  const seen: Request[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request);
    return respond(request);
  }) as typeof fetch;
  return seen;
}

async function rejectsWith(promise: Promise<unknown>, code: string, status?: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, code);
    if (status !== undefined) assert.equal(error.status, status);
    return true;
  });
}

describe('exposure model', () => {
  it('orders co-travellers, then same direction, then other direction, closest first', () => {
    const { exposure, expectedOrder } = scriptedCase();
    assert.deepEqual(orderedContacts(exposure.contacts).map((c) => c.key), expectedOrder);
    assert.deepEqual(groupCounts(exposure.contacts), { 'co-traveller': 2, 'same-direction': 2, 'other-direction': 2 });
  });

  it('ranks a contact by its closest kind of link', () => {
    const { exposure } = scriptedCase();
    // Phạm Thị Cúc has a same-window link listed first and a co-traveller link: she is a co-traveller.
    const cuc = exposure.contacts.find((c) => c.person?.fullName === 'Phạm Thị Cúc');
    assert.ok(cuc);
    assert.equal(contactGroup(cuc), 'co-traveller');
  });

  it('writes one CSV row per link with formula cells neutralised', () => {
    const { exposure, expectedOrder } = scriptedCase();
    const rows = exposureCsvRows(exposure, {
      header: ['group', 'pass', 'manual', 'name', 'o', 'oname', 'd', 'dname', 'cp', 'cpname', 'vn', 'utc', 'dir', 'min', 'case', 'window'],
      group: { 'co-traveller': 'CO', 'same-direction': 'SAME', 'other-direction': 'OTHER' },
      direction: { in: 'IN', out: 'OUT' },
      unitName: (code) => (code === '00070' ? 'Hàng Trống' : ''),
      checkpointName: (id) => CHECKPOINTS.find((c) => c.id === id)?.name ?? '',
      wallClock: (iso) => iso,
    });
    const parsed = readCsv(toCsv(rows));
    assert.equal(parsed.length, 1 + 7);
    // Cúc has two links: both rows, the co-traveller one first.
    assert.deepEqual(parsed.slice(1, 3).map((r) => [r[0], r[3]]), [['CO', 'Phạm Thị Cúc'], ['SAME', 'Phạm Thị Cúc']]);
    const keys = parsed.slice(1).map((r) => r[1] || r[2]);
    // A random pass id may begin with "-": the sheet gets it guarded like any formula-like cell.
    assert.deepEqual([...new Set(keys)], expectedOrder.map(neutralizeFormula));
    const hostile = parsed.find((r) => r[3]?.includes('HYPERLINK'));
    assert.ok(hostile?.[3]?.startsWith("'="), 'a formula name is neutralised');
    assert.ok(parsed.slice(1).every((r) => r[14] === neutralizeFormula(exposure.case.passId)));
  });
});

describe('exposure query check', () => {
  it('names every wrong field in order and reads the window', () => {
    const { casePassId } = scriptedCase();
    assert.deepEqual(checkQuery(casePassId, 'Ca bệnh 4471', '30'), { problems: [], windowMinutes: 30 });
    assert.deepEqual(checkQuery('nope', 'x', '0').problems, ['pass-id', 'too-short', 'window']);
    assert.deepEqual(checkQuery(casePassId, 'Ca\u0007 4471', '121').problems, ['control-character', 'window']);
    assert.deepEqual(checkQuery(casePassId, 'Ca bệnh 4471', '1.5').problems, ['window']);
    assert.deepEqual(checkQuery(casePassId, 'a'.repeat(301), '15').problems, ['too-long']);
  });
});

describe('exposure view decisions', () => {
  it('splits contacts by group in working order, every group present', () => {
    const { exposure, expectedOrder } = scriptedCase();
    assert.deepEqual([...contactsByGroup(exposure.contacts).values()].flat().map((c) => c.key), expectedOrder);
    // Any order a host hands over comes out in working order (ties keep the given order).
    const reversed = [...exposure.contacts].reverse();
    const groups = contactsByGroup(reversed);
    assert.deepEqual([...groups.keys()], ['co-traveller', 'same-direction', 'other-direction']);
    assert.deepEqual([...groups.values()].flat().map((c) => c.key), orderedContacts(reversed).map((c) => c.key));
    assert.deepEqual([...groups.values()].map((g) => g.length), [2, 2, 2]);
    assert.ok([...groups].every(([group, contacts]) => contacts.every((c) => contactGroup(c) === group)));
    assert.deepEqual([...contactsByGroup([]).values()], [[], [], []]);
  });

  it('orders a route by time and links it by pass id', () => {
    const { exposure } = scriptedCase();
    const cuc = exposure.contacts.find((c) => c.person?.fullName === 'Phạm Thị Cúc');
    assert.ok(cuc && cuc.route.length >= 2);
    const times = (route: readonly { at: string }[]) => route.map((p) => Date.parse(p.at));
    const sorted = times(routeInOrder([...cuc.route].reverse()));
    assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b));
    assert.equal(routeLink('#/route/{passId}', 'a b/c'), '#/route/a%20b%2Fc');
    assert.equal(routeLink('', 'abc'), '');
    assert.equal(routeLink('#/route/{passId}', null), '');
  });

  it('keeps a window in range and whole, else the default', () => {
    assert.equal(windowOrDefault(30), 30);
    assert.equal(windowOrDefault(1), 1);
    assert.equal(windowOrDefault(120), 120);
    for (const bad of [0, 121, 1.5, Number.NaN]) assert.equal(windowOrDefault(bad), EXPOSURE_WINDOW.default);
  });

  it('gives each form field its problem', () => {
    assert.deepEqual(fieldProblems([]), { passId: undefined, reason: undefined, window: undefined });
    assert.deepEqual(fieldProblems(['pass-id', 'too-long', 'window']), { passId: 'pass-id', reason: 'too-long', window: 'window' });
    assert.deepEqual(fieldProblems(['control-character']), { passId: undefined, reason: 'control-character', window: undefined });
  });

  it('says refusals in words and offers "try again" only when it may help', () => {
    const api = (code: 'client' | 'server' | 'network', status: number | undefined, serverCode?: string) =>
      new ApiError(code, 'x', { status, retryable: false, serverErrors: serverCode ? [{ code: serverCode, message: 'x' }] : undefined });
    assert.equal(problemOf(new ExposureInputError('no-api-base')), 'no-api-base');
    assert.equal(problemOf(api('client', 401)), 'login-required');
    assert.equal(problemOf(api('client', 403)), 'forbidden');
    assert.equal(problemOf(api('client', 400, 'reason-required')), 'reason-required');
    assert.equal(problemOf(api('client', 400, 'invalid-window')), 'bad-request');
    assert.equal(problemOf(api('server', 503)), 'server');
    assert.equal(problemOf(api('network', undefined)), 'network');
    assert.equal(problemOf(new Error('boom')), 'other');
    for (const p of ['no-api-base', 'invalid-pass-id', 'forbidden', 'reason-required', 'bad-request'] as const) assert.equal(isRetryable(p), false);
    for (const p of ['network', 'timeout', 'server', 'rate-limited', 'bad-response', 'login-required', 'other'] as const) assert.equal(isRetryable(p), true);
  });
});

describe('command view model', () => {
  const date = '2021-08-14';
  const raw = seededDay(date, 1500, 7);
  const stats = statsAnswer(date, raw, DEVICES);

  it('sums a seeded day as counting the passages does', () => {
    const total = dayTotals(stats);
    assert.equal(total.in, raw.filter((p) => p.direction === 'in').length);
    assert.equal(total.out, raw.filter((p) => p.direction === 'out').length);
    assert.equal(total.deny, raw.filter((p) => p.decision === 'deny').length);
    assert.equal(total.in + total.out, raw.length);
    assert.equal(total.allow + total.deny + total.refer, raw.length);
    for (const checkpoint of stats.checkpoints) {
      const own = raw.filter((p) => p.checkpointId === checkpoint.id);
      assert.equal(checkpointTotals(checkpoint).refer, own.filter((p) => p.decision === 'refer').length);
      assert.equal(checkpointTotals(checkpoint).idMismatch, own.filter((p) => p.idMismatch).length);
    }
    const hours = hourlyTotals(stats);
    assert.equal(hours.length, 24);
    // Hour 7 Vietnam time = 00:00–00:59 UTC.
    const at7 = raw.filter((p) => new Date(p.at).getUTCHours() === 0);
    assert.equal((hours[7]?.in ?? 0) + (hours[7]?.out ?? 0), at7.length);
  });

  it('folds kiosk health per checkpoint', () => {
    const health = healthByCheckpoint(DEVICES);
    assert.deepEqual(health.get('HN-QL1A-01'), { devices: 2, offline: 1, staleTrust: 0, lostRecords: 3 });
    assert.equal(needsAttention(health.get('HN-QL5-02')), true);
    assert.equal(needsAttention(health.get('HN-QL32-03')), false);
  });

  it('places checkpoints north up, inside the box, without stretching', () => {
    const placed = placeCheckpoints(CHECKPOINTS, 400, 300, 20);
    assert.equal(placed.length, 3, 'the checkpoint without coordinates is left out');
    for (const p of placed) {
      assert.ok(p.x >= 20 && p.x <= 380 && p.y >= 20 && p.y <= 280, JSON.stringify(p));
    }
    const byId = new Map(placed.map((p) => [p.id, p]));
    // Trạm Trôi is the northernmost and westernmost; Pháp Vân the southernmost.
    assert.ok((byId.get('HN-QL32-03')?.y ?? 0) < (byId.get('HN-QL1A-01')?.y ?? 0));
    assert.ok((byId.get('HN-QL32-03')?.x ?? 0) < (byId.get('HN-QL5-02')?.x ?? 0));
    assert.deepEqual(placeCheckpoints([{ id: 'a', lat: 21, lon: 105 }], 100, 100, 10), [{ id: 'a', x: 50, y: 50 }]);
  });

  it('knows Vietnam days and hours', () => {
    assert.equal(onVietnamDay('2021-08-13T17:00:00Z', '2021-08-14'), true);
    assert.equal(onVietnamDay('2021-08-13T16:59:59Z', '2021-08-14'), false);
    assert.equal(new Date(hourStartSeconds('2021-08-14', 7) * 1000).toISOString(), '2021-08-14T00:00:00.000Z');
  });
});

describe('tracing clients', () => {
  it('asks for the exposure with the reason and window, and reads the answer', async () => {
    const { exposure, casePassId } = scriptedCase();
    const seen = scriptFetch(() => Response.json(exposure));
    const got = await fetchExposure(API, casePassId, { reason: 'F1 của ca 4471', windowMinutes: 30 });
    assert.equal(got?.contacts.length, 6);
    const url = new URL(seen[0]?.url ?? '');
    assert.equal(url.pathname, '/api/exposure');
    assert.equal(url.searchParams.get('passId'), casePassId);
    assert.equal(url.searchParams.get('windowMinutes'), '30');
    assert.equal(decodeURIComponent(seen[0]?.headers.get('X-Lookup-Reason') ?? ''), 'F1 của ca 4471');
  });

  it('refuses bad input before any request', async () => {
    const seen = scriptFetch(() => Response.json({}));
    const { casePassId } = scriptedCase();
    await assert.rejects(fetchExposure(API, 'nope', { reason: 'F1 của ca 4471' }), RangeError);
    await assert.rejects(fetchExposure(API, casePassId, { reason: 'x' }), RangeError);
    await assert.rejects(fetchExposure(API, casePassId, { reason: 'F1 ca 4471', windowMinutes: 121 }), RangeError);
    await assert.rejects(deliverContacts(API, { casePassId, windowMinutes: 15, keys: [] }, { reason: 'F1 ca 4471' }), RangeError);
    await assert.rejects(fetchCheckpointStats(API, '2021-13-01'), RangeError);
    assert.equal(seen.length, 0);
  });

  it('says 404 as null and other refusals as coded errors', async () => {
    const { casePassId } = scriptedCase();
    const answer = (status: number, code: string) => () => Response.json({ errors: [{ code, message: code }] }, { status });
    scriptFetch(answer(404, 'pass-not-found'));
    assert.equal(await fetchExposure(API, casePassId, { reason: 'F1 ca 4471' }), null);
    scriptFetch(answer(403, 'forbidden'));
    await rejectsWith(fetchExposure(API, casePassId, { reason: 'F1 ca 4471' }), 'client', 403);
    scriptFetch(answer(400, 'reason-required'));
    await assert.rejects(fetchExposure(API, casePassId, { reason: 'F1 ca 4471' }), (e: unknown) => e instanceof ApiError && e.serverCode === 'reason-required');
    scriptFetch(answer(401, 'login-required'));
    await rejectsWith(fetchCheckpointStats(API, '2021-08-14'), 'client', 401);
  });

  it('posts deliveries and reads the wards reached', async () => {
    const { casePassId, exposure } = scriptedCase();
    const keys = exposure.contacts.slice(0, 2).map((c) => c.key);
    const seen = scriptFetch(() => Response.json({ delivered: keys.map((key) => ({ key, unitCodes: ['00070', '09289'] })) }));
    const result = await deliverContacts(API, { casePassId, windowMinutes: 15, keys }, { reason: 'F1 ca 4471' });
    assert.equal(result.delivered.length, 2);
    assert.equal(seen[0]?.method, 'POST');
    assert.deepEqual(await seen[0]?.json(), { casePassId, windowMinutes: 15, keys });
    assert.ok(seen[0]?.headers.get('X-Lookup-Reason'));
  });

  it('checks shapes and caps sizes', async () => {
    const { exposure } = scriptedCase();
    assert.throws(() => parseExposure({ ...exposure, windowMinutes: 0 }), ApiError);
    assert.throws(() => parseExposure({ ...exposure, contacts: [{ ...exposure.contacts[0], key: 'a b' }] }), ApiError);
    assert.throws(() => parseExposure({ ...exposure, contacts: [{ ...exposure.contacts[0], passId: null, manualCode: null }] }), ApiError);
    const stats = statsAnswer('2021-08-14', seededDay('2021-08-14', 50, 1), DEVICES);
    assert.equal(parseCheckpointStats(stats).checkpoints.length, CHECKPOINTS.length);
    assert.throws(() => parseCheckpointStats({ ...stats, checkpoints: [{ ...stats.checkpoints[0], hours: stats.checkpoints[0]?.hours.slice(1) }] }), ApiError);
    assert.throws(() => parseCheckpointStats({ ...stats, devices: [{ ...DEVICES[0], lostRecords: -1 }] }), ApiError);
    assert.throws(() => parseCheckpoints({ items: [{ ...CHECKPOINTS[0], lat: 91 }] }), ApiError);
    assert.deepEqual(parseCheckpoints({ items: CHECKPOINTS }), CHECKPOINTS);
    scriptFetch(() => new Response(`{"items":[${'"x",'.repeat(400_000)}"x"]}`));
    await rejectsWith(fetchCheckpoints(API), 'too-large');
  });

  it('reads passage events and ignores anything else', () => {
    const good = { passageId: '0190a3c2-7b1e-7c3d-9f00-000000000001', checkpointId: 'HN-QL1A-01', at: '2021-08-14T01:00:00Z', direction: 'in', decision: 'allow', relationUnits: ['00070', '09289'] };
    assert.deepEqual(parsePassageEvent(JSON.stringify(good)), good);
    assert.equal(parsePassageEvent('not json'), null);
    assert.equal(parsePassageEvent(JSON.stringify({ ...good, direction: 'sideways' })), null);
    assert.equal(parsePassageEvent(JSON.stringify({ ...good, relationUnits: ['1', '2', '3'] })), null);
  });
});
