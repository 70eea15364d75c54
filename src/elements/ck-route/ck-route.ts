import { CkRoute } from './ck-route.component';

export * from './ck-route.component';

// Guarded: the kit may be loaded twice (two bundles on one portal page).
if (!customElements.get('ck-route')) customElements.define('ck-route', CkRoute);

declare global {
  interface HTMLElementTagNameMap {
    'ck-route': CkRoute;
  }
}
