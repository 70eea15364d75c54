/// <reference types="node" />
// The kiosk's trust and time: bundle freshness counted from issuance (never reset by a replay),
// future-dated bundles refused, and the trusted clock that a device clock set back cannot fool.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { validateDeclaration } from '../../src/core/declaration';
import { issuePass } from '../../src/core/issue';
import { createTrustBundle, readTrustBundle, trustStoreInit, type TrustBundleInput } from '../../src/core/trust-bundle';
import { createTrustStore } from '../../src/core/trust-store';
import { verifyPass } from '../../src/core/verify';
import { TrustedClock } from '../../src/sync/trusted-clock';
import { DEMO_ISSUER, DEMO_ISSUER_PUBLIC_JWKS, DEMO_TRUST_ANCHOR_PRIVATE_JWK, DEMO_TRUST_ANCHOR_PUBLIC_JWKS } from '../../demo/backend/demo-keys';
import { makeTestIssuer, type TestIssuer } from '../fixtures/jws';
import { referenceDeclaration } from '../fixtures/reference';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T12:00:00Z');

const content = (issuedAt: number, patch: Partial<TrustBundleInput> = {}): TrustBundleInput => ({
  sequence: 5,
  issuedAt: new Date(issuedAt).toISOString(),
  issuers: [{ iss: DEMO_ISSUER, jwks: DEMO_ISSUER_PUBLIC_JWKS }],
  revokedPassIds: [],
  riskAreas: [],
  ...patch,
});

describe('trust bundle freshness from issuance', () => {
  it('createTrustBundle sets issuedAt (now) and expiresAt (issuedAt + 48 h) by default', async () => {
    const { issuedAt: _i, ...rest } = content(NOW);
    const text = await createTrustBundle(rest, DEMO_TRUST_ANCHOR_PRIVATE_JWK, { now: new Date(NOW) });
    const read = await readTrustBundle(text, DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: NOW });
    assert.ok(read.ok);
    assert.equal(read.bundle.issuedAt, new Date(NOW).toISOString());
    assert.equal(read.bundle.expiresAt, new Date(NOW + 48 * HOUR).toISOString());
    await assert.rejects(createTrustBundle(content(NOW, { expiresAt: new Date(NOW - 1).toISOString() }), DEMO_TRUST_ANCHOR_PRIVATE_JWK), TypeError);
    await assert.rejects(createTrustBundle(content(NOW, { expiresAt: new Date(NOW + 31 * DAY).toISOString() }), DEMO_TRUST_ANCHOR_PRIVATE_JWK), TypeError);
  });

  it('age counts from issuedAt: replaying the held bundle 60 h later does not make it fresh', async () => {
    const text = await createTrustBundle(content(NOW), DEMO_TRUST_ANCHOR_PRIVATE_JWK);
    const later = NOW + 60 * HOUR;
    // The same bundle again (a replay, or the portal's 304) is accepted — and is still 60 h old.
    const replay = await readTrustBundle(text, DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { previous: { sequence: 5, issuedAt: new Date(NOW).toISOString() }, now: later });
    assert.ok(replay.ok);
    const store = await createTrustStore(trustStoreInit(replay.bundle));
    assert.equal(store.isStale(new Date(later)), true);
  });

  it('a 30-day-old genuine bundle is stale the moment a fresh kiosk accepts it', async () => {
    const old = await readTrustBundle(await createTrustBundle(content(NOW - 30 * DAY), DEMO_TRUST_ANCHOR_PRIVATE_JWK), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: NOW });
    assert.ok(old.ok);
    const store = await createTrustStore(trustStoreInit(old.bundle, { maxAgeSeconds: 48 * 3600 }));
    assert.equal(store.isStale(new Date(NOW)), true);
  });

  it('a bundle past its expiresAt is stale even inside the kiosk’s max age', async () => {
    const read = await readTrustBundle(
      await createTrustBundle(content(NOW, { expiresAt: new Date(NOW + 6 * HOUR).toISOString() }), DEMO_TRUST_ANCHOR_PRIVATE_JWK),
      DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: NOW },
    );
    assert.ok(read.ok);
    const store = await createTrustStore(trustStoreInit(read.bundle, { maxAgeSeconds: 48 * 3600 }));
    assert.equal(store.isStale(new Date(NOW + 5 * HOUR)), false);
    assert.equal(store.isStale(new Date(NOW + 7 * HOUR)), true);
  });

  it('a bundle dated years ahead is refused (future-dated), so it never blocks correct later bundles', async () => {
    const ahead = await createTrustBundle(content(NOW + 3 * 365 * DAY, { sequence: 6 }), DEMO_TRUST_ANCHOR_PRIVATE_JWK);
    const read = await readTrustBundle(ahead, DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: NOW, previous: { sequence: 5, issuedAt: new Date(NOW - HOUR).toISOString() } });
    assert.equal(read.ok ? 'accepted' : read.code, 'future-dated');
    // Within the tolerance (default 300 s) it is accepted; beyond it refused.
    assert.ok((await readTrustBundle(await createTrustBundle(content(NOW + 240_000), DEMO_TRUST_ANCHOR_PRIVATE_JWK), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: NOW })).ok);
    const beyond = await readTrustBundle(await createTrustBundle(content(NOW + 360_000), DEMO_TRUST_ANCHOR_PRIVATE_JWK), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: NOW });
    assert.equal(beyond.ok ? 'accepted' : beyond.code, 'future-dated');
    // The correct next bundle is then accepted over the held one.
    const next = await readTrustBundle(await createTrustBundle(content(NOW, { sequence: 6 }), DEMO_TRUST_ANCHOR_PRIVATE_JWK), DEMO_TRUST_ANCHOR_PUBLIC_JWKS, { now: NOW, previous: { sequence: 5, issuedAt: new Date(NOW - HOUR).toISOString() } });
    assert.ok(next.ok);
  });
});

describe('the trusted clock', () => {
  let issuer: TestIssuer;
  before(async () => {
    issuer = await makeTestIssuer('https://portal.test.checkpoint-kit.vn');
  });

  /** A device whose wall clock the test sets, and a monotonic clock that only moves forward. */
  function device(startMs: number) {
    let wall = startMs;
    let mono = 1000;
    return {
      clockOptions: { device: () => wall, monotonic: () => mono },
      advance(ms: number) {
        wall += ms;
        mono += ms;
      },
      setWall(ms: number) {
        wall = ms;
      },
    };
  }

  it('in session: a device clock set back changes nothing (monotonic time from the server anchor)', () => {
    const d = device(NOW);
    const clock = new TrustedClock(d.clockOptions);
    clock.anchor(NOW);
    d.advance(10 * 60_000);
    d.setWall(NOW - 3 * DAY); // the officer (or anyone) sets the clock back three days
    const reading = clock.read();
    assert.equal(reading.now, NOW + 10 * 60_000);
    assert.equal(reading.exceeded, true, 'the disagreement is flagged');
    assert.ok(reading.skewMs > 2 * DAY);
  });

  it('across a reload offline: never earlier than the latest trusted time seen (floor), and flagged', () => {
    const d = device(NOW);
    const first = new TrustedClock(d.clockOptions);
    first.anchor(NOW);
    d.advance(HOUR);
    const saved = first.snapshot();
    // Page closed; clock set back 3 days; page reopened (monotonic time restarts), still offline.
    d.setWall(NOW - 3 * DAY + HOUR);
    const second = new TrustedClock(d.clockOptions);
    second.restore(saved);
    const reading = second.read();
    assert.ok(reading.now >= NOW + HOUR, 'not earlier than what this device already saw');
    assert.equal(reading.exceeded, true);
    assert.equal(reading.source, 'restored');
    assert.equal(reading.driftMs, Math.round((reading.sinceServerMs as number) * 100e-6), 'says how far the anchor may have drifted');
  });

  it('an expired pass stays expired when the device clock is set back three days', async () => {
    const validated = validateDeclaration(referenceDeclaration(new Date(NOW - 4 * DAY)), { now: new Date(NOW - 4 * DAY) });
    assert.ok(validated.ok);
    const qr = await issuePass(validated.value, { privateKey: issuer.privateKey, issuer: issuer.iss }, { validFrom: new Date(NOW - 4 * DAY) }); // expired since NOW − 1 day
    const trust = await createTrustStore({ issuers: [{ iss: issuer.iss, jwks: { keys: [issuer.publicJwk] } }], updatedAt: new Date(NOW) });
    const d = device(NOW);
    const clock = new TrustedClock(d.clockOptions);
    clock.anchor(NOW);
    const saved = clock.snapshot();
    d.setWall(NOW - 3 * DAY);
    const reopened = new TrustedClock(d.clockOptions);
    reopened.restore(saved);
    assert.equal((await verifyPass(qr, trust, { now: new Date(d.clockOptions.device()) })).status, 'valid', 'the bare device clock is fooled');
    assert.equal((await verifyPass(qr, trust, { now: new Date(reopened.now()) })).status, 'expired', 'the trusted clock is not');
  });

  it('a server measurement re-anchors it, also backwards (the floor guards only the device clock)', () => {
    const d = device(NOW);
    const clock = new TrustedClock(d.clockOptions);
    clock.observe(NOW + DAY); // a passage once recorded with a clock a day ahead
    assert.ok(clock.now() >= NOW + DAY);
    clock.anchor(NOW);
    assert.equal(clock.now(), NOW);
    assert.equal(clock.read().exceeded, false);
  });
});
