import { CkDeclarationForm } from './ck-declaration-form.component';

export * from './ck-declaration-form.component';

// Guarded: the kit may be loaded twice (two bundles on one portal page).
if (!customElements.get('ck-declaration-form')) customElements.define('ck-declaration-form', CkDeclarationForm);

declare global {
  interface HTMLElementTagNameMap {
    'ck-declaration-form': CkDeclarationForm;
  }
}
