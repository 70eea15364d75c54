// The details of a pass as <ck-pass> shows and prints them: who, the route with both wards and
// their codes (so the officer's manual fallback works from the paper alone), validity, purpose,
// plate and vaccination. Templates only; what they say comes from the pass and the messages.

import { html, nothing, type TemplateResult } from 'lit';
import type { VerifiedPass } from '../../core/verdict-types';
import { PROVINCES } from '../../core/vietnam';
import type { PassMessages } from './ck-pass.messages';
import { formatIsoDate } from './pass-model';

export interface SummaryContext {
  msg: PassMessages;
  /** A province's name from the loaded units (undefined when not loaded). */
  provinceName: (code: string) => string | undefined;
  /** A ward's name; only its province's file is loaded (on first need), not the whole country. */
  unitName: (unitCode: string, provinceCode: string) => string | undefined;
  /** The validity range and its live countdown. */
  validity: TemplateResult;
}

/** A place: the ward with its code, the province, and the address when the pass carries one. */
export function renderPlace(ctx: SummaryContext, code: string, unitCode: string, address: string): TemplateResult {
  const msg = ctx.msg;
  const province = ctx.provinceName(code) ?? PROVINCES.find((p) => p.code === code)?.name ?? code;
  // A CK2 pass carries no address (the portal keeps it): show the place only.
  // The code is shown too: the officer's manual fallback works from the paper alone.
  const unit = ctx.unitName(unitCode, code);
  return html`<span class="place">${unit ? html`${unit} <span class="unit-code mono">(${msg.unitCode(unitCode)})</span>` : msg.unitCode(unitCode)}, ${province}</span
    >${address ? html`<span class="address">${address}</span>` : nothing}`;
}

export function renderSummary(pass: VerifiedPass, ctx: SummaryContext): TemplateResult {
  const msg = ctx.msg;
  const d = pass.declaration;
  return html`<dl class="summary" part="summary">
    <div><dt>${msg.fullName}</dt><dd class="name">${d.fullName}</dd></div>
    <div><dt>${msg.idNumber}</dt><dd>${msg.idTypes[d.idType]} <span class="mono">${d.idNumber}</span></dd></div>
    <div><dt>${msg.dateOfBirth}</dt><dd>${formatIsoDate(d.dateOfBirth)}</dd></div>
    <div>
      <dt>${msg.route}</dt>
      <dd class="route">
        <span class="leg"><span class="leg-label">${msg.routeFrom}:</span> ${renderPlace(ctx, d.origin.provinceCode, d.origin.unitCode, d.origin.address)}</span>
        <span class="leg"><span class="leg-label">${msg.routeTo}:</span> ${renderPlace(ctx, d.destination.provinceCode, d.destination.unitCode, d.destination.address)}</span>
      </dd>
    </div>
    <div><dt>${msg.validity}</dt><dd class="validity">${ctx.validity}</dd></div>
    <div><dt>${msg.purpose}</dt><dd class="purpose">${msg.purposes[d.purpose]}${d.purposeNote ? html`: ${d.purposeNote}` : nothing}</dd></div>
    ${d.vehiclePlate ? html`<div><dt>${msg.vehiclePlate}</dt><dd class="mono plate">${d.vehiclePlate}</dd></div>` : nothing}
    ${d.vaccination
      ? html`<div><dt>${msg.vaccination}</dt><dd class="vaccination">${msg.vaccinationText(d.vaccination.doses, formatIsoDate(d.vaccination.lastDoseDate))}</dd></div>`
      : nothing}
  </dl>`;
}
