/// <reference types="node" />
// The ward inbox model (src/elements/ck-ward-inbox/ward-inbox-model.ts) and the ward defects of
// issue 14 ("Tried as a ward clerk would") that live in it: follow-ups must not add arrivals,
// denied and outward passages are not arrivals, the filter looks at people and passes only,
// status words never codes (screen and CSV), checkpoint names, flags.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWardFeedItem, parseWardFeedPage } from '../../src/api/ward-feed';
import { messages } from '../../src/elements/ck-ward-inbox/ck-ward-inbox.messages';
import {
  checkpointLabel, ContactList, inboxCsv, raisedFlags, registryIndex, statusText, WardInboxModel,
} from '../../src/elements/ck-ward-inbox/ward-inbox-model';
import { portalWords } from '../../src/elements/shared/portal-text';
import { readCsv } from '../fixtures/csv-read';
import { CHECKPOINTS, contactItem, feedItem, followUp, syntheticDay } from '../fixtures/ward-feed';

const vi = messages.vi;
const en = messages.en;
const hour = (h: number) => Date.parse(`2021-08-20T${String(h).padStart(2, '0')}:00:00+07:00`);
const registry = registryIndex(CHECKPOINTS);
const csvOf = (model: WardInboxModel, msg = vi) => readCsv(inboxCsv(model.all(), {
  msg, words: msg === vi ? portalWords.vi : portalWords.en, registry, unitName: (c) => (c === '00070' ? 'Phường Hàng Trống' : 'Xã Ngọc Xá'),
}));

describe('ward inbox model: one row per passage event', () => {
  it('4 travellers whose passages each get 3 follow-up decisions stay 4 rows, the history inside', () => {
    const model = new WardInboxModel();
    const first = [0, 1, 2, 3].map((i) => feedItem({ atMs: hour(8 + i), decision: 'refer', person: { fullName: `Người ${i}` } }));
    model.upsert(first);
    let current = first;
    for (let round = 1; round <= 3; round += 1) {
      current = current.map((item) => followUp(item, round === 3 ? 'allow' : 'refer', round * 5));
      const result = model.upsert(current);
      assert.equal(result.added.length, 0);
      assert.equal(result.changed.length, 4);
    }
    assert.equal(model.size, 4);
    assert.deepEqual(model.counts(), { arrival: 4, departure: 0, 'turned-back': 0 });
    for (const row of model.all()) {
      assert.equal(row.item.decisions.length, 4);
      assert.deepEqual(row.item.decisions.map((d) => d.decision), ['refer', 'refer', 'refer', 'allow']);
    }
    // A replayed event (same id, same content) changes nothing.
    assert.deepEqual(model.upsert(current), { added: [], changed: [] });
  });

  it('arrivals and departures come from the relation to the ward, not the checkpoint direction', () => {
    const model = new WardInboxModel();
    // A ward outside the checkpoint's province: checkpoint "out" is an arrival for it.
    const arrivalByOut = feedItem({ atMs: hour(9), relation: 'arrival', checkpointDirection: 'out' });
    const departureByIn = feedItem({ atMs: hour(10), relation: 'departure', checkpointDirection: 'in' });
    model.upsert([arrivalByOut, departureByIn]);
    assert.deepEqual(model.visible('arrival', '').map((r) => r.item.id), [arrivalByOut.id]);
    assert.deepEqual(model.visible('departure', '').map((r) => r.item.id), [departureByIn.id]);
  });

  it('a denied (or still referred) passage is "turned back", not an arrival; a follow-up allow makes it one', () => {
    const model = new WardInboxModel();
    const denied = feedItem({ atMs: hour(9), relation: 'arrival', decision: 'deny', verdictStatus: 'expired' });
    const referred = feedItem({ atMs: hour(10), relation: 'arrival', decision: 'refer' });
    model.upsert([denied, referred]);
    assert.equal(model.visible('arrival', '').length, 0);
    assert.deepEqual(model.visible('turned-back', '').map((r) => r.item.id), [referred.id, denied.id]);
    model.upsert([followUp(referred, 'allow', 20)]);
    assert.deepEqual(model.visible('arrival', '').map((r) => r.item.id), [referred.id]);
    assert.deepEqual(model.visible('turned-back', '').map((r) => r.item.id), [denied.id]);
  });

  it('an item of an older portal (no relation, no decisions, no flags) reads as one decision', () => {
    const { relation: _r, decisions: _d, flags: _f, passed: _p, checkpoint: _c, idCheck: _i, ...old } = feedItem({ atMs: hour(9) });
    const item = parseWardFeedItem(old);
    assert.equal(item.relation, 'arrival');
    assert.equal(item.decisions.length, 1);
    assert.equal(item.passed, true);
    assert.deepEqual(raisedFlags(item.flags), []);
  });

  it('the parser refuses an id that does not name its passage and side, and a relation that disagrees', () => {
    const item = feedItem({ atMs: hour(9) });
    assert.throws(() => parseWardFeedItem({ ...item, id: `${item.passageId}:departure` }), { code: 'bad-response' });
    assert.throws(() => parseWardFeedItem({ ...item, relation: 'departure' }), { code: 'bad-response' });
    assert.throws(() => parseWardFeedItem({ ...item, decisions: [] }), { code: 'bad-response' });
    assert.throws(() => parseWardFeedItem({ ...item, flags: { riskArea: 'yes' } }), { code: 'bad-response' });
    assert.throws(() => parseWardFeedPage({ unitCode: '00070', date: '2021-08-20', items: [], nextCursor: null, lastEventId: 'a b' }), { code: 'bad-response' });
  });
});

describe('ward inbox model: the text filter', () => {
  const huong = feedItem({ atMs: hour(9), person: { fullName: 'Nguyễn Thị Hương' }, originUnit: '00070' });
  const others = [10, 11, 12].map((h) => feedItem({ atMs: hour(h), person: { fullName: 'Trần Văn Bình' } }));

  it('"huong" finds the person named Hương and not every row from a "Phường …" ward', () => {
    const model = new WardInboxModel();
    model.upsert([huong, ...others]);
    assert.deepEqual(model.visible('all', 'huong').map((r) => r.item.id), [huong.id]);
    assert.deepEqual(model.visible('all', 'HƯƠNG nguyen').map((r) => r.item.id), [huong.id]);
    // Ward names, ward codes, checkpoints and statuses are not searched.
    for (const q of ['phuong', 'hang trong', '00070', '09289', 'HN-QL1A', 'phap van', 'valid', 'hop le']) {
      assert.equal(model.visible('all', q).length, 0, q);
    }
  });

  it('finds by pass id and by manual code (with or without the dash)', () => {
    const model = new WardInboxModel();
    model.upsert([huong, ...others]);
    const row = model.get(huong.id);
    assert.ok(row?.code);
    assert.deepEqual(model.visible('all', huong.passId?.slice(0, 10) ?? '').map((r) => r.item.id), [huong.id]);
    assert.deepEqual(model.visible('all', row.code).map((r) => r.item.id), [huong.id]);
    assert.deepEqual(model.visible('all', row.code.replace('-', '').toLowerCase()).map((r) => r.item.id), [huong.id]);
  });

  it('filters 50,000 rows to the same answer as a plain scan, narrowing as one types, and sees updates', () => {
    const day = syntheticDay(50_000);
    const model = new WardInboxModel();
    model.upsert(day);
    assert.equal(model.size, 50_000);
    const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/đ/g, 'd');
    const plain = (q: string) => day.filter((i) => {
      const code = model.get(i.id)?.code ?? '';
      return [i.person?.fullName ?? '', i.passId ?? '', code, code.replace('-', '')].some((f) => fold(f).includes(q));
    }).length;
    for (const q of ['h', 'hu', 'huo', 'huon', 'huong']) assert.equal(model.visible('all', q).length, plain(q), q);
    assert.ok(model.visible('all', 'huong').length > 1000);
    assert.equal(model.visible('all', '').length, 50_000);
    const late = feedItem({ atMs: hour(23) + 3_599_999, person: { fullName: 'Bùi Thị Hương' } });
    model.upsert([late]);
    assert.equal(model.visible('all', 'huong')[0]?.item.id, late.id);
    const order = model.all().map((r) => r.atMs);
    assert.ok(order.every((t, i) => i === 0 || (order[i - 1] ?? 0) >= t), 'newest first');
  });
});

describe('ward inbox model: words, names, flags, CSV', () => {
  it('status words never codes, on screen and in the CSV (unverified-manual included)', () => {
    assert.equal(statusText('unverified-manual', portalWords.vi, vi), 'Nhập tay, chưa xác minh');
    assert.equal(statusText('unverified-manual', portalWords.en, en), 'Typed by hand, not verified');
    assert.equal(statusText('valid', portalWords.vi, vi), 'Hợp lệ');
    assert.ok(!statusText('some-new-word', portalWords.vi, vi).includes('some-new-word'));
    const model = new WardInboxModel();
    model.upsert([
      feedItem({ atMs: hour(9), verdictStatus: 'unverified-manual', passId: null, manualCode: 'ABCDE-FGHJK', person: null }),
      feedItem({ atMs: hour(8), decision: 'deny', verdictStatus: 'revoked' }),
    ]);
    for (const [msg, header] of [[vi, 'Kết quả kiểm tra'], [en, 'Check result']] as const) {
      const rows = csvOf(model, msg);
      const text = rows.flat().join('\n');
      assert.ok(!text.includes('unverified-manual'), 'no raw status code in the CSV');
      assert.ok(!/\b(allow|deny|refer|arrival|departure|revoked)\b/.test(rows.slice(1).map((r) => r.slice(2, 20).join(' ')).join(' ')));
      const col = rows[0]?.indexOf(header) ?? -1;
      assert.equal(rows[1]?.[col], msg.statusWords['unverified-manual']);
    }
    const rows = csvOf(model);
    assert.equal(rows[2]?.[2], 'Không cho qua');
  });

  it('checkpoint names and roads come from the registry, then the item, then the bare id', () => {
    assert.deepEqual(checkpointLabel({ checkpointId: 'HN-QL1A-01', checkpoint: null }, registry), { name: 'Chốt Pháp Vân', road: 'QL1A', known: true });
    assert.deepEqual(checkpointLabel({ checkpointId: 'X-1', checkpoint: { name: 'Chốt X', road: null } }, registry), { name: 'Chốt X', road: null, known: true });
    assert.deepEqual(checkpointLabel({ checkpointId: 'X-2', checkpoint: null }, registry), { name: 'X-2', road: null, known: false });
    const model = new WardInboxModel();
    model.upsert([feedItem({ atMs: hour(9) })]);
    const [header, row] = csvOf(model);
    assert.equal(row?.[header?.indexOf('Tên chốt') ?? -1], 'Chốt Pháp Vân');
    assert.equal(row?.[header?.indexOf('Tuyến đường') ?? -1], 'QL1A');
  });

  it('flags are listed most serious first and written in words in the CSV, with the decision history', () => {
    const item = followUp(feedItem({ atMs: hour(9), decision: 'refer', flags: { riskArea: true, positiveTest: true } }), 'allow', 10);
    assert.deepEqual(raisedFlags(item.flags), ['positiveTest', 'riskArea']);
    const model = new WardInboxModel();
    model.upsert([item]);
    const [header, row] = csvOf(model);
    assert.equal(row?.[header?.indexOf('Lưu ý y tế') ?? -1], 'Xét nghiệm dương tính; Từ vùng nguy cơ');
    assert.equal(row?.[header?.indexOf('Lịch sử quyết định') ?? -1], '09:00 Chuyển kiểm tra thêm (Hợp lệ); 09:10 Cho qua (Hợp lệ)');
  });

  it('contacts: a repeated delivery replaces, newest link first', () => {
    const list = new ContactList();
    const a = contactItem({ link: { kind: 'same-window', checkpointId: 'HN-QL1A-01', checkpointName: null, at: '2021-08-20T01:00:00.000Z', direction: 'in' } });
    const b = contactItem();
    list.replaceAll([a]);
    assert.equal(list.upsert([b, { ...a, deliveredAt: '2021-08-20T06:00:00.000Z' }]), 1);
    assert.deepEqual(list.all().map((c) => c.id), [b.id, a.id]);
  });
});
