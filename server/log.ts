/// <reference types="node" />
// Structured logs: one JSON object per line on stdout. Events carry ids, codes, counts and
// durations — never a name, an ID number, a password, a reason text or a query string.
import type { LogEvent } from './portal';

export function jsonLogger(stream: NodeJS.WritableStream = process.stdout, minLevel: LogEvent['level'] = 'info'): (event: LogEvent) => void {
  const order = { info: 0, warn: 1, error: 2 };
  return (event) => {
    if (order[event.level] < order[minLevel]) return;
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
  };
}
