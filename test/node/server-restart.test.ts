/// <reference types="node" />
// Restart (issue 10): the reference server, as its own process on PGlite on disk, is killed with
// SIGKILL while 4 kiosks sync 2,000 passages, started again on the same data directory, and the
// kiosks retry: every passage is stored exactly once, no sequence hole, nothing left pending.
// The bench runs the full size (20,000 passages from 10 devices).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { restartDrill } from '../tools/restart-drill';

test('kill -9 mid-sync, restart, retries: every passage stored exactly once', async (t) => {
  const r = await restartDrill({ devices: 4, passages: 2000, batchSize: 50, killAt: 0.3 });
  t.diagnostic(JSON.stringify(r));
  assert.ok(r.acknowledgedBeforeKill > 0 && r.acknowledgedBeforeKill < r.passages, `killed mid-sync (${r.acknowledgedBeforeKill} of ${r.passages} acknowledged)`);
  assert.ok(r.cutRequests > 0, 'some batches were in flight when the server died');
  assert.equal(r.stored, 2000);
  assert.equal(r.lost, 0);
  assert.equal(r.duplicated, 0);
  assert.equal(r.devicesWithGaps, 0);
  assert.equal(r.held, 0);
});
