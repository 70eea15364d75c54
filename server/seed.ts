/// <reference types="node" />
// Demo data for the reference server, through the same paths real data takes: checkpoints,
// accounts, declarations (POST /declarations), kiosks enrolled with codes (POST /devices) and
// signed passage batches (POST /passages). DEMO-ONLY passwords, printed by `npm run demo`.
import { v7 as uuidv7 } from 'uuid';
import { encodeBase64Url } from '../src/core/base64url';
import { computePassageHash, GENESIS_HASH, type PassageRecord, type UnhashedPassage } from '../src/core/passage-record';
import { passageBatchBody } from '../src/api/passages';
import { seedPlan } from '../demo/backend/seed';
import type { Role } from './auth';
import type { Portal } from './portal';
import { DEMO_CHECKPOINTS } from './checkpoint-registry';

/** DEMO-ONLY accounts. Anyone reading this repository knows these passwords. */
export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; scope: string | null }[] = [
  { username: 'admin', password: 'demo-admin-password', role: 'admin', scope: null },
  { username: 'officer.hn', password: 'demo-officer-password', role: 'officer', scope: 'HN-QL1A-01' },
  { username: 'ward.00070', password: 'demo-ward-password', role: 'ward', scope: '00070' },
  { username: 'ward.09289', password: 'demo-ward-password', role: 'ward', scope: '09289' },
  { username: 'tracer.01', password: 'demo-tracer-password', role: 'tracer', scope: '01' },
];

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function call(portal: Portal, path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await portal.handle(new Request(`http://seed.local${portal.base}${path}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body),
  }));
  if (!response.ok) throw new Error(`seed: ${path} answered ${response.status} ${await response.text()}`);
  return response.json();
}

/** True when the database already holds data (the demo seeds only an empty one). */
export async function isSeeded(portal: Portal): Promise<boolean> {
  const [row] = await portal.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
  return (row?.n ?? 0) > 0;
}

export async function seedDemo(portal: Portal, now = new Date()): Promise<void> {
  const plan = seedPlan(now);
  for (const a of DEMO_ACCOUNTS) await portal.createAccount(a.username, a.password, a.role, a.scope);
  // The registry first: names, roads and coordinates of the gateway checkpoints.
  for (const c of DEMO_CHECKPOINTS) await portal.createCheckpoint(c);
  const passes: { passId: string; origin: string; destination: string; manual: string }[] = [];
  for (const declaration of plan.declarations) {
    const created = (await call(portal, '/declarations', declaration)) as { passId: string };
    const [row] = await portal.db.query<{ manual_code: string }>('SELECT manual_code FROM passes WHERE pass_id = $1', [created.passId]);
    passes.push({ passId: created.passId, origin: declaration.origin.unitCode, destination: declaration.destination.unitCode, manual: row?.manual_code ?? '' });
  }
  const devices: { deviceId: string; checkpointId: string; officerId: string; key: CryptoKey; seq: number; head: string }[] = [];
  for (const d of plan.devices) {
    if (!DEMO_CHECKPOINTS.some((c) => c.id === d.checkpointId)) {
      await portal.createCheckpoint({ id: d.checkpointId, name: d.label, provinceCode: d.checkpointId.startsWith('HN') ? '01' : '27', road: d.checkpointId.split('-')[1] ?? '' });
    }
    const { code } = await portal.issueEnrolmentCode(d.checkpointId, 'seed');
    const pair = (await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    await call(portal, '/devices', { deviceId: d.deviceId, publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, checkpointId: d.checkpointId, label: d.label, enrolmentCode: code });
    // The sample passages lie hours back: the seeded kiosks count as enrolled yesterday.
    await portal.db.query('UPDATE devices SET enrolled_at = $2 WHERE device_id = $1', [d.deviceId, new Date(now.getTime() - 86_400_000).toISOString()]);
    devices.push({ deviceId: d.deviceId, checkpointId: d.checkpointId, officerId: d.officerId, key: pair.privateKey, seq: 0, head: GENESIS_HASH });
  }
  const ordered = [...plan.passages].sort((a, b) => b.minutesAgo - a.minutesAgo);
  for (const p of ordered) {
    const device = devices[p.device];
    const pass = passes[p.pass];
    if (!device || !pass) throw new Error('seed plan refers to a missing pass or device');
    const atMs = now.getTime() - p.minutesAgo * 60_000;
    const unhashed = {
      id: uuidv7({ msecs: atMs }), deviceId: device.deviceId, seq: device.seq + 1, checkpointId: device.checkpointId, direction: p.direction,
      at: new Date(atMs).toISOString(), ...(p.manual ? { manualCode: pass.manual } : { passId: pass.passId }), originUnit: pass.origin,
      destinationUnit: pass.destination, verdictStatus: 'valid', decision: p.decision, officerId: device.officerId, prevHash: device.head,
    } as UnhashedPassage;
    const record = { ...unhashed, hash: computePassageHash(unhashed) } as PassageRecord;
    const batchId = uuidv7();
    const body = passageBatchBody({ deviceId: device.deviceId, batchId, records: [record] });
    const signature = encodeBase64Url(new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.key, new TextEncoder().encode(body))));
    const answer = (await call(portal, '/passages', body, { 'Idempotency-Key': batchId, 'X-Device-Id': device.deviceId, 'X-Signature': signature })) as { accepted: string[] };
    if (answer.accepted.length !== 1) throw new Error(`seed passage refused: ${JSON.stringify(answer)}`);
    device.seq = record.seq;
    device.head = record.hash;
  }
  await portal.publishTrust({ riskAreas: plan.riskAreas });
}
