/// <reference types="node" />
// Helpers of the tracing suites: declarations through the contract, a reader of Server-Sent
// Events from a Response body, and the kiosk devices of server-support with their enrolment
// moved back so passages may lie hours in the past.
import { referenceDeclaration } from '../fixtures/reference';
import type { Portal } from '../../server/portal';
import type { TestDevice } from './backend-support';
import { enrolledDevice, req } from './server-support';

export interface Person {
  passId: string;
  manualCode: string;
  origin: string;
  destination: string;
  fullName: string;
}

const PROVINCE: Record<string, string> = { '00': '01', '09': '27', '26': '79' };

/** Issues a pass through POST /declarations for a trip between two ward codes. */
export async function declarePerson(portal: Portal, fullName: string, origin: string, destination: string, health: Record<string, unknown> = {}): Promise<Person> {
  const base = referenceDeclaration();
  const place = (unit: string) => ({ provinceCode: PROVINCE[unit.slice(0, 2)] ?? '01', unitCode: unit, address: 'Số 1, phố Test' });
  const response = await portal.handle(req('/api/declarations', {
    body: { ...base, fullName, origin: place(origin), destination: place(destination), health: { symptoms: [], contactWithCase: false, ...health } },
  }));
  if (response.status !== 201) throw new Error(`declare ${response.status} ${await response.text()}`);
  const { passId } = (await response.json()) as { passId: string };
  const [row] = await portal.db.query<{ manual_code: string }>('SELECT manual_code FROM passes WHERE pass_id = $1', [passId]);
  return { passId, manualCode: row?.manual_code ?? '', origin, destination, fullName };
}

/** A kiosk enrolled at the checkpoint, counted as enrolled `daysBack` days ago. */
export async function kiosk(portal: Portal, checkpointId: string, daysBack = 3): Promise<TestDevice> {
  const device = await enrolledDevice(portal, checkpointId);
  await portal.db.query('UPDATE devices SET enrolled_at = enrolled_at - make_interval(days => $2) WHERE device_id = $1', [device.deviceId, daysBack]);
  return device;
}

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** Reads events (not comments or retry lines) from an event-stream answer. */
export function sseReader(response: Response) {
  if (!response.body) throw new Error('no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let ended = false;
  const take = (): SseEvent | null => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end < 0) return null;
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let id: string | null = null;
      let event = '';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (event) return { id, event, data: data.join('\n') };
    }
  };
  return {
    /** The next event; rejects after `timeoutMs` or when the stream ends. */
    async next(timeoutMs = 5000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const ready = take();
        if (ready) return ready;
        if (ended) throw new Error('stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event in time');
        let timer: ReturnType<typeof setTimeout> | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left))),
        ]);
        clearTimeout(timer);
        if (chunk === 'timeout') continue;
        if (chunk.done) ended = true;
        else buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    /** Resolves true when the stream ends within the time. */
    async ends(timeoutMs = 3000): Promise<boolean> {
      const deadline = Date.now() + timeoutMs;
      while (!ended && Date.now() < deadline) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const chunk = await Promise.race([reader.read(), new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadline - Date.now())))]);
        clearTimeout(timer);
        if (chunk !== 'timeout' && chunk.done) ended = true;
      }
      return ended;
    },
    async cancel(): Promise<void> {
      await reader.cancel().catch(() => undefined);
    },
  };
}
