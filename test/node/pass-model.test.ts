/// <reference types="node" />
// <ck-pass>'s model without a DOM: the state from verdict and clock, and the saved card's text —
// each family member's card carries their own name, and the vaccination when declared; the state
// line's words and reason; the live part of the validity.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PassVerdict, VerifiedPass } from '../../src/core/verdict-types';
import { messages } from '../../src/elements/ck-pass/ck-pass.messages';
import { passCardLines } from '../../src/elements/ck-pass/pass-card';
import { reasonText } from '../../src/core/texts';
import { formatDateTime, formatIsoDate, passCard, stateLine, stateOf, validityLive } from '../../src/elements/ck-pass/pass-model';
import { familyOfFour } from '../fixtures/family';

const NOW = new Date('2026-11-27T03:00:00Z');
const family = familyOfFour(NOW);

function pass(i: number): VerifiedPass {
  const declaration = family[i];
  assert.ok(declaration);
  return {
    passId: `${'A'.repeat(21)}${i}`,
    issuer: 'https://portal.test',
    kid: 'k',
    issuedAt: NOW,
    validFrom: NOW,
    validUntil: new Date(NOW.getTime() + 72 * 3_600_000),
    declaration,
    format: 'CK2',
  };
}

describe('ck-pass model', () => {
  it('a card per family member, each with its own name, manual code, route codes and (when declared) vaccination', () => {
    const en = messages.en;
    assert.ok(en);
    const cards = family.map((_, i) => passCardLines(passCard(pass(i), en, 'en', () => undefined, () => undefined)));
    assert.deepEqual(cards.map((lines) => lines[0]), family.map((d) => d.fullName));
    assert.equal(new Set(cards.map((lines) => lines[1])).size, 4, 'four different manual codes');
    assert.ok(cards[3]?.some((line) => line === `${en.vaccination}: 2 doses, last dose on 20/06/2021`), cards[3]?.join('\n'));
    assert.ok(!cards[0]?.some((line) => line.startsWith(en.vaccination)));
    assert.ok(cards[0]?.some((line) => line.includes('00070') && line.includes('Hà Nội')), 'origin ward code and province (from the core list)');
  });

  it('states: the verdict first, then the clock moves a valid pass on', () => {
    const p = pass(0);
    const valid = { status: 'valid' } as PassVerdict;
    assert.equal(stateOf({ text: 'x', pass: p, verdict: valid }, NOW.getTime()), 'valid');
    assert.equal(stateOf({ text: 'x', pass: p, verdict: valid }, p.validUntil.getTime() + 1), 'expired');
    assert.equal(stateOf({ text: 'x', pass: p }, NOW.getTime()), 'unverified');
    assert.equal(stateOf({ text: 'x', pass: p, verdict: { status: 'bad-signature' } as PassVerdict }, NOW.getTime()), 'invalid');
    assert.equal(stateOf({ text: 'x', pass: p, verdict: { status: 'revoked' } as PassVerdict }, NOW.getTime()), 'revoked');
    assert.equal(formatIsoDate('2021-07-24'), '24/07/2021');
  });

  it('the state line: words and icon per state, the verdict\'s reason, the clock\'s when a valid pass expired, stale trust', () => {
    const en = messages.en;
    assert.ok(en);
    const p = pass(0);
    const valid: PassVerdict = { status: 'valid', reason: 'ok', reasons: { vi: 'hợp lệ', en: 'ok' }, warnings: ['stale-trust'] };
    const line = stateLine({ text: 'x', pass: p, verdict: valid }, 'valid', en, 'en');
    assert.deepEqual(line, { icon: '✓', words: en.state.valid, reason: 'ok', stale: reasonText('stale-trust', 'en') });
    assert.equal(stateLine({ text: 'x', pass: p, verdict: valid }, 'expired', en, 'vi').reason, reasonText('expired', 'vi'));
    const unverified = stateLine({ text: 'x', pass: p }, 'unverified', en, 'en');
    assert.deepEqual(unverified, { icon: '?', words: en.state.unverified, reason: en.unverifiedNote, stale: '' });
  });

  it('the validity\'s live part: starts in, runs for, ended at', () => {
    const en = messages.en;
    assert.ok(en);
    const p = pass(0);
    const hour = 3_600_000;
    assert.equal(validityLive(p, NOW.getTime() - hour, hour, en, 'en-GB'), en.startsIn({ days: 0, hours: 1, minutes: 0, seconds: 0 }, false));
    assert.equal(validityLive(p, NOW.getTime(), 72 * hour, en, 'en-GB'), en.countdown({ days: 3, hours: 0, minutes: 0, seconds: 0 }, false));
    assert.equal(validityLive(p, p.validUntil.getTime(), 0, en, 'en-GB'), en.expiredAt(formatDateTime('en-GB', p.validUntil)));
  });
});
