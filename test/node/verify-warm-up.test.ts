import { test } from 'node:test';
import assert from 'node:assert/strict';
import { warmUpVerify } from '../../src/scanner/verify-warm-up';

test('the verify worker warm-up issues a pass and verifies it as valid (the whole path, signature included)', async () => {
  assert.equal(await warmUpVerify(), 'valid');
});
