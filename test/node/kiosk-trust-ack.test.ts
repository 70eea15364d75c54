/// <reference types="node" />
// The stale-trust gate without a browser: when a bundle is stale, what a valid pass becomes
// before and after the officer's acknowledgement, and when an acknowledgement ends.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  acknowledge,
  currentAcknowledgement,
  endAcknowledgements,
  gatedStatus,
  isTrustStale,
  MAX_ACKNOWLEDGEMENTS,
  staleTrustFlagged,
  staleTrustGate,
  type BundleStamp,
} from '../../src/core/trust-acknowledgement';
import { automaticDecision } from '../../src/elements/ck-checkpoint/checkpoint-rules';

const H = 3_600_000;
const MAX_AGE = 48 * H;
const ISSUED = Date.parse('2026-11-01T00:00:00Z');
const OLD: BundleStamp = { sequence: 7, issuedAt: new Date(ISSUED).toISOString(), expiresAt: new Date(ISSUED + 30 * 24 * H).toISOString() };
const FRESHER: BundleStamp = { sequence: 8, issuedAt: new Date(ISSUED + 72 * H).toISOString(), expiresAt: new Date(ISSUED + 120 * H).toISOString() };

describe('stale trust gate', () => {
  it('is stale past the maximum age from issuedAt, or past expiresAt, or on an unreadable date', () => {
    assert.equal(isTrustStale(OLD, ISSUED + 47 * H, MAX_AGE), false);
    assert.equal(isTrustStale(OLD, ISSUED + 49 * H, MAX_AGE), true);
    const shortLived = { ...OLD, expiresAt: new Date(ISSUED + 10 * H).toISOString() };
    assert.equal(isTrustStale(shortLived, ISSUED + 11 * H, MAX_AGE), true);
    assert.equal(isTrustStale({ ...OLD, issuedAt: 'not a date' }, ISSUED, MAX_AGE), true);
  });

  it('a fresh kiosk on a 30-day-old bundle needs an acknowledgement: valid becomes stale-trust, flagged, never allowed automatically', () => {
    const now = ISSUED + 30 * 24 * H - H;
    const gate = staleTrustGate(OLD, [], now, MAX_AGE);
    assert.equal(gate, 'needs-ack');
    assert.equal(gatedStatus('valid', ['stale-trust'], gate), 'stale-trust');
    // Even if the verifier did not warn (its clock differs), the gate holds the verdict back.
    assert.equal(gatedStatus('valid', [], gate), 'stale-trust');
    assert.equal(staleTrustFlagged([], gate), true);
    assert.equal(automaticDecision(gatedStatus('valid', [], gate), []), 'refer');
    // Non-valid verdicts keep their own status.
    assert.equal(gatedStatus('revoked', ['stale-trust'], gate), 'revoked');
  });

  it('after the acknowledgement of this bundle verdicts may be valid and unflagged', () => {
    const now = ISSUED + 60 * H;
    const log = acknowledge([], OLD, now, MAX_AGE);
    assert.ok(log);
    assert.deepEqual(log, [{ acknowledgedAt: new Date(now).toISOString(), sequence: 7, issuedAt: OLD.issuedAt }]);
    const gate = staleTrustGate(OLD, log, now + H, MAX_AGE);
    assert.equal(gate, 'acknowledged');
    assert.equal(gatedStatus('valid', ['stale-trust'], gate), 'valid');
    assert.equal(staleTrustFlagged(['stale-trust'], gate), false);
    // Acknowledging again adds nothing.
    assert.equal(acknowledge(log, OLD, now + 2 * H, MAX_AGE)?.length, 1);
  });

  it('refuses to log an acknowledgement of fresh trust, and keeps the verifier warning on fresh-looking trust', () => {
    assert.equal(acknowledge([], OLD, ISSUED + H, MAX_AGE), undefined);
    assert.equal(acknowledge([], OLD, Number.NaN, MAX_AGE), undefined);
    assert.equal(gatedStatus('valid', ['stale-trust'], 'fresh'), 'stale-trust');
    assert.equal(staleTrustFlagged(['stale-trust'], 'fresh'), true);
    assert.equal(gatedStatus('valid', [], 'fresh'), 'valid');
  });

  it('an acknowledgement covers only its own bundle and ends when a fresher one arrives', () => {
    const log = acknowledge([], OLD, ISSUED + 60 * H, MAX_AGE) ?? [];
    // Another bundle (same number re-dated, or a later number) is not covered.
    assert.equal(currentAcknowledgement(log, { ...OLD, issuedAt: new Date(ISSUED + H).toISOString() }), undefined);
    assert.equal(staleTrustGate(FRESHER, log, ISSUED + 200 * H, MAX_AGE), 'needs-ack');
    const ended = endAcknowledgements(log, FRESHER, ISSUED + 73 * H);
    assert.equal(ended[0]?.endedAt, new Date(ISSUED + 73 * H).toISOString());
    // Kept in the log, no longer in force even for the old bundle (a replay of it).
    assert.equal(ended.length, 1);
    assert.equal(staleTrustGate(OLD, ended, ISSUED + 74 * H, MAX_AGE), 'needs-ack');
    // Storing the same bundle again ends nothing.
    assert.equal(endAcknowledgements(log, OLD, ISSUED + 73 * H)[0]?.endedAt, undefined);
  });

  it('holds no personal data and keeps a bounded log', () => {
    let log = acknowledge([], OLD, ISSUED + 60 * H, MAX_AGE) ?? [];
    assert.deepEqual(Object.keys(log[0] ?? {}).sort(), ['acknowledgedAt', 'issuedAt', 'sequence']);
    for (let i = 0; i < MAX_ACKNOWLEDGEMENTS + 5; i++) {
      const b = { ...OLD, sequence: 100 + i };
      log = endAcknowledgements(log, b, ISSUED + 60 * H);
      log = acknowledge(log, b, ISSUED + 61 * H, MAX_AGE) ?? log;
    }
    assert.equal(log.length, MAX_ACKNOWLEDGEMENTS);
    assert.equal(log.at(-1)?.sequence, 100 + MAX_ACKNOWLEDGEMENTS + 4);
  });
});
