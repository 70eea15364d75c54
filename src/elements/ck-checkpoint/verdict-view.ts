// The verdict panel and vehicle list of <ck-checkpoint>, as functions of the session's entries:
// the element hands over its messages, language, unit names and callbacks (no state lives here).
import { html, nothing, type TemplateResult } from 'lit';
import type { AdministrativeUnit } from '../../api/units';
import type { OfficerDecision, PassageDirection } from '../../core/passage-record';
import type { VerifiedPass } from '../../core/verdict-types';
import type { IdCompareField, IdFieldOutcome } from '../../core/id-card-compare';
import type { RecommendedAction, Recommendation } from '../../core/recommendation';
import type { Flag } from '../../kiosk/checkpoint-rules';
import { statusTone, type Announcement, type VehicleEntry } from '../../kiosk/session';
import { formatAgo, formatDateTime, formatDuration, formatIsoDate, formatTime } from '../ck-sync-status/format';
import type { CheckpointMessages } from './ck-checkpoint.messages';

export const TONE_ICON = { ok: '✓', warn: '⚠', bad: '✗' } as const;
const ACTION_TONE: Record<RecommendedAction, 'ok' | 'warn' | 'bad'> = { allow: 'ok', check: 'warn', 'deny-health': 'bad', invalid: 'bad' };
const OUTCOME_ICON: Record<IdFieldOutcome, string> = { match: '✓', mismatch: '✗', 'not-on-card': '—', 'not-on-pass': '—' };

/** What the view needs from the element. */
export interface View {
  readonly m: CheckpointMessages;
  readonly lang: 'vi' | 'en';
  readonly selected: number;
  readonly unitErrors: { readonly origin: boolean; readonly destination: boolean };
  unitLabel(code: string, provinceCode?: string): string;
  /** Wards known on this device (suggestions for a manual code). */
  knownUnits(): readonly AdministrativeUnit[];
  select(index: number): void;
  decide(decision: OfficerDecision): Promise<void>;
  recommendation(entry: VehicleEntry): Recommendation;
  readonly checkpointId: string;
  readonly officerId: string;
  readonly direction: PassageDirection;
  setDirection(direction: PassageDirection): void;
  newVehicle(): void;
}

/** Checkpoint, officer, direction and "new vehicle". */
export function renderHeader(v: View) {
  const m = v.m;
  return html`
    <header part="header" class="header">
      <dl class="ids">
        <div><dt>${m.checkpoint}</dt><dd data-field="checkpoint">${v.checkpointId || m.notSet}</dd></div>
        <div><dt>${m.officer}</dt><dd data-field="officer">${v.officerId || m.notSet}</dd></div>
      </dl>
      <div class="direction" role="group" aria-labelledby="direction-label">
        <span id="direction-label" class="group-label">${m.direction}</span>
        ${(['in', 'out'] as const).map(
          (d) => html`<button type="button" class="button toggle" data-direction=${d} aria-pressed=${v.direction === d ? 'true' : 'false'}
            aria-keyshortcuts=${d === 'in' ? 'I' : 'O'} @click=${() => v.setDirection(d)}>
            ${m.directions[d]} <kbd aria-hidden="true">${d === 'in' ? 'I' : 'O'}</kbd>
          </button>`,
        )}
      </div>
      <button type="button" class="button" aria-keyshortcuts="N" @click=${() => v.newVehicle()}>
        ${m.newVehicle} <kbd aria-hidden="true">N</kbd>
      </button>
    </header>
  `;
}

/** The live-region sentence, in the current language (words are never kept from an earlier one). */
export function announcementText(m: CheckpointMessages, lang: 'vi' | 'en', a: Announcement | undefined): string {
  if (!a) return '';
  if (a.kind === 'error') return a.code === 'storage-full' ? m.storageFull : m.saveFailed;
  const e = a.entry;
  if (a.kind === 'card' && e.card) return `${m.person(e.n)}: ${m.cardResult[e.card.result]}`;
  if (a.kind === 'unchanged') return m.recorded(formatTime(e.records.at(-1)?.at ?? Date.now(), lang), e.decision ? m.decisions[e.decision] : '');
  const word = e.status === 'manual' ? m.manualStatus : m.status[e.status];
  return m.announce(e.n, word, e.state === 'saved' && e.decision ? m.decisions[e.decision] : null);
}

export function renderPerson(v: View, entry: VehicleEntry, index: number) {
  const m = v.m;
  const tone = statusTone(entry.status, entry.flags);
  const word = entry.status === 'manual' ? m.manualStatus : m.status[entry.status];
  const who = entry.pass?.declaration.fullName ?? (entry.key?.manualCode ?? '');
  return html`<li>
    <button type="button" class="person tone-${tone}" aria-current=${index === v.selected ? 'true' : 'false'} data-state=${entry.state}
      @click=${() => v.select(index)}>
      <span class="n">${entry.n}</span>
      <span class="person-status"><span class="icon" aria-hidden="true">${TONE_ICON[tone]}</span> ${word}</span>
      <span class="who">${who}</span>
      <span class="person-decision">${stateWords(v, entry, true)}</span>
    </button>
  </li>`;
}

/** Short words for the record state (list) or the full sentence (panel). */
export function stateWords(v: View, entry: VehicleEntry, short: boolean): string {
  const m = v.m;
  const lang = v.lang;
  switch (entry.state) {
    case 'checking':
    case 'saving':
      return m.recording;
    case 'saved': {
      const decision = entry.decision ? `${m.decisions[entry.decision]}${entry.automatic ? ` (${m.automatic})` : ''}` : '';
      if (short) return decision;
      const last = entry.records.at(-1);
      return last ? m.recorded(formatTime(last.at, lang), decision) : decision;
    }
    case 'rescan': {
      const prior = entry.rescanOf;
      const decision = prior ? m.decisions[prior.decision] : '';
      return short ? decision : m.rescan(prior ? formatTime(prior.at, lang) : '', decision);
    }
    case 'awaiting-decision':
      return m.manualDecide;
    case 'unreadable':
      return short ? '—' : m.notRecordedUnreadable;
    case 'failed':
      return entry.error === 'storage-full' ? m.storageFull : m.saveFailed;
  }
}

/**
 * What must be seen with the camera, without scrolling (it overlays the camera on a phone): the
 * status and why, the fields to compare with the ID card, whether it was recorded, the decisions.
 */
export function renderSummary(v: View, entry: VehicleEntry | undefined) {
  const m = v.m;
  if (!entry) return html`<h2 id="verdict-title" class="idle">${m.idle}</h2>`;
  const lang = v.lang;
  const rec = v.recommendation(entry);
  const tone = ACTION_TONE[rec.action];
  const passTone = statusTone(entry.status, []);
  const word = entry.status === 'manual' ? m.manualStatus : m.status[entry.status];
  const heldBack = entry.status === 'stale-trust' && entry.verdict?.status === 'valid';
  const reason = heldBack ? m.staleTrust.reason : entry.verdict ? entry.verdict.reasons[lang] : m.manualNote;
  return html`
    <div part="status" class="status tone-${tone}" data-status=${entry.status} data-action=${rec.action}>
      <span class="status-icon" aria-hidden="true">${TONE_ICON[tone]}</span>
      <div>
        <h2 id="verdict-title" class="status-word"><span class="visually-hidden">${m.person(entry.n)}: </span>${rec.headline[lang]}</h2>
        ${rec.reasons.length ? html`<ul class="why">${rec.reasons.map((r) => html`<li data-rule=${r.rule}>${r.texts[lang]}</li>`)}</ul>` : nothing}
        <p class="reason pass-line" data-field="pass-status"><span class="icon" aria-hidden="true">${TONE_ICON[passTone]}</span> ${m.passLine}: <strong>${word}</strong><span class="pass-reason"> — ${reason}</span></p>
      </div>
    </div>
    ${entry.pass ? renderIdentity(v, entry) : nothing}
    <p part="record" class="record state-${entry.state}" data-state=${entry.state} role=${entry.state === 'failed' ? 'alert' : nothing}>
      ${stateWords(v, entry, false)}
      ${entry.amended && entry.state === 'saved' && entry.decision ? html`<br />${m.amended(m.decisions[entry.decision])}` : nothing}
    </p>
    ${entry.state === 'failed'
      ? html`<button type="button" class="button primary" @click=${() => void v.decide(entry.failedDecision ?? 'refer')}>${m.retry}</button>`
      : nothing}
    ${renderActions(v, entry)}
  `;
}

/** Everything else about the selected person: what to check, health, route and validity, a manual code's wards. */
export function renderDetails(v: View, entry: VehicleEntry | undefined) {
  if (!entry) return nothing;
  const m = v.m;
  const pass = entry.pass;
  return html`
    ${entry.flags.length ? renderChecks(v, entry.flags) : nothing}
    ${pass ? renderPass(v, pass) : nothing}
    ${!pass && entry.status !== 'manual' ? html`<p class="muted">${entry.state === 'unreadable' ? m.unreadable : m.noPersonalData}</p>` : nothing}
    ${entry.status === 'manual' ? renderManual(v, entry) : nothing}
    ${entry.units && !pass && entry.status !== 'manual'
      ? html`<dl part="details" class="details"><div><dt>${m.routeTitle}</dt><dd>${v.unitLabel(entry.units.originUnit)} → ${v.unitLabel(entry.units.destinationUnit)}</dd></div></dl>`
      : nothing}
  `;
}

export function renderChecks(v: View, flags: readonly Flag[]) {
  const m = v.m;
  const lang = v.lang;
  const now = Date.now();
  const item = (flag: Flag): TemplateResult => {
    switch (flag.code) {
      case 'risk-area': {
        const level = m.riskLevels[flag.area.level ?? 'unknown'];
        const since = /^\d{4}-\d{2}-\d{2}$/.test(flag.area.since) ? formatIsoDate(flag.area.since, lang) : formatTime(flag.area.since, lang);
        return html`<li class="severe" data-flag="risk-area"><strong>${m.riskArea(v.unitLabel(flag.area.unitCode), level, since)}</strong>
          ${flag.area.note ? html` <span class="note">${flag.area.note}</span>` : nothing} ${m.riskCheck}</li>`;
      }
      case 'positive-test':
        return html`<li class="severe" data-flag="positive-test"><strong>${m.positiveTest(formatIsoDate(flag.date, lang))}</strong></li>`;
      case 'symptoms':
        return html`<li class="severe" data-flag="symptoms">${m.symptomsFlag(flag.symptoms.map((s) => m.symptomNames[s]).join(', '))}</li>`;
      case 'contact':
        return html`<li class="severe" data-flag="contact">${m.contactFlag}</li>`;
      case 'double-in':
        return html`<li data-flag="double-in">${m.doubleIn(formatTime(flag.prior.at, lang, now), flag.prior.checkpointId)}</li>`;
      case 'recent-passage':
        return html`<li data-flag="recent-passage">${m.recentPassage(m.directions[flag.prior.direction].toLowerCase(), flag.prior.checkpointId, formatAgo(now - Date.parse(flag.prior.at), lang))}</li>`;
      case 'recorded-here':
        return html`<li data-flag="recorded-here">${m.recordedHere(formatTime(flag.prior.at, lang, now))}</li>`;
      case 'stale-trust':
        return html`<li data-flag="stale-trust">${m.staleTrustFlag}</li>`;
      case 'clock-skew':
        return html`<li data-flag="clock-skew">${m.clockSkewFlag(formatDuration(flag.skewMs, lang), flag.skewMs < 0)}</li>`;
    }
  };
  return html`<div part="checks" class="checks">
    <h3><span class="icon" aria-hidden="true">⚠</span> ${m.checkTitle}</h3>
    <ul>${flags.map(item)}</ul>
  </div>`;
}

/** The fields to compare with the ID card. */
/**
 * The ID-card check: each field of the pass with the card's verdict on it in words and icon
 * (match, mismatch, not on card), or a prompt to show the card. The card's values never appear.
 */
export function renderIdentity(v: View, entry: VehicleEntry) {
  const m = v.m;
  const d = (entry.pass as VerifiedPass).declaration;
  const card = entry.card;
  const outcome = (field: IdCompareField) => {
    const o = card?.fields.find((f) => f.field === field)?.outcome;
    return o ? html`<span class="outcome outcome-${o}" data-outcome=${o}><span aria-hidden="true">${OUTCOME_ICON[o]}</span> ${m.cardOutcomes[o]}</span>` : nothing;
  };
  const row = (field: IdCompareField, label: string, value: string, data: string, big = true) =>
    html`<div class=${big ? 'big' : ''} data-compare=${field}><dt>${label}</dt><dd data-field=${data}>${value}</dd><dd class="field-outcome">${outcome(field)}</dd></div>`;
  return html`
    <section part="identity card-check" class="identity" aria-labelledby="identity-title" data-card=${card?.result ?? 'none'}>
      <h3 id="identity-title">${m.compareTitle}</h3>
      <p class="card-result" data-field="card-result">${card
        ? html`<span class="icon" aria-hidden="true">${card.result === 'matched' ? '✓' : '✗'}</span> ${m.cardResult[card.result]}`
        : entry.cardUnreadable ? html`<span class="icon" aria-hidden="true">⚠</span> ${m.cardUnreadable}` : html`<span class="icon" aria-hidden="true">▣</span> ${m.cardWaiting}`}</p>
      <dl>
        ${row('fullName', m.fullName, d.fullName, 'full-name')}
        ${row('idNumber', `${m.idNumber} (${m.idTypes[d.idType]})`, d.idNumber, 'id-number')}
        ${row('dateOfBirth', m.dateOfBirth, formatIsoDate(d.dateOfBirth, v.lang), 'date-of-birth')}
        ${row('gender', m.gender, m.genders[d.gender], 'gender', false)}
      </dl>
    </section>
  `;
}

export function renderPass(v: View, pass: VerifiedPass) {
  const m = v.m;
  const lang = v.lang;
  const d = pass.declaration;
  const health = d.health;
  const test = health.testResult;
  return html`
    <section part="health" class="health" aria-labelledby="health-title">
      <h3 id="health-title">${m.healthTitle}</h3>
      <dl>
        <div class=${test?.result === 'positive' ? 'severe' : ''}><dt>${m.test}</dt>
          <dd data-field="test">${test ? m.testResult(test.result === 'positive', test.kind, formatIsoDate(test.date, lang)) : m.noTest}</dd></div>
        <div class=${health.symptoms.length ? 'severe' : ''}><dt>${m.symptoms}</dt>
          <dd data-field="symptoms">${health.symptoms.length ? health.symptoms.map((s) => m.symptomNames[s]).join(', ') : m.noSymptoms}</dd></div>
        <div class=${health.contactWithCase ? 'severe' : ''}><dt>${m.contact}</dt><dd data-field="contact">${health.contactWithCase ? m.yes : m.no}</dd></div>
      </dl>
    </section>
    <dl part="details" class="details">
      <div><dt>${m.routeTitle}</dt><dd data-field="route">
        <span class="leg">${m.from}: ${v.unitLabel(d.origin.unitCode, d.origin.provinceCode)}${d.origin.address ? html` <span class="muted">— ${d.origin.address}</span>` : nothing}</span>
        <span class="leg">${m.to}: ${v.unitLabel(d.destination.unitCode, d.destination.provinceCode)}${d.destination.address ? html` <span class="muted">— ${d.destination.address}</span>` : nothing}</span>
      </dd></div>
      <div><dt>${m.purpose}</dt><dd data-field="purpose">${m.purposes[d.purpose]}${d.purposeNote ? ` — ${d.purposeNote}` : ''}</dd></div>
      <div><dt>${m.vehicle}</dt><dd data-field="vehicle" class="mono">${d.vehiclePlate ?? m.noVehicle}</dd></div>
      <div><dt>${m.validity}</dt><dd data-field="validity">${m.validRange(formatDateTime(pass.validFrom, lang), formatDateTime(pass.validUntil, lang))}</dd></div>
    </dl>
  `;
}

export function renderManual(v: View, entry: VehicleEntry) {
  const m = v.m;
  // Suggestions from the wards known on this device (the provinces loaded so far).
  const suggestions = v.knownUnits().filter((u) => u.level !== 'province');
  const datalist = suggestions.length > 0;
  const unitInput = (id: string, label: string, error: boolean) => html`
    <div class="field">
      <label for=${id}>${label}</label>
      <span id="${id}-hint" class="muted">${m.unitHint}</span>
      <input id=${id} autocomplete="off" spellcheck="false" maxlength="120" list=${datalist ? 'ck-units' : nothing}
        aria-describedby=${error ? `${id}-hint ${id}-error` : `${id}-hint`} aria-invalid=${error ? 'true' : 'false'} />
      ${error ? html`<span id="${id}-error" class="field-error"><span aria-hidden="true">✗ </span>${m.unitError}</span>` : nothing}
    </div>`;
  return html`
    <section class="manual" aria-labelledby="manual-title">
      <h3 id="manual-title">${m.manualTitle}: <span class="mono" data-field="manual-code">${entry.key?.manualCode}</span></h3>
      ${entry.units
        ? html`<dl class="details"><div><dt>${m.routeTitle}</dt><dd>${v.unitLabel(entry.units.originUnit)} → ${v.unitLabel(entry.units.destinationUnit)}</dd></div></dl>`
        : entry.state === 'awaiting-decision' || entry.state === 'rescan'
          ? html`<div class="unit-fields">
              ${unitInput('origin-unit', m.originUnit, v.unitErrors.origin)}
              ${unitInput('destination-unit', m.destinationUnit, v.unitErrors.destination)}
              ${datalist
                ? html`<datalist id="ck-units">${suggestions.map((u) => html`<option value=${v.unitLabel(u.code)}></option>`)}</datalist>`
                : nothing}
            </div>`
          : nothing}
    </section>
  `;
}

export function renderActions(v: View, entry: VehicleEntry) {
  const m = v.m;
  const enabled = entry.state === 'saved' || entry.state === 'awaiting-decision' || entry.state === 'rescan' || entry.state === 'failed';
  const keys: Record<OfficerDecision, string> = { allow: 'A', deny: 'D', refer: 'R' };
  return html`
    <div part="actions" class="actions" role="group" aria-labelledby="actions-title">
      <h3 id="actions-title">${m.decisionsTitle}</h3>
      <div class="decision-buttons">
        ${(['allow', 'deny', 'refer'] as const).map(
          (d) => html`<button part="decision-button" type="button" class="button decision decision-${d}" data-decision=${d}
            aria-pressed=${entry.state === 'saved' && entry.decision === d ? 'true' : 'false'} aria-keyshortcuts=${keys[d]}
            ?disabled=${!enabled} @click=${() => void v.decide(d)}>
            ${m.decisions[d]} <kbd aria-hidden="true">${keys[d]}</kbd>
          </button>`,
        )}
      </div>
      <p class="muted hint">${m.decisionsHint}</p>
    </div>
  `;
}