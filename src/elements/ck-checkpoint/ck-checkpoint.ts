import { CkCheckpoint } from './ck-checkpoint.component';

export * from './ck-checkpoint.component';

// Guarded: the kit may be loaded twice (two bundles on one portal page).
if (!customElements.get('ck-checkpoint')) customElements.define('ck-checkpoint', CkCheckpoint);

declare global {
  interface HTMLElementTagNameMap {
    'ck-checkpoint': CkCheckpoint;
  }
}
