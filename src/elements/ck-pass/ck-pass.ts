import { CkPass } from './ck-pass.component';

export * from './ck-pass.component';

// Guarded: the kit may be loaded twice (two bundles on one portal page).
if (!customElements.get('ck-pass')) customElements.define('ck-pass', CkPass);

declare global {
  interface HTMLElementTagNameMap {
    'ck-pass': CkPass;
  }
}
