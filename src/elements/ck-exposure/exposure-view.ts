// The query form, the error box and the case with its contacts of <ck-exposure>, as functions
// of what the element hands over: its messages, words, unit and checkpoint names, selection and
// callbacks (no state lives here; the decisions are in ./exposure-model.ts).
import { html, nothing, type TemplateResult } from 'lit';
import type { CheckpointInfo } from '../../api/checkpoints';
import type { RoutePassage } from '../../api/contract';
import { EXPOSURE_WINDOW, type ContactLink, type Exposure, type ExposureContact } from '../../api/exposure';
import { LOOKUP_REASON } from '../../api/routes';
import type { UnitLookup } from '../shared/unit-catalogue-controller';
import {
  DECISION_LOOK, DIRECTION_ICONS, formatDateTime, formatTime, shownText, unitLabel, type PortalWords,
} from '../shared/portal-text';
import type { ExposureMessages, ExposureProblem, QueryProblem } from './ck-exposure.messages';
import type { DeliveryState } from './delivery-controller';
import {
  CONTACT_GROUPS, contactsByGroup, fieldProblems, isRetryable, linkGroup, orderedContacts, primaryLink, routeInOrder, routeLink,
  type ContactGroup,
} from './exposure-model';

/** What the query form needs from the element. */
export interface QueryFormView {
  readonly msg: ExposureMessages;
  readonly problems: readonly QueryProblem[];
  readonly passId: string;
  readonly reason: string;
  readonly windowMinutes: number;
  submit(event: SubmitEvent): void;
}

/** The form for the case, the reason and the window. */
export function renderQueryForm(f: QueryFormView): TemplateResult {
  const msg = f.msg;
  const { passId: passProblem, reason: reasonProblem, window: windowProblem } = fieldProblems(f.problems);
  const field = (id: string, label: string, hint: string, problem: QueryProblem | undefined, input: TemplateResult) => html`<div class="field">
      <label for=${id}>${label}</label>
      <p id="${id}-hint" class="note">${hint}</p>
      ${input}
      ${problem ? html`<p id="${id}-problem" class="field-problem" role="alert">${msg.queryProblems[problem]}</p>` : nothing}
    </div>`;
  const described = (id: string, problem: unknown) => `${id}-hint${problem ? ` ${id}-problem` : ''}`;
  return html`<form class="query" part="query-form" novalidate @submit=${(e: SubmitEvent) => f.submit(e)}>
    <fieldset>
      <legend>${msg.queryLegend}</legend>
      ${field('pass-id', msg.passIdLabel, msg.passIdHint, passProblem, html`<input id="pass-id" name="pass-id" part="input" class="mono"
        type="text" autocomplete="off" spellcheck="false" required maxlength="64" .value=${f.passId}
        aria-describedby=${described('pass-id', passProblem)} aria-invalid=${passProblem ? 'true' : 'false'} />`)}
      ${field('reason', msg.reasonLabel, msg.reasonHint, reasonProblem, html`<input id="reason" name="reason" part="input" type="text"
        autocomplete="off" required maxlength=${LOOKUP_REASON.max} .value=${f.reason}
        aria-describedby=${described('reason', reasonProblem)} aria-invalid=${reasonProblem ? 'true' : 'false'} />`)}
      ${field('window', msg.windowLabel, msg.windowHint, windowProblem, html`<input id="window" name="window" part="input" type="number"
        inputmode="numeric" min=${EXPOSURE_WINDOW.min} max=${EXPOSURE_WINDOW.max} step="1" required .value=${String(f.windowMinutes)}
        aria-describedby=${described('window', windowProblem)} aria-invalid=${windowProblem ? 'true' : 'false'} />`)}
      <button type="submit" class="button primary" part="button">${msg.submit}</button>
    </fieldset>
  </form>`;
}

/** Why the query failed, a sign-in link after a 401, and "try again" when it may help. */
export function renderError(msg: ExposureMessages, problem: ExposureProblem, loginHref: string, retry: () => void): TemplateResult {
  return html`<div class="error" part="error" role="alert">
    <p><span class="icon" aria-hidden="true">${'⚠'}</span> ${msg.problems[problem]}</p>
    ${problem === 'login-required' && loginHref
      ? html`<p><a class="button" part="sign-in" href=${loginHref}>${msg.signIn}</a></p>`
      : nothing}
    ${isRetryable(problem)
      ? html`<button type="button" class="button" part="button" @click=${() => retry()}>${msg.retry}</button>`
      : nothing}
  </div>`;
}

/** What the case and contacts need from the element. */
export interface ExposureView {
  readonly msg: ExposureMessages;
  readonly words: PortalWords;
  readonly locale: string;
  readonly units: UnitLookup;
  readonly routeHref: string;
  readonly loginHref: string;
  /** The portal's passage stream is open. */
  readonly live: boolean;
  readonly delivery: DeliveryState;
  readonly selectedCount: number;
  isSelected(key: string): boolean;
  checkpoint(id: string): CheckpointInfo | undefined;
  toggle(key: string, on: boolean): void;
  selectAll(contacts: readonly ExposureContact[], on: boolean): void;
  downloadCsv(): void;
  deliver(): void;
}

/** The case summary, the actions and the contacts by group. */
export function renderExposure(v: ExposureView, exposure: Exposure): TemplateResult {
  const msg = v.msg;
  const place = (unit: string | null) => (unit ? unitLabel(unit, v.units, v.words) : msg.unknownUnit);
  const contacts = orderedContacts(exposure.contacts);
  const groups = contactsByGroup(contacts);
  const c = exposure.case;
  const sending = v.delivery.state === 'sending';
  return html`<div class="case" part="case">
      <h3>${msg.caseHeading}</h3>
      <dl class="summary">
        <div><dt>${msg.person}</dt><dd><bdi>${c.person ? shownText(c.person.fullName) : msg.unknownPerson}</bdi></dd></div>
        <div><dt>${msg.passId}</dt><dd class="mono"><bdi>${shownText(c.passId, 64)}</bdi></dd></div>
        <div>
          <dt>${msg.declaredRoute}</dt>
          <dd><bdi>${place(c.originUnit)}</bdi> <span aria-hidden="true">→</span><span class="visually-hidden">,</span>
            <bdi>${place(c.destinationUnit)}</bdi></dd>
        </div>
      </dl>
      <p class="note">${msg.casePassages(c.passages.length)}
        ${c.passages.map((p) => html`<span class="case-passage">${passageText(v, p)}</span>`)}</p>
      <p role="status">${msg.summary(contacts.length, exposure.windowMinutes)}</p>
      ${exposure.truncated ? html`<p class="note warn"><span aria-hidden="true">${'⚠'}</span> ${msg.truncated}</p>` : nothing}
      <p class="note">${msg.timeZoneNote} ${v.live ? msg.live : ''}</p>
    </div>
    ${contacts.length === 0
      ? html`<p class="status" part="status">${msg.noContacts}</p>`
      : html`<div class="actions" part="actions">
            <button type="button" class="button" part="button export-button" @click=${() => v.downloadCsv()}>
              <span aria-hidden="true">${'⤓'}</span> ${msg.exportCsv}
            </button>
            <button type="button" class="button" part="button" @click=${() => v.selectAll(contacts, true)}>${msg.selectAll}</button>
            <button type="button" class="button" part="button" @click=${() => v.selectAll(contacts, false)}>${msg.selectNone}</button>
            <button type="button" class="button primary" part="button deliver-button" aria-describedby="delivery"
              ?disabled=${sending} @click=${() => v.deliver()}>
              <span aria-hidden="true">${'➜'}</span> ${sending ? msg.delivering : msg.deliver(v.selectedCount)}
            </button>
          </div>
          <div id="delivery" class="delivery-slot" aria-live="polite">${deliveryNote(v)}</div>
          ${CONTACT_GROUPS.map((g) => renderGroup(v, g, groups.get(g) ?? []))}`}`;
}

function deliveryNote(v: ExposureView): TemplateResult | typeof nothing {
  const msg = v.msg;
  const d = v.delivery;
  switch (d.state) {
    case 'done':
      return html`<p class="delivery good" part="delivery"><span aria-hidden="true">${'✓'}</span> ${msg.delivered(d.people, d.wards)}</p>`;
    case 'failed':
      return html`<div class="error" part="delivery error"><p><span aria-hidden="true">${'⚠'}</span> ${msg.deliverProblems[d.problem]}</p>
        ${d.problem === 'login-required' && v.loginHref ? html`<p><a class="button" part="sign-in" href=${v.loginHref}>${msg.signIn}</a></p>` : nothing}</div>`;
    case 'none-selected':
      return html`<p class="note warn" part="delivery">${msg.deliverNone}</p>`;
    default:
      return nothing;
  }
}

function renderGroup(v: ExposureView, group: ContactGroup, contacts: readonly ExposureContact[]): TemplateResult {
  const msg = v.msg;
  const id = `group-${group}`;
  // The table's scrollable region carries the group's name (one landmark per group, not two).
  return html`<div class="group ${group}" part="group" data-group=${group}>
    <h3 id=${id}>${msg.groups[group]} <span class="count">(${contacts.length})</span></h3>
    <p class="note">${msg.groupHint[group]}</p>
    ${contacts.length === 0
      ? html`<p class="note">${msg.groupEmpty}</p>`
      : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby=${id}><table part="table" aria-labelledby=${id}>
          <thead><tr>
            <th scope="col"><span class="visually-hidden">${msg.select}</span></th>
            <th scope="col">${msg.contact}</th>
            <th scope="col">${msg.met}</th>
            <th scope="col">${msg.origin}</th>
            <th scope="col">${msg.destination}</th>
            <th scope="col">${msg.route}</th>
          </tr></thead>
          <tbody>${contacts.map((c) => renderContact(v, c))}</tbody>
        </table></div>`}
  </div>`;
}

function renderContact(v: ExposureView, contact: ExposureContact): TemplateResult {
  const msg = v.msg;
  const who = contact.person ? shownText(contact.person.fullName) : (contact.manualCode ?? shownText(contact.key, 64));
  const link = primaryLink(contact);
  const boxId = `select-${contact.key}`;
  const href = routeLink(v.routeHref, contact.passId);
  return html`<tr part="contact" data-key=${contact.key}>
    <td><input type="checkbox" id=${boxId} .checked=${v.isSelected(contact.key)} aria-label=${msg.selectContact(who)}
      @change=${(e: Event) => v.toggle(contact.key, (e.target as HTMLInputElement).checked)} /></td>
    <th scope="row">
      <bdi class="who">${who}</bdi>
      ${contact.passId ? html`<br /><span class="mono note"><bdi>${shownText(contact.passId, 64)}</bdi></span>` : nothing}
      ${contact.manualCode && contact.person ? html`<br /><span class="mono note">${msg.manualCode}: ${contact.manualCode}</span>` : nothing}
    </th>
    <td>${link ? linkText(v, link) : '—'}</td>
    <td><bdi>${unitLabel(contact.originUnit, v.units, v.words)}</bdi></td>
    <td><bdi>${unitLabel(contact.destinationUnit, v.units, v.words)}</bdi></td>
    <td>
      <ol class="route" part="route">
        ${routeInOrder(contact.route).map((p) => html`<li>${passageText(v, p)}</li>`)}
      </ol>
      ${href ? html`<a href=${href}>${msg.openRoute}<span class="visually-hidden">: ${who}</span></a>` : nothing}
    </td>
  </tr>`;
}

function checkpointName(v: ExposureView, id: string): string {
  const info = v.checkpoint(id);
  return info ? shownText(info.road ? `${info.name} (${info.road})` : info.name) : shownText(id, 64);
}

function linkText(v: ExposureView, link: ContactLink): TemplateResult {
  return html`<span class="met">
    <bdi>${checkpointName(v, link.checkpointId)}</bdi>,
    <time datetime=${link.at}>${formatDateTime(link.at, v.locale)}</time>,
    <span aria-hidden="true">${DIRECTION_ICONS[link.direction]}</span> ${v.words.passageDirection[link.direction]},
    ${linkGroup(link) === 'co-traveller' ? v.msg.sameVehicle : v.msg.minutesApart(link.minutesApart)}
  </span>`;
}

function passageText(v: ExposureView, p: RoutePassage): TemplateResult {
  const decision = DECISION_LOOK[p.decision];
  return html`<time datetime=${p.at}>${formatTime(p.at, v.locale)}</time>
    <bdi>${checkpointName(v, p.checkpointId)}</bdi>
    <span aria-hidden="true">${DIRECTION_ICONS[p.direction]}</span> ${v.words.passageDirection[p.direction]}
    <span class="badge ${decision.tone}"><span aria-hidden="true">${decision.icon}</span> ${v.words.decision[p.decision]}</span>`;
}
