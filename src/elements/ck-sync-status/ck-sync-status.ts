import { CkSyncStatus } from './ck-sync-status.component';

export * from './ck-sync-status.component';

// Guarded: the kit may be loaded twice (two bundles on one portal page).
if (!customElements.get('ck-sync-status')) customElements.define('ck-sync-status', CkSyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'ck-sync-status': CkSyncStatus;
  }
}
