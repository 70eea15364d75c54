// The stale-trust banner of <ck-checkpoint>: while the held bundle is stale and not acknowledged,
// a region with the reason and the one action that lets verdicts be 'valid' again; once
// acknowledged, a quieter status line saying since when. A template only: the rule is in
// core/trust-acknowledgement.ts, the log in the kiosk store.
import { html, nothing, type TemplateResult } from 'lit';
import type { StaleTrustGate, TrustAcknowledgement } from '../../core/trust-acknowledgement';
import type { TrustBundle } from '../../core/trust-bundle';
import { formatAgo, formatDateTime, formatTime } from '../ck-sync-status/format';
import type { Lang } from '../shared/localize';
import type { StaleTrustMessages } from './ck-checkpoint.messages';

export interface StaleTrustBannerInput {
  readonly gate: StaleTrustGate | undefined;
  readonly bundle: TrustBundle | undefined;
  readonly acknowledgement: TrustAcknowledgement | undefined;
  readonly now: number;
  readonly busy: boolean;
  readonly onAcknowledge: () => void;
}

export function staleTrustBanner(input: StaleTrustBannerInput, m: StaleTrustMessages, lang: Lang): TemplateResult | typeof nothing {
  const { gate, bundle } = input;
  if (!bundle || gate === undefined || gate === 'fresh') return nothing;
  if (gate === 'acknowledged') {
    const at = input.acknowledgement ? formatTime(input.acknowledgement.acknowledgedAt, lang, input.now) : '';
    return html`<p part="problem" class="problem" role="status" data-problem="stale-trust-acknowledged">
      <span class="icon" aria-hidden="true">⚠</span> ${m.acknowledged(bundle.sequence, at)}
    </p>`;
  }
  const issued = new Date(bundle.issuedAt);
  // The button sits outside the live region: an alert announces its text, not a control.
  return html`<section part="problem stale-trust" class="problem stale-banner" aria-labelledby="stale-trust-title" data-problem="stale-trust">
    <h2 id="stale-trust-title" class="stale-title"><span class="icon" aria-hidden="true">⚠</span> ${m.title}</h2>
    <p role="alert">${m.body(bundle.sequence, formatDateTime(issued, lang), formatAgo(input.now - issued.getTime(), lang))}</p>
    <button type="button" class="button primary" data-action="acknowledge-stale-trust" aria-describedby="stale-trust-hint"
      ?disabled=${input.busy} @click=${input.onAcknowledge}>${m.action}</button>
    <p id="stale-trust-hint" class="muted hint">${m.hint}</p>
  </section>`;
}
