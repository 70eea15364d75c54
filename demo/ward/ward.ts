// The ward/trace page: pick a province, then a ward with the inbox's searchable picker, and a day
// to see its arrivals and departures (live over Server-Sent Events, with the contacts a tracer
// delivered to the ward); a row opens the
// traveller's route on the same page (`#/route/<passId>`), with links back to the list and to
// the origin and destination wards. The page state lives in the URL (`?unit=&date=`), so a link
// or a reload shows the same view. On the reference server the page says who is signed in, or
// links to the sign-in page (the feed and routes need an account; a route asks for a reason).
import '../../src/elements/ck-ward-inbox/ck-ward-inbox';
import '../../src/elements/ck-route/ck-route';
import type { PassRoute } from '../../src/api/contract';
import { openUnitCatalogue, type UnitCatalogue } from '../../src/api/units';
import { isIsoDate, vietnamDate } from '../../src/core/dates';
import { initDemoShell } from '../shared/demo-shell';
import { loginHref, showSession } from '../shared/session';

/** Phường Hàng Trống (Hà Nội): the demo's sample passages go through it. */
const DEFAULT_UNIT = '00070';
/** Resolved by Vite, so the file is part of the build as well as served in dev. */
/** The administrative-unit catalogue (docs/units.md), served by the demo build under /units/. */
const UNITS_URL = '/units/2021-07/index.json';
const REFRESH_SECONDS = 15;

type Lang = 'vi' | 'en';

const TEXT: Record<Lang, {
  listTitle: string;
  routeTitle: string;
  originInbox: (unit: string) => string;
  destinationInbox: (unit: string) => string;
}> = {
  vi: {
    listTitle: 'Phường/xã: đến, đi và lộ trình',
    routeTitle: 'Lộ trình theo mã khai báo',
    originInbox: (unit) => `Xem nơi đi: ${unit}`,
    destinationInbox: (unit) => `Xem nơi đến: ${unit}`,
  },
  en: {
    listTitle: 'Ward: arrivals, departures and routes',
    routeTitle: 'Route of a declaration',
    originInbox: (unit) => `Open the origin: ${unit}`,
    destinationInbox: (unit) => `Open the destination: ${unit}`,
  },
};

function required<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`ward page: missing ${selector}`);
  return el;
}

const inbox = required<HTMLElementTagNameMap['ck-ward-inbox']>('ck-ward-inbox');
const routeView = required<HTMLElementTagNameMap['ck-route']>('ck-route');
const inboxSection = required<HTMLElement>('#inbox-view');
const routeSection = required<HTMLElement>('#route-view');
const provinceSelect = required<HTMLSelectElement>('#province');
const dayInput = required<HTMLInputElement>('#day');
const originLink = required<HTMLAnchorElement>('#origin-inbox');
const destinationLink = required<HTMLAnchorElement>('#destination-inbox');

let catalogue: UnitCatalogue | undefined;
let shownRoute: PassRoute | null = null;

const lang = (): Lang => (document.documentElement.lang === 'en' ? 'en' : 'vi');
const today = () => vietnamDate(new Date());

// ---- state in the URL -----------------------------------------------------------------------

function readQuery(): { unit: string; date: string } {
  const params = new URLSearchParams(location.search);
  const unit = params.get('unit') ?? '';
  const date = params.get('date') ?? '';
  return { unit: /^\d{5}$/.test(unit) ? unit : DEFAULT_UNIT, date: isIsoDate(date) ? date : today() };
}

function inboxHref(unit: string, date: string): string {
  return `?${new URLSearchParams({ unit, date })}#/`;
}

/** Shows the ward and day, and records them in the URL without a new history entry. */
function showWard(unit: string, date: string): void {
  inbox.unitCode = unit;
  inbox.date = date;
  const province = catalogue?.provinceOf(unit);
  if (province) {
    inbox.provinceCode = province;
    provinceSelect.value = province;
  }
  dayInput.value = date;
  history.replaceState(null, '', `?${new URLSearchParams({ unit, date })}${location.hash}`);
}

// ---- picker ----------------------------------------------------------------------------------

function option(value: string, label: string): HTMLOptionElement {
  const el = document.createElement('option');
  el.value = value;
  el.textContent = label;
  return el;
}

async function fillProvinces(selectedUnit: string): Promise<void> {
  if (!catalogue) return;
  provinceSelect.replaceChildren(...catalogue.provinces.map((p) => option(p.code, p.name)));
  const parent = catalogue.provinceOf(selectedUnit);
  if (parent) {
    provinceSelect.value = parent;
    inbox.provinceCode = parent;
  }
  if (!(await catalogue.load(provinceSelect.value).catch(() => undefined))) required<HTMLElement>('#units-error').hidden = false;
}

function initPicker(initial: { unit: string; date: string }): void {
  // A new province: its first ward is shown, and the inbox's picker offers that province's wards.
  provinceSelect.addEventListener('change', () => {
    void catalogue?.load(provinceSelect.value).then((wards) => {
      inbox.provinceCode = provinceSelect.value;
      showWard(wards[0]?.code ?? inbox.unitCode, inbox.date);
    }, () => {
      required<HTMLElement>('#units-error').hidden = false;
    });
  });
  inbox.addEventListener('ck-ward-change', (event) => showWard(event.detail.unitCode, inbox.date));
  dayInput.addEventListener('change', () => {
    if (isIsoDate(dayInput.value)) showWard(inbox.unitCode, dayInput.value);
  });
  required<HTMLButtonElement>('#today').addEventListener('click', () => showWard(inbox.unitCode, today()));
  required<HTMLFormElement>('#picker').addEventListener('submit', (event) => event.preventDefault());
  showWard(initial.unit, initial.date);
}

async function loadUnits(selectedUnit: string): Promise<void> {
  try {
    catalogue = await openUnitCatalogue(UNITS_URL);
  } catch {
    required<HTMLElement>('#units-error').hidden = false;
    return;
  }
  // The elements share the same catalogue (one copy per URL) and load provinces as rows need them.
  inbox.unitsSrc = UNITS_URL;
  routeView.unitsSrc = UNITS_URL;
  await fillProvinces(selectedUnit);
  updateRouteLinks();
}

// ---- views -------------------------------------------------------------------------------------

function routeFromHash(): string | undefined {
  const match = /^#\/route\/([^/?#]+)$/.exec(location.hash);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

function unitName(code: string): string {
  return catalogue?.unit(code)?.name ?? code;
}

/** Links from a route to the inboxes of its origin and destination, on the days it passed. */
function updateRouteLinks(): void {
  const route = shownRoute;
  const text = TEXT[lang()];
  const first = route?.passages[0];
  const last = route?.passages.at(-1);
  const set = (link: HTMLAnchorElement, unit: string | null | undefined, at: string | undefined, label: (u: string) => string) => {
    link.hidden = !unit;
    if (!unit) return;
    link.href = inboxHref(unit, at ? vietnamDate(new Date(at)) : inbox.date);
    link.textContent = label(unitName(unit));
  };
  set(originLink, route?.originUnit, first?.at, text.originInbox);
  set(destinationLink, route?.destinationUnit, last?.at, text.destinationInbox);
}

function render(moveFocus: boolean): void {
  const passId = routeFromHash();
  const showRoute = passId !== undefined;
  routeSection.hidden = !showRoute;
  inboxSection.hidden = showRoute;
  // No live feed for a list nobody sees; it resumes from its last event when shown again.
  inbox.refreshInterval = showRoute ? 0 : REFRESH_SECONDS;
  if (showRoute) {
    if (routeView.passId !== passId) {
      shownRoute = null;
      updateRouteLinks();
    }
    // A malformed id is still handed over (shortened): the element says what is wrong with it.
    routeView.passId = passId.slice(0, 100);
  }
  updateTitle();
  if (moveFocus) (showRoute ? routeSection : inboxSection).focus();
}

function updateTitle(): void {
  const text = TEXT[lang()];
  document.title = `${routeSection.hidden ? text.listTitle : text.routeTitle} — Checkpoint Kit demo`;
}

// ---- start -------------------------------------------------------------------------------------

initDemoShell();
const initial = readQuery();
initPicker(initial);
render(false);
window.addEventListener('hashchange', () => render(true));
routeView.addEventListener('ck-route-loaded', (event) => {
  shownRoute = event.detail.route;
  updateRouteLinks();
});
// The language switch sets <html lang>; the elements follow by themselves, the page texts here.
new MutationObserver(() => {
  updateTitle();
  updateRouteLinks();
}).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
void loadUnits(initial.unit);
routeView.loginHref = loginHref();
void showSession();
