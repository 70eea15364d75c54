// Type probe: compiled by tsc against the installed package under Bundler and NodeNext
// resolution. Each @ts-expect-error must error, so a type that decays to `any` fails the probe.
import { createTrustStore, verifyPass, type AdministrativeUnit, type PassRoute, type PassVerdict, type WardMovement } from 'checkpoint-kit/core';
import { createDecoder, type Decoder } from 'checkpoint-kit/scanner';
import { KioskStore, SyncEngine, type StoredPassage, type SyncSource, type SyncStatus } from 'checkpoint-kit/kiosk';
import { CkPass } from 'checkpoint-kit/elements/ck-pass.js';
import 'checkpoint-kit/elements/ck-declaration-form.js';
import 'checkpoint-kit/elements/ck-checkpoint.js';
import 'checkpoint-kit/elements/ck-sync-status.js';
import 'checkpoint-kit/elements/ck-route.js';
import 'checkpoint-kit/elements/ck-ward-inbox.js';
import 'checkpoint-kit/elements/ck-exposure.js';
import 'checkpoint-kit/elements/ck-checkpoint-stats.js';

export async function probe(text: string): Promise<PassVerdict['status']> {
  const trust = await createTrustStore({ issuers: [] });
  const verdict = await verifyPass(text, trust);
  // @ts-expect-error — a status is a string union, not a number
  const wrong: number = verdict.status;
  void wrong;
  return verdict.status;
}

export function elements(): void {
  const form = document.createElement('ck-declaration-form');
  const pass: CkPass = document.createElement('ck-pass');
  form.addEventListener('ck-pass-issued', (event) => {
    pass.pass = event.detail.qrText;
    // @ts-expect-error — the detail is typed: no such field
    void event.detail.nothing;
  });
  const store = new KioskStore('probe');
  const checkpoint = document.createElement('ck-checkpoint');
  checkpoint.store = store;
  const status = document.createElement('ck-sync-status');
  const source: SyncSource = checkpoint.engine as SyncEngine;
  void source;
  void status;
  const route: PassRoute | undefined = document.createElement('ck-route').route;
  const exposure = document.createElement('ck-exposure');
  exposure.addEventListener('ck-exposure-delivered', (event) => {
    const keys: string[] = event.detail.delivered.map((d) => d.key);
    void keys;
  });
  const stats = document.createElement('ck-checkpoint-stats');
  const day: string = stats.date;
  // @ts-expect-error — the window is a number of minutes
  exposure.windowMinutes = '15';
  void day;
  const rows: readonly WardMovement[] = [];
  const unit: AdministrativeUnit | undefined = undefined;
  const stored: StoredPassage[] = [];
  const sync: SyncStatus | undefined = undefined;
  const decoder: Decoder = createDecoder();
  void [route, rows, unit, stored, sync, decoder];
  // @ts-expect-error — not an element of the kit
  document.createElement('ck-pass').pass = 42;
}
