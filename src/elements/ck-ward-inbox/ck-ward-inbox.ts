import { CkWardInbox } from './ck-ward-inbox.component';

export * from './ck-ward-inbox.component';

// Guarded: the kit may be loaded twice (two bundles on one portal page).
if (!customElements.get('ck-ward-inbox')) customElements.define('ck-ward-inbox', CkWardInbox);

declare global {
  interface HTMLElementTagNameMap {
    'ck-ward-inbox': CkWardInbox;
  }
}
