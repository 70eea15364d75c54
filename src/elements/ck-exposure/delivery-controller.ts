// Owns <ck-exposure>'s delivery request ("send the selected contacts to their wards"): its state
// for the view, its abort on a new delivery or a disconnect, and a stale answer dropped.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deliverContacts, type DeliveryResult } from '../../api/exposure';
import { lookupReasonProblem } from '../../api/routes';
import { isAbort } from '../shared/portal-text';
import type { ExposureProblem } from './ck-exposure.messages';

export type DeliveryState =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'done'; people: number; wards: number }
  | { state: 'failed'; problem: ExposureProblem }
  | { state: 'none-selected' };

export interface DeliveryRequest {
  apiBase: string;
  reason: string;
  casePassId: string;
  windowMinutes: number;
  keys: string[];
}

export class DeliveryController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #problemOf: (error: unknown) => ExposureProblem;
  #abort: AbortController | undefined;
  state: DeliveryState = { state: 'idle' };

  constructor(host: ReactiveControllerHost, problemOf: (error: unknown) => ExposureProblem) {
    this.#host = host;
    this.#problemOf = problemOf;
    host.addController(this);
  }

  /** Forgets a shown result (the selection changed); a delivery on its way keeps its state. */
  clear(): void {
    if (this.state.state !== 'sending' && this.state.state !== 'idle') this.#set({ state: 'idle' });
  }

  /** Sends; resolves with what was delivered, or undefined when nothing was (the state says why). */
  async deliver(request: DeliveryRequest): Promise<{ casePassId: string; windowMinutes: number; delivered: DeliveryResult['delivered'] } | undefined> {
    if (request.keys.length === 0) return this.#set({ state: 'none-selected' });
    if (!request.apiBase) return this.#set({ state: 'failed', problem: 'no-api-base' });
    const reason = request.reason.trim();
    if (lookupReasonProblem(reason)) return this.#set({ state: 'failed', problem: 'reason-required' });
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.#set({ state: 'sending' });
    const body = { casePassId: request.casePassId, windowMinutes: request.windowMinutes, keys: request.keys };
    try {
      const result = await deliverContacts(request.apiBase, body, { reason, signal: abort.signal });
      if (abort.signal.aborted) return undefined;
      const wards = new Set(result.delivered.flatMap((d) => d.unitCodes));
      this.#set({ state: 'done', people: result.delivered.length, wards: wards.size });
      return { casePassId: body.casePassId, windowMinutes: body.windowMinutes, delivered: result.delivered };
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return undefined;
      return this.#set({ state: 'failed', problem: this.#problemOf(error) });
    }
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    if (this.state.state === 'sending') this.state = { state: 'idle' };
  }

  #set(state: DeliveryState): undefined {
    this.state = state;
    this.#host.requestUpdate();
    return undefined;
  }
}
