// How one inbox row and one contact read (templates only; the element owns state and events).
// A row is a line of a role="table" so the virtualised list keeps table semantics: every cell
// says time, kind, traveller, the other ward, checkpoint (name and road), the latest decision
// with its check result and the history folded inside, and the health flags in words.
import { html, nothing, type TemplateResult } from 'lit';
import type { WardContact } from '../../api/ward-feed';
import type { AdministrativeUnit } from '../../api/units';
import {
  DECISION_LOOK, DIRECTION_ICONS, MOVEMENT_ICONS, formatTime, shownText, unitLabel, verdictLook, type PortalWords,
} from '../shared/portal-text';
import type { InboxMessages } from './ck-ward-inbox.messages';
import { checkpointLabel, raisedFlags, statusText, type InboxRow } from './ward-inbox-model';
import type { CheckpointInfo } from '../../api/checkpoints';

/** Received this long after the passage: recorded offline and synced later. */
const NOTABLE_DELAY_MS = 10 * 60_000;

export const KIND_ICONS = { arrival: MOVEMENT_ICONS.arrival, departure: MOVEMENT_ICONS.departure, 'turned-back': '⊘' } as const;

export interface RowContext {
  msg: InboxMessages;
  words: PortalWords;
  locale: string;
  units: { get(code: string): AdministrativeUnit | undefined };
  registry: ReadonlyMap<string, CheckpointInfo>;
  fresh: ReadonlySet<string>;
  /** The traveller cell's name as a link/button (the element wires the event). */
  traveller: (row: InboxRow) => TemplateResult;
}

function verdictBadge(status: string, ctx: RowContext): TemplateResult {
  const look = verdictLook(status, ctx.words);
  const icon = Object.hasOwn(ctx.words.verdict, status) ? look.icon : '?';
  return html`<span class="badge ${look.tone}"><span aria-hidden="true">${icon}</span> ${statusText(status, ctx.words, ctx.msg)}</span>`;
}

export function renderRow(row: InboxRow, index: number, ctx: RowContext): TemplateResult {
  const { item: m, kind, code } = row;
  const { msg, words, locale } = ctx;
  const decision = DECISION_LOOK[m.decision];
  const other = m.relation === 'arrival' ? m.originUnit : m.destinationUnit;
  const late = Date.parse(m.receivedAt) - row.atMs >= NOTABLE_DELAY_MS;
  const fresh = ctx.fresh.has(m.id);
  const cp = checkpointLabel(m, ctx.registry);
  const flags = raisedFlags(m.flags);
  return html`<div role="row" part="row" class="row ${kind} ${fresh ? 'fresh' : ''}" data-id=${m.id} aria-rowindex=${index + 2}>
    <div role="cell" class="time">
      <time datetime=${m.at}>${formatTime(m.at, locale)}</time>
      ${fresh ? html`<span class="badge neutral fresh-badge">${msg.fresh}</span>` : nothing}
      ${late ? html`<span class="note">${msg.receivedLater(formatTime(m.receivedAt, locale))}</span>` : nothing}
    </div>
    <div role="cell" class="kind ${kind}"><span aria-hidden="true">${KIND_ICONS[kind]}</span> ${msg.kind[kind]}
      ${kind === 'turned-back' ? html`<span class="note">(${words.movementDirection[m.relation]})</span>` : nothing}</div>
    <div role="cell" class="who">
      ${ctx.traveller(row)}
      ${code ? html`<span class="mono code">${m.passId ? '' : `${msg.manualOnly}: `}${code}</span>` : nothing}
      ${m.passId ? nothing : html`<span class="note">${msg.noRoute}</span>`}
    </div>
    <div role="cell" class="ward"><span class="leg-label">${m.relation === 'arrival' ? msg.from : msg.to}:</span>
      <bdi>${unitLabel(other, ctx.units, words)}</bdi></div>
    <div role="cell" class="checkpoint">
      <bdi class=${cp.known ? '' : 'mono'}>${shownText(cp.name, 80)}</bdi>${cp.road ? html` <span class="note">${shownText(cp.road, 40)}</span>` : nothing}
      <span class="note">(<span aria-hidden="true">${DIRECTION_ICONS[m.checkpointDirection]}</span> ${words.passageDirection[m.checkpointDirection]})</span>
    </div>
    <div role="cell" class="decision">
      <span class="badge ${decision.tone}"><span aria-hidden="true">${decision.icon}</span> ${words.decision[m.decision]}</span>
      ${verdictBadge(m.verdictStatus, ctx)}
      ${m.decisions.length > 1 ? html`<details class="history"><summary>${msg.history(m.decisions.length)}</summary><ol>
        ${m.decisions.map((d) => html`<li><time datetime=${d.at}>${formatTime(d.at, locale)}</time> ${words.decision[d.decision]} — ${statusText(d.verdictStatus, words, msg)}</li>`)}
      </ol></details>` : nothing}
    </div>
    <div role="cell" class="flags">
      ${flags.length === 0 && !m.idCheck ? html`<span class="note">${msg.noFlags}</span>` : nothing}
      ${flags.map((f) => html`<span class="badge ${f === 'riskArea' || f === 'idMismatch' ? 'warn' : 'bad'}"><span aria-hidden="true">${'⚑'}</span> ${msg.flags[f]}</span>`)}
      ${m.idCheck && m.idCheck !== 'mismatch' ? html`<span class="note">${msg.idCheck[m.idCheck]}</span>` : nothing}
    </div>
  </div>`;
}

export function renderContact(c: WardContact, ctx: Pick<RowContext, 'msg' | 'words' | 'locale' | 'units' | 'registry'>): TemplateResult {
  const { msg, words, locale } = ctx;
  const checkpoint = ctx.registry.get(c.link.checkpointId)?.name ?? c.link.checkpointName ?? c.link.checkpointId;
  return html`<li class="contact" part="contact" data-id=${c.id}>
    <span class="name"><bdi>${c.person ? shownText(c.person.fullName) : words.unknownPerson}</bdi></span>
    <span class="mono code">${c.manualCode ?? c.passId ?? c.key}</span>
    <span class="badge warn"><span aria-hidden="true">${'⚑'}</span> ${msg.contactKind[c.link.kind]}</span>
    <span>${msg.contactAt(shownText(checkpoint, 80), formatTime(c.link.at, locale))}
      (<span aria-hidden="true">${DIRECTION_ICONS[c.link.direction]}</span> ${words.passageDirection[c.link.direction]})</span>
    <span class="note">${msg.from}: <bdi>${unitLabel(c.originUnit, ctx.units, words)}</bdi> · ${msg.to}: <bdi>${unitLabel(c.destinationUnit, ctx.units, words)}</bdi>
      · ${msg.deliveredAt(formatTime(c.deliveredAt, locale))}</span>
  </li>`;
}
