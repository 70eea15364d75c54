import { CkCheckpointStats } from './ck-checkpoint-stats.component';

export * from './ck-checkpoint-stats.component';

// Guarded: the kit may be loaded twice (two bundles on one portal page).
if (!customElements.get('ck-checkpoint-stats')) customElements.define('ck-checkpoint-stats', CkCheckpointStats);

declare global {
  interface HTMLElementTagNameMap {
    'ck-checkpoint-stats': CkCheckpointStats;
  }
}
