import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warmUpVerify } from '../../src/scanner/verify-warm-up';

test('the verify worker warm-up verifies its pass through every step: expired (a good signature, travel in 2021)', async () => {
  assert.equal(await warmUpVerify(), 'expired');
});
