import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type QRCodeStyling from 'qr-code-styling';
import { fetchJwks, type Jwks } from '../../api/issuer-keys';
import type { AdministrativeUnit } from '../../api/units';
import { reasonText } from '../../core/texts';
import { createTrustStore, type TrustStore } from '../../core/trust-store';
import type { VerifiedPass } from '../../core/verdict-types';
import { verifyPass } from '../../core/verify';
import { DEFAULT_CITIZEN_DB, type CitizenDb, type KeptPass } from '../../store/citizen-db';
import { toStoreError, type StoreError } from '../../store/errors';
import { getCachedIssuerKeys, putCachedIssuerKeys } from '../../store/issuer-keys';
import { openCitizenDb } from '../../store/open';
import { keepPass, removeKeptPass, watchKeptPass, watchLastKeptPass } from '../../store/passes';
import { CountdownController } from '../shared/countdown-controller';
import { LiveQueryController } from '../shared/live-query-controller';
import { LocalizeController } from '../shared/localize';
import { renderHealthAdvice } from '../shared/health-advice';
import { UnitCatalogueController } from '../shared/unit-catalogue-controller';
import styles from './ck-pass.styles';
import { messages, type PassMessages } from './ck-pass.messages';
import { PrintController } from './print-controller';
import { drawQr } from './qr-draw';
import { renderSummary } from './pass-view';
import { composePassCard, type PassCard } from './pass-card';
import { readPassUnverified } from '../../core/read-unverified';
import { formatDateTime, passCard, safeManualCode, stateLine, stateOf, validityLive, type PassState, type Reading } from './pass-model';

/** An issuer and its public keys (JWKS), as a trust store takes them. */
export interface IssuerKeys {
  iss: string;
  jwks: Jwks;
}

export interface PassKeptDetail {
  passId: string;
  kept: boolean;
}

export interface PassErrorDetail {
  /** 'storage-quota' | 'storage' | 'keys-unavailable' | 'download' */
  code: string;
  message: string;
}

export type PassKeptEvent = CustomEvent<PassKeptDetail>;
export type PassErrorEvent = CustomEvent<PassErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-pass-kept': PassKeptEvent;
    'ck-pass-error': PassErrorEvent;
  }
}

export type { PassState } from './pass-model';

/** Stands for "trust still loading" in the read task's arguments. */
const TRUST_PENDING = Symbol('trust-pending');

const WELL_KNOWN_JWKS = '/.well-known/jwks.json';

/**
 * The QR code of a domestic-movement declaration (a "pass" in the API) as the citizen carries it: the QR code (SVG, quiet zone, prints at 5 × 5 cm),
 * the details an officer compares with the ID card, the validity window with a live countdown,
 * the manual code, and actions to download a PNG, print just the pass, and keep it on the device
 * (IndexedDB) so it shows with no network, also after a reload. With issuer keys it verifies its
 * own signature and says plainly whether the pass is valid, expired, revoked or not valid;
 * without keys it shows the details labelled "not verified".
 *
 * @fires ck-pass-kept - The pass was kept on, or removed from, the device. `detail: { passId, kept }`.
 * @fires ck-pass-error - Keeping, key loading or the PNG failed. `detail: { code, message }`.
 *
 * @csspart health-advice - The health advice shown when the declaration carries symptoms, a contact or a positive test.
 * @csspart pass - The card.
 * @csspart title - The heading.
 * @csspart state - The status line (icon and words).
 * @csspart qr - The figure with the QR code and manual code.
 * @csspart qr-code - The white box holding the QR code.
 * @csspart manual-code - The manual code.
 * @csspart summary - The list of details.
 * @csspart countdown - The remaining validity.
 * @csspart actions - The row of buttons.
 * @csspart button - Each button.
 *
 * @cssprop --ck-color-fg - Text colour.
 * @cssprop --ck-color-bg - Card background.
 * @cssprop --ck-color-surface - Background of the details.
 * @cssprop --ck-color-border - Card border.
 * @cssprop --ck-color-accent - Buttons and focus.
 * @cssprop --ck-color-success - Valid state.
 * @cssprop --ck-color-danger - Not valid, revoked, expired states.
 * @cssprop --ck-color-warning - Unverified, not yet valid states.
 * @cssprop --ck-pass-qr-size - On-screen size of the QR box (default min(100%, 20rem)).
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-target-size - Minimum touch target (default 44px).
 * @cssprop --ck-font-family - Font stack.
 */
export class CkPass extends LitElement {
  static override styles = styles;

  /** The pass QR text (`CK1:…`). */
  @property() pass = '';

  /** Show the kept pass with this id when `pass` is empty. */
  @property({ attribute: 'pass-id' }) passId = '';

  /** Show the most recently kept pass when neither `pass` nor `pass-id` is given. */
  @property({ type: Boolean, attribute: 'last-kept' }) lastKept = false;

  /** IndexedDB database name (the form keeps issued passes in the same one). */
  @property({ attribute: 'store-name' }) storeName = DEFAULT_CITIZEN_DB;

  /** Issuer keys to verify with (one issuer or several). */
  @property({ attribute: false }) issuerKeys: IssuerKeys | IssuerKeys[] | undefined;

  /** Pass ids the issuer has revoked (from the portal's revocation list), checked with the keys. */
  @property({ attribute: false }) revokedPassIds: string[] | undefined;

  /** URL of the issuer's JWKS; fetched when online, cached in IndexedDB for offline use. */
  @property({ attribute: 'keys-src' }) keysSrc = '';

  /** The `iss` the keys of `keys-src` belong to; default: `keys-src` without `/.well-known/jwks.json`. */
  @property() issuer = '';

  /** Administrative units, to show unit names instead of codes. */
  @property({ attribute: false }) units: AdministrativeUnit[] | undefined;

  /** URL of the administrative units: a catalogue index.json (docs/units.md; provinces load on demand) or a flat JSON array of `{ code, name, parentCode, level }`. */
  @property({ attribute: 'units-src' }) unitsSrc = '';

  /** Image URL placed in the centre of the QR code (error correction rises to Q). */
  @property() logo = '';

  @state() private notice: { kind: 'error' | 'info'; text: string } | undefined;

  #l10n = new LocalizeController<PassMessages>(this, messages);
  #countdown = new CountdownController(this);
  #printer = new PrintController(this);
  #stored = new LiveQueryController<KeptPass | undefined>(this);
  #kept = new LiveQueryController<KeptPass | undefined>(this);
  #db: CitizenDb | undefined;
  #storedKey = '';
  #keptKey = '';
  #qr: QRCodeStyling | undefined;
  #drawnKey = '';

  #units = new UnitCatalogueController(this);

  #trustTask = new Task(this, {
    task: async ([keys, src, issuer, revoked], { signal }) => this.#loadTrust(keys, src, issuer, revoked ?? [], signal),
    args: () => [this.issuerKeys, this.keysSrc, this.issuer, this.revokedPassIds] as const,
  });

  #readTask = new Task(this, {
    task: async ([text, trust]): Promise<Reading | undefined> => {
      if (!text) return undefined;
      const read = readPassUnverified(text);
      if (!read.ok) return { text, unreadable: read.status };
      if (trust === TRUST_PENDING) return { text, pass: read.pass, checking: true };
      const verdict = trust ? await verifyPass(text, trust) : undefined;
      return { text, pass: read.pass, ...(verdict && { verdict }) };
    },
    args: () => [this.#qrText, this.#trustTask.status === TaskStatus.PENDING ? TRUST_PENDING : this.#trustTask.value] as const,
  });

  get #database(): CitizenDb {
    if (this.#db?.name !== this.storeName) this.#db = openCitizenDb(this.storeName);
    return this.#db;
  }

  /** The QR text shown: the `pass` property, else the kept pass looked up. */
  get #qrText(): string {
    return this.pass || (this.pass === '' && (this.passId || this.lastKept) ? (this.#stored.value?.qrText ?? '') : '');
  }

  /**
   * What the pass says (undefined while reading, or when there is no readable pass). Read
   * without trusting it: whether it is genuine is `state`.
   */
  get passDetails(): VerifiedPass | undefined {
    const reading = this.#readTask.value;
    return reading?.text === this.#qrText ? reading.pass : undefined;
  }

  /** The state shown, for scripts and tests: from the signature check when keys exist, and the clock. */
  get state(): PassState | undefined {
    const reading = this.#readTask.value;
    if (!reading || reading.text !== this.#qrText || reading.checking) return undefined;
    return stateOf(reading, Date.now());
  }

  async #loadTrust(
    keys: IssuerKeys | IssuerKeys[] | undefined,
    src: string,
    issuer: string,
    revokedPassIds: string[],
    signal: AbortSignal,
  ): Promise<TrustStore | undefined> {
    if (keys) return createTrustStore({ issuers: Array.isArray(keys) ? keys : [keys], revokedPassIds });
    if (!src) return undefined;
    const iss = issuer || defaultIssuer(src);
    const db = this.#database;
    const cached = await getCachedIssuerKeys(db, src).catch(() => undefined);
    try {
      const jwks = await fetchJwks(src, { signal });
      const fetchedAt = Date.now();
      await putCachedIssuerKeys(db, { src, issuer: iss, jwks, fetchedAt }).catch((error: unknown) => this.#storageFailed(toStoreError(error)));
      return await createTrustStore({ issuers: [{ iss, jwks }], updatedAt: new Date(fetchedAt), revokedPassIds });
    } catch (error) {
      if (signal.aborted) throw error;
      // Offline or the server is down: the cached keys still verify (with a stale-trust warning when old).
      if (cached) return createTrustStore({ issuers: [{ iss, jwks: cached.jwks }], updatedAt: new Date(cached.fetchedAt), revokedPassIds });
      this.#emitError('keys-unavailable', this.#l10n.msg.keysUnavailable);
      return undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const db = this.#database;
    const storedKey = this.pass ? '' : this.passId ? `id:${db.name}:${this.passId}` : this.lastKept ? `last:${db.name}` : '';
    if (storedKey !== this.#storedKey) {
      this.#storedKey = storedKey;
      const passId = this.passId;
      this.#stored.setQuery(storedKey === '' ? undefined : passId ? () => watchKeptPass(db, passId) : () => watchLastKeptPass(db));
    }
    const pass = this.passDetails;
    const keptKey = pass ? `${db.name}:${pass.passId}` : '';
    if (keptKey !== this.#keptKey) {
      this.#keptKey = keptKey;
      this.#kept.setQuery(pass ? () => watchKeptPass(db, pass.passId) : undefined);
    }
    const now = Date.now();
    this.#countdown.target = pass ? (now < pass.validFrom.getTime() ? pass.validFrom.getTime() : pass.validUntil.getTime()) : undefined;
    if (changed.has('pass') || changed.has('passId')) this.notice = undefined;
  }

  protected override updated(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.qr-box');
    const text = this.passDetails ? this.#qrText : '';
    const key = `${text}\u0000${this.logo}`;
    if (!box || !text) {
      this.#drawnKey = '';
      this.#qr = undefined;
      return;
    }
    if (key === this.#drawnKey && box.firstElementChild) return;
    this.#drawnKey = key;
    this.#qr = drawQr(box, text, this.logo);
  }

  // ---- actions --------------------------------------------------------------------------------

  async #download(): Promise<void> {
    const pass = this.passDetails;
    if (!this.#qr || !pass) return;
    try {
      const qr = await this.#qr.getRawData('png');
      if (!(qr instanceof Blob)) throw new Error('no image');
      const blob = await composePassCard(qr, this.#card(pass));
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `ck-pass-${safeManualCode(pass.passId)}.png`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      this.#emitError('download', this.#l10n.msg.downloadFailed);
    }
  }

  async #keep(kept: boolean): Promise<void> {
    const pass = this.passDetails;
    if (!pass) return;
    try {
      if (kept) await keepPass(this.#database, { passId: pass.passId, qrText: this.#qrText, validUntil: pass.validUntil.getTime() });
      else await removeKeptPass(this.#database, pass.passId);
      this.notice = undefined;
      this.dispatchEvent(new CustomEvent<PassKeptDetail>('ck-pass-kept', { detail: { passId: pass.passId, kept }, bubbles: true, composed: true }));
    } catch (error) {
      this.#storageFailed(toStoreError(error));
    }
  }

  #storageFailed(error: StoreError): void {
    const msg = this.#l10n.msg;
    const quota = error.code === 'quota-exceeded';
    this.#emitError(quota ? 'storage-quota' : 'storage', quota ? msg.storageFull : msg.storageFailed);
  }

  #emitError(code: string, message: string): void {
    this.notice = { kind: 'error', text: message };
    this.dispatchEvent(new CustomEvent<PassErrorDetail>('ck-pass-error', { detail: { code, message }, bubbles: true, composed: true }));
  }

  // ---- rendering ------------------------------------------------------------------------------

  #dateTime(at: Date): string {
    return formatDateTime(this.#l10n.locale, at);
  }

  /** What the saved PNG says under the QR (the screen's summary, as plain text). */
  #card(pass: VerifiedPass): PassCard {
    return passCard(pass, this.#l10n.msg, this.#l10n.locale, (code, unitCode) => this.#units.unit(unitCode, code)?.name, (code) => this.#units.unit(code)?.name);
  }

  #stateLine(reading: Reading, state: PassState): TemplateResult {
    const line = stateLine(reading, state, this.#l10n.msg, this.#l10n.lang);
    return html`<div class="state ${state}" part="state">
      <p class="verdict"><span class="icon" aria-hidden="true">${line.icon}</span> <strong>${line.words}</strong></p>
      <p class="reason">${line.reason}</p>
      ${line.stale ? html`<p class="reason stale"><span aria-hidden="true">⚠</span> ${line.stale}</p>` : nothing}
    </div>`;
  }

  #validity(pass: VerifiedPass): TemplateResult {
    const msg = this.#l10n.msg;
    const live = validityLive(pass, Date.now(), this.#countdown.remainingMs ?? 0, msg, this.#l10n.locale);
    return html`<span>${msg.validRange(this.#dateTime(pass.validFrom), this.#dateTime(pass.validUntil))} ${msg.timeZoneNote}</span>
      <span class="countdown" part="countdown">${live}</span>`;
  }

  #actions(): TemplateResult {
    const msg = this.#l10n.msg;
    const kept = this.#kept.value !== undefined;
    return html`<div class="actions" part="actions">
      <button type="button" class="button" part="button" data-action="download" @click=${() => void this.#download()}>
        ${msg.download}
      </button>
      <button type="button" class="button" part="button" @click=${() => this.#printer.print()}>
        ${msg.print}
      </button>
      ${kept
        ? html`<p class="kept"><span aria-hidden="true">✓</span> ${msg.kept}</p>
            <button type="button" class="button" part="button" data-action="unkeep" @click=${() => void this.#keep(false)}>${msg.unkeep}</button>`
        : this.#kept.settled
          ? html`<button type="button" class="button primary" part="button" data-action="keep" @click=${() => void this.#keep(true)}>
              ${msg.keep}
            </button>`
          : nothing}
      <span class="visually-hidden" aria-live="polite">${kept ? msg.kept : ''}</span>
    </div>`;
  }

  protected override render(): TemplateResult {
    const msg = this.#l10n.msg;
    const text = this.#qrText;
    const reading = this.#readTask.value?.text === text ? this.#readTask.value : undefined;
    let body: TemplateResult;
    if (!text) {
      body = html`<p class="empty">${msg.empty}</p>`;
    } else if (!reading) {
      body = html`<p class="empty">${msg.loading}</p>`;
    } else if (!reading.pass) {
      const status = reading.unreadable ?? 'malformed';
      body = html`<div class="state invalid" part="state">
        <p class="verdict"><span class="icon" aria-hidden="true">✕</span> <strong>${msg.state.invalid}</strong></p>
        <p class="reason">${reasonText(status, this.#l10n.lang)}</p>
      </div>`;
    } else {
      const pass = reading.pass;
      const d = pass.declaration;
      const code = safeManualCode(pass.passId);
      body = html`${reading.checking
          ? html`<div class="state unverified" part="state">
              <p class="verdict"><span class="icon" aria-hidden="true">…</span> <strong>${msg.checking}</strong></p>
            </div>`
          : this.#stateLine(reading, stateOf(reading, Date.now()))}
        <div class="body">
          <figure class="qr" part="qr">
            <div class="qr-box" part="qr-code" role="img" aria-label=${msg.qrLabel(code)}></div>
            <figcaption>
              <span class="code-label">${msg.manualCode}</span>
              <span class="manual-code" part="manual-code">${code}</span>
              <span class="hint">${msg.manualCodeHint}</span>
            </figcaption>
          </figure>
          ${renderSummary(pass, {
            msg,
            provinceName: (code) => this.#units.unit(code)?.name,
            unitName: (unitCode, code) => this.#units.unit(unitCode, code)?.name,
            validity: this.#validity(pass),
          })}
        </div>
        ${renderHealthAdvice(d.health, this.#l10n.lang)}
        ${this.#actions()}`;
    }
    return html`<article part="pass" aria-labelledby="title">
      <h2 id="title" part="title">${msg.title}</h2>
      ${body}
      ${this.notice ? html`<p class="notice ${this.notice.kind}" role="alert"><span aria-hidden="true">⚠</span> ${this.notice.text}</p>` : nothing}
    </article>`;
  }
}

/** SMART-Health-Cards convention: the JWKS lives at `{iss}/.well-known/jwks.json`. */
function defaultIssuer(src: string): string {
  const absolute = new URL(src, location.href).href;
  return absolute.endsWith(WELL_KNOWN_JWKS) ? absolute.slice(0, -WELL_KNOWN_JWKS.length) : absolute;
}
