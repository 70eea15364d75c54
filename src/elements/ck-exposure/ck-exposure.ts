import { CkExposure } from './ck-exposure.component';

export * from './ck-exposure.component';

// Guarded: the kit may be loaded twice (two bundles on one portal page).
if (!customElements.get('ck-exposure')) customElements.define('ck-exposure', CkExposure);

declare global {
  interface HTMLElementTagNameMap {
    'ck-exposure': CkExposure;
  }
}
