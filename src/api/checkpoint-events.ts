// GET {apiBase}/checkpoints/events — Server-Sent Events of recorded passages (admin; tracer
// scoped to a province). The command view and the exposure list refresh on them. EventSource
// reconnects by itself and resumes with Last-Event-ID; an `event: reset` (the id is too old to
// replay) means "reload from the REST endpoint". This module only parses and reports; the
// element's controller decides when to reload.
import { PASSAGE_FORMATS } from '../core/passage-record';
import { apiUrl } from './http';
import { isoTime, object, oneOf, PASSAGE_DIRECTIONS, DECISIONS, string } from './shape';

/** `data` of an `event: passage`. */
export interface PassageEvent {
  passageId: string;
  checkpointId: string;
  at: string;
  direction: 'in' | 'out';
  decision: 'allow' | 'deny' | 'refer';
  /** [origin, destination] ward codes. */
  relationUnits: string[];
}

/** Largest event data accepted (an event is a few hundred bytes). */
const MAX_EVENT_CHARS = 16 * 1024;

/** The data of a `passage` event, or null when it is not one (never throws). */
export function parsePassageEvent(data: string): PassageEvent | null {
  if (data.length > MAX_EVENT_CHARS) return null;
  try {
    const o = object(JSON.parse(data), 'passage');
    const units = o.relationUnits;
    if (!Array.isArray(units) || units.length > 2) return null;
    return {
      passageId: string(o.passageId, 'passageId', PASSAGE_FORMATS.id),
      checkpointId: string(o.checkpointId, 'checkpointId', PASSAGE_FORMATS.checkpointId),
      at: isoTime(o.at, 'at'),
      direction: oneOf(o.direction, PASSAGE_DIRECTIONS, 'direction'),
      decision: oneOf(o.decision, DECISIONS, 'decision'),
      relationUnits: units.map((u, i) => string(u, `relationUnits[${i}]`, PASSAGE_FORMATS.unitCode)),
    };
  } catch {
    return null;
  }
}

export type StreamState = 'connecting' | 'open' | 'closed';

export interface PassageStreamHandlers {
  passage(event: PassageEvent): void;
  /** The server could not replay from the last id: reload everything. */
  reset(): void;
  state(state: StreamState): void;
}

/** What the element needs of a stream (tests and hosts without EventSource can provide another). */
export interface PassageStream {
  close(): void;
}

/**
 * Opens the passage stream. A stream the browser gave up on (HTTP error, wrong content type:
 * EventSource then stays CLOSED) reports 'closed'; the caller falls back to polling.
 */
export function openPassageStream(apiBase: string, handlers: PassageStreamHandlers): PassageStream {
  if (typeof EventSource !== 'function') {
    handlers.state('closed');
    return { close() {} };
  }
  const source = new EventSource(apiUrl(apiBase, 'checkpoints/events'), { withCredentials: false });
  handlers.state('connecting');
  source.addEventListener('open', () => handlers.state('open'));
  source.addEventListener('error', () => handlers.state(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting'));
  source.addEventListener('passage', (event) => {
    const passage = parsePassageEvent((event as MessageEvent<string>).data);
    if (passage) handlers.passage(passage);
  });
  source.addEventListener('reset', () => handlers.reset());
  return { close: () => source.close() };
}
