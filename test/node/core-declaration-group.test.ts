/// <reference types="node" />
// validateDeclarationGroup: a family in one car — shared journey once, each member's own
// identity and health, one full Declaration per member; errors placed under journey./members.<i>.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GROUP_SIZE, groupFromDeclarations, validateDeclarationGroup } from '../../src/core/declaration-group';
import { validateDeclaration } from '../../src/core/declaration';
import { familyGroup, familyOfFour } from '../fixtures/family';

const NOW = new Date('2026-11-27T03:00:00Z');

function errorsOf(input: unknown): { field: string; code: string }[] {
  const result = validateDeclarationGroup(input, { now: NOW });
  return result.ok ? [] : result.errors;
}

describe('validateDeclarationGroup', () => {
  it('expands a family of four into four declarations sharing the journey', () => {
    const result = validateDeclarationGroup(familyGroup(NOW), { now: NOW });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.equal(result.value.length, 4);
    // Each is exactly what validateDeclaration makes of that person's full declaration.
    const expected = familyOfFour(NOW).map((d) => {
      const one = validateDeclaration(d, { now: NOW });
      assert.ok(one.ok);
      return one.value;
    });
    assert.deepEqual(result.value, expected);
    for (const d of result.value) {
      assert.deepEqual(d.origin, expected[0]?.origin);
      assert.equal(d.departureDate, expected[0]?.departureDate);
      assert.equal(d.vehiclePlate, '29A-123.45');
    }
    assert.deepEqual(result.value[3]?.vaccination, { doses: 2, lastDoseDate: '2021-06-20' });
  });

  it('gives members without a phone the declarant\'s number; a member\'s own number wins', () => {
    const body = familyGroup(NOW);
    assert.equal(body.members[2]?.phone, undefined, 'the wire body leaves the child without a phone');
    const result = validateDeclarationGroup(body, { now: NOW });
    assert.ok(result.ok);
    assert.equal(result.value[2]?.phone, '0912345678');
    assert.equal(result.value[1]?.phone, '0987654321');
  });

  it('reports a shared field once, under journey.', () => {
    const body = familyGroup(NOW);
    body.journey.departureDate = '2026-11-01';
    assert.deepEqual(errorsOf(body), [{ field: 'journey.departureDate', code: 'before-today' }]);
  });

  it('reports a member\'s own field under members.<i>.', () => {
    const body = structuredClone(familyGroup(NOW)) as unknown as { members: Record<string, unknown>[] };
    (body.members[2] as Record<string, unknown>).fullName = '';
    (body.members[3] as Record<string, unknown>).gender = 'x';
    assert.deepEqual(errorsOf(body), [
      { field: 'members.2.fullName', code: 'required' },
      { field: 'members.3.gender', code: 'unknown-value' },
    ]);
  });

  it(`refuses fewer than ${GROUP_SIZE.min} or more than ${GROUP_SIZE.max} members, and bad shapes`, () => {
    const body = familyGroup(NOW);
    assert.deepEqual(errorsOf({ ...body, members: body.members.slice(0, 1) }), [{ field: 'members', code: 'group-size' }]);
    const nine = Array.from({ length: 9 }, () => body.members[0]);
    assert.deepEqual(errorsOf({ ...body, members: nine }), [{ field: 'members', code: 'group-size' }]);
    assert.deepEqual(errorsOf({ ...body, members: 'x' }), [{ field: 'members', code: 'invalid-type' }]);
    assert.deepEqual(errorsOf({ members: body.members }), [{ field: 'journey', code: 'required' }]);
    assert.deepEqual(errorsOf([]), [{ field: '', code: 'invalid-type' }]);
    assert.deepEqual(errorsOf(null), [{ field: '', code: 'invalid-type' }]);
    assert.deepEqual(errorsOf({ ...body, members: [body.members[0], 7] }), [{ field: 'members.1', code: 'invalid-type' }]);
  });

  it('ignores journey fields given inside a member (the journey is shared)', () => {
    const body = structuredClone(familyGroup(NOW)) as unknown as { members: Record<string, unknown>[] };
    (body.members[1] as Record<string, unknown>).departureDate = '2000-01-01';
    const result = validateDeclarationGroup(body, { now: NOW });
    assert.ok(result.ok);
    assert.equal(result.value[1]?.departureDate, result.value[0]?.departureDate);
  });

  it('groupFromDeclarations round-trips', () => {
    const family = familyOfFour(NOW);
    const result = validateDeclarationGroup(groupFromDeclarations(family), { now: NOW });
    assert.ok(result.ok);
    assert.deepEqual(result.value.map((d) => d.fullName), family.map((d) => d.fullName));
  });

  it('never throws on odd input', () => {
    for (const input of [undefined, 1, 'x', { journey: 1, members: [] }, { journey: {}, members: [{}, {}] }, { journey: { origin: [] }, members: [null, null] }]) {
      assert.doesNotThrow(() => validateDeclarationGroup(input, { now: NOW }));
      assert.equal(validateDeclarationGroup(input, { now: NOW }).ok, false);
    }
  });
});
