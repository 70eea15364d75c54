/** `createVerifier()`: the main-thread handle of the verify worker (core.verifyPass + trust store). */
import type { TrustStoreInit } from '../core/trust-store';
import type { VerifyOptions } from '../core/verify';
import type { VerifyResult, VerifyWorkerApi } from './protocol';
import { WorkerClient } from './worker-client';

export interface Verifier {
  /** Replaces the trust data; rejects (keeping the previous store) when it is malformed. */
  setTrust(init: TrustStoreInit): Promise<{ issuers: number; rejectedKeys: number }>;
  verify(text: string, options?: VerifyOptions): Promise<VerifyResult>;
  close(): void;
}

export function createVerifier(): Verifier {
  const client = new WorkerClient<VerifyWorkerApi>(
    new Worker(new URL('../../workers/verify.worker.ts', import.meta.url), { type: 'module', name: 'ck-verify' }),
  );
  // The worker handles messages concurrently and importing keys is async: a verify sent right
  // after setTrust would otherwise run against the old (or empty) store. Verifies wait for it.
  let trustSettled: Promise<unknown> = Promise.resolve();
  return {
    setTrust: (init) => {
      const call = client.call((w) => w.setTrust(init));
      trustSettled = call.catch(() => undefined);
      return call;
    },
    verify: (text, options) => trustSettled.then(() => client.call((w) => w.verify(text, options))),
    close: () => client.close(),
  };
}
