// The tracer page: a case's contacts (<ck-exposure>); a contact's "open route" link shows their
// route (<ck-route>) on the same page at `#/route/<passId>`, looked up with the reason the tracer
// gave for the case (the same audited justification). The case lives in the URL (`?case=`).
import '../../src/elements/ck-exposure/ck-exposure';
import '../../src/elements/ck-route/ck-route';
import { initDemoShell } from '../shared/demo-shell';
import { loginHref, showSession } from '../shared/session';

function required<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`tracer page: missing ${selector}`);
  return el;
}

const exposure = required<HTMLElementTagNameMap['ck-exposure']>('ck-exposure');
const routeView = required<HTMLElementTagNameMap['ck-route']>('ck-route');
const exposureSection = required<HTMLElement>('#exposure-view');
const routeSection = required<HTMLElement>('#route-view');

function render(moveFocus: boolean): void {
  const match = /^#\/route\/([A-Za-z0-9_-]{16,64})$/.exec(location.hash);
  const passId = match?.[1] ?? '';
  routeSection.hidden = !passId;
  exposureSection.hidden = !!passId;
  if (passId) {
    // Both at once, so the route does not ask again for the case's reason.
    routeView.reason = exposure.reason;
    routeView.passId = passId;
  }
  if (moveFocus) (passId ? routeSection : exposureSection).focus();
}

initDemoShell();
const login = loginHref();
exposure.loginHref = login;
routeView.loginHref = login;
const initialCase = new URLSearchParams(location.search).get('case');
if (initialCase && /^[A-Za-z0-9_-]{16,64}$/.test(initialCase)) exposure.passId = initialCase;
exposure.addEventListener('ck-exposure-loaded', (event) => {
  const url = new URL(location.href);
  url.searchParams.set('case', event.detail.passId);
  history.replaceState(null, '', url);
});
render(false);
window.addEventListener('hashchange', () => render(true));
void showSession();
