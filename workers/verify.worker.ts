/**
 * Verify worker: holds the trust store (issuer keys imported once) and runs core.verifyPass
 * off the main thread. A thin comlink shell over src/core.
 */
import * as Comlink from 'comlink';
import { createTrustStore, type TrustStore } from '../src/core/trust-store';
import { verifyPass } from '../src/core/verify';
import type { VerifyWorkerApi } from '../src/scanner/protocol';
import { warmUpVerify } from '../src/scanner/verify-warm-up';

let trust: Promise<TrustStore> = createTrustStore({ issuers: [] });

// Runs while the camera opens, so the first real verification meets a warm path. A failure
// here (no WebCrypto ECDSA?) changes nothing: real verifications report their own errors.
void warmUpVerify().catch(() => undefined);

const api: VerifyWorkerApi = {
  async setTrust(init) {
    // A bad bundle rejects here and leaves the previous store in place.
    const store = await createTrustStore(init);
    trust = Promise.resolve(store);
    return { issuers: store.issuers.length, rejectedKeys: store.rejectedKeys.length };
  },

  async verify(text, options) {
    const store = await trust;
    const t0 = performance.now();
    const verdict = await verifyPass(text, store, options);
    return { verdict, verifyMs: performance.now() - t0 };
  },
};

Comlink.expose(api);
