/// <reference types="node" />
// The checkpoint's rules without a browser: earlier-passage warnings, re-scans, amendments,
// health and risk-area flags, the automatic decision; the kiosk's trust anchor file and its
// settings parser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { automaticDecision, checkHistory, passFlags, type PriorPassage } from '../../src/elements/ck-checkpoint/checkpoint-rules';
import { parseAnchorJwks } from '../../src/elements/ck-checkpoint/anchor';
import { DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { isComplete, loadConfig, normalise, saveConfig, setupValues } from '../../demo/kiosk/config';
import { kioskManifest } from '../../demo/kiosk/pwa';
import { referenceDeclaration } from '../fixtures/reference';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const MIN = 60_000;
let n = 0;
function prior(minutesAgo: number, checkpointId: string, direction: 'in' | 'out', source: 'local' | 'portal' = 'local'): PriorPassage {
  n++;
  return { id: `p${String(n).padStart(4, '0')}`, at: new Date(NOW - minutesAgo * MIN).toISOString(), checkpointId, direction, decision: 'allow', verdictStatus: 'valid', source };
}
const context = { now: NOW, checkpointId: 'CP-1', direction: 'in' as const, verdictStatus: 'valid', rescanWindowMs: 2 * MIN, recentWindowMs: 10 * MIN, amendWindowMs: 15 * MIN };
const codes = (check: ReturnType<typeof checkHistory>) => check.flags.map((f) => f.code);

describe('checkpoint rules: earlier passages', () => {
  it('nothing earlier: no flag, not a re-scan', () => {
    const check = checkHistory([], context);
    assert.equal(check.rescanOf, undefined);
    assert.deepEqual(check.flags, []);
  });

  it('IN here hours ago with no OUT since → double-in; an OUT in between clears it', () => {
    assert.deepEqual(codes(checkHistory([prior(300, 'CP-1', 'in')], context)), ['double-in']);
    assert.deepEqual(codes(checkHistory([prior(300, 'CP-1', 'in'), prior(200, 'CP-1', 'out')], context)), []);
    // Only IN is checked (an OUT twice is not the documented warning), and only at this checkpoint.
    assert.deepEqual(codes(checkHistory([prior(300, 'CP-1', 'out')], { ...context, direction: 'out' })), []);
    assert.deepEqual(codes(checkHistory([prior(300, 'CP-2', 'in')], context)), []);
  });

  it('same checkpoint and direction within the re-scan window → re-scan (not recorded again)', () => {
    const earlier = prior(1, 'CP-1', 'in');
    const check = checkHistory([earlier], context);
    assert.equal(check.rescanOf?.id, earlier.id);
    assert.ok(!codes(check).includes('double-in'));
    assert.equal(checkHistory([prior(3, 'CP-1', 'in')], context).rescanOf, undefined);
    // A forged copy of a pass just recorded is not a repeat of it: recorded, and flagged.
    const forged = checkHistory([prior(1, 'CP-1', 'in')], { ...context, verdictStatus: 'bad-signature' });
    assert.equal(forged.rescanOf, undefined);
    assert.deepEqual(codes(forged), ['double-in']);
  });

  it('a future-dated passage never suppresses a record (finding: a traveller could stop their own record)', () => {
    // Posted to the portal for this pass at this checkpoint, dated an hour ahead.
    const planted = prior(-60, 'CP-1', 'in', 'portal');
    assert.equal(checkHistory([planted], context).rescanOf, undefined);
    // The same from this device's own outbox (a clock that was ahead): still not a re-scan…
    assert.equal(checkHistory([prior(-60, 'CP-1', 'in')], context).rescanOf, undefined);
    // …but a few seconds ahead is within the tolerance (default 60 s).
    assert.ok(checkHistory([{ ...prior(0, 'CP-1', 'in'), at: new Date(NOW + 30_000).toISOString() }], context).rescanOf);
    assert.equal(checkHistory([{ ...prior(0, 'CP-1', 'in'), at: new Date(NOW + 30_000).toISOString() }], { ...context, futureToleranceMs: 10_000 }).rescanOf, undefined);
  });

  it('only this device’s records count as a re-scan: a portal passage a minute ago is recorded again', () => {
    assert.equal(checkHistory([prior(1, 'CP-1', 'in', 'portal')], context).rescanOf, undefined);
  });

  it('elsewhere or the other way within minutes → recent-passage (local or portal)', () => {
    assert.deepEqual(codes(checkHistory([prior(4, 'CP-2', 'out', 'portal')], context)), ['recent-passage']);
    assert.deepEqual(codes(checkHistory([prior(4, 'CP-1', 'out')], context)), ['recent-passage']);
    assert.deepEqual(codes(checkHistory([prior(40, 'CP-2', 'out')], context)), []);
  });

  it('records of one passage (officer amendments) count once; local wins over the portal copy', () => {
    const first = prior(300, 'CP-1', 'in');
    const amended = { ...prior(299, 'CP-1', 'in'), decision: 'deny' as const };
    const check = checkHistory([first, amended, { ...amended, source: 'portal' as const }], context);
    assert.deepEqual(codes(check), ['double-in']);
    const flag = check.flags[0];
    assert.ok(flag?.code === 'double-in' && flag.prior.decision === 'deny' && flag.prior.source === 'local');
  });
});

describe('checkpoint rules: pass flags and the automatic decision', () => {
  it('origin in a listed ward or province, positive test, symptoms, contact', () => {
    const d = referenceDeclaration();
    assert.deepEqual(passFlags(d, []), []);
    assert.deepEqual(passFlags(d, [{ unitCode: '00070', level: 'high', since: '2026-11-20' }]).map((f) => f.code), ['risk-area']);
    assert.deepEqual(passFlags(d, [{ unitCode: '01', since: '2026-11-20' }]).map((f) => f.code), ['risk-area']);
    assert.deepEqual(passFlags(d, [{ unitCode: '09289', since: '2026-11-20' }]), [], 'the destination is not the origin');
    const ill = { ...d, health: { symptoms: ['fever' as const], contactWithCase: true, testResult: { result: 'positive' as const, date: '2026-11-26' } } };
    assert.deepEqual(passFlags(ill, []).map((f) => f.code), ['positive-test', 'symptoms', 'contact']);
  });

  it('allow only for a valid pass without any flag; refer otherwise', () => {
    assert.equal(automaticDecision('valid', []), 'allow');
    assert.equal(automaticDecision('valid', [{ code: 'contact' }]), 'refer');
    assert.equal(automaticDecision('expired', []), 'refer');
    assert.equal(automaticDecision('bad-signature', []), 'refer');
  });
});

describe('kiosk page files', () => {
  it('the shipped trust anchor is exactly the demo anchor’s public key, and parses', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../demo/kiosk/trust-anchor.json', import.meta.url), 'utf8')) as unknown;
    assert.deepEqual(shipped, DEMO_TRUST_ANCHOR_PUBLIC_JWKS);
    assert.equal(parseAnchorJwks(shipped).keys.length, 1);
    assert.throws(() => parseAnchorJwks({ keys: [{ ...DEMO_TRUST_ANCHOR_PUBLIC_JWKS.keys[0], d: 'secret' }] }), /private/);
    assert.throws(() => parseAnchorJwks({ keys: [] }), /JWKS/);
  });

  it('settings: ids only (no spaces, so no names); the query string only prefills set-up', () => {
    assert.deepEqual(normalise({ checkpointId: 'HN-QL1A-01', officerId: 'Nguyen Van A' }), { checkpointId: 'HN-QL1A-01' });
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    } as unknown as Storage;
    assert.deepEqual(loadConfig(storage, ''), { config: { deviceLabel: '', lang: 'vi' }, prefill: {} });
    // A fresh kiosk: the link prefills the set-up form, and nothing is saved until set-up is submitted.
    const fresh = loadConfig(storage, '?checkpoint=HN-01&officer=CA-7&lang=en');
    assert.deepEqual(fresh, { config: { deviceLabel: '', lang: 'en' }, prefill: { checkpointId: 'HN-01', officerId: 'CA-7' } });
    assert.equal(isComplete(fresh.config), false, 'the kiosk still opens set-up');
    assert.deepEqual(setupValues(fresh), { deviceLabel: '', lang: 'en', checkpointId: 'HN-01', officerId: 'CA-7' });
    assert.equal(data.size, 0, 'nothing saved by opening a link');
    // A configured kiosk: a link with another officer and checkpoint changes nothing.
    saveConfig(storage, { checkpointId: 'HN-02', officerId: 'CA-1', deviceLabel: '', lang: 'vi' });
    const before = data.get('ck-kiosk-config');
    const linked = loadConfig(storage, '?checkpoint=EVIL-9&officer=X-1&label=spoof');
    assert.deepEqual(linked.config, { checkpointId: 'HN-02', officerId: 'CA-1', deviceLabel: '', lang: 'vi' });
    assert.equal(setupValues(linked).checkpointId, 'HN-02', 'set-up shows the configured values, not the link’s');
    assert.equal(setupValues(linked).deviceLabel, 'spoof', 'an empty field may be prefilled');
    assert.equal(data.get('ck-kiosk-config'), before);
  });

  it('the web manifest is the kiosk’s: scope, start URL and icons under /kiosk/', () => {
    const manifest = kioskManifest('/') as { scope: string; start_url: string; icons: { src: string; purpose: string }[]; display: string };
    assert.equal(manifest.scope, '/kiosk/');
    assert.equal(manifest.start_url, '/kiosk/');
    assert.ok(manifest.icons.every((i) => i.src.startsWith('/kiosk/icons/')));
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
    for (const icon of manifest.icons) readFileSync(new URL(`../../demo/kiosk/icons/${icon.src.split('/').pop()}`, import.meta.url));
  });
});
