// The declaration form's events: what each carries (typed in GlobalEventHandlersEventMap).

import type { Declaration } from '../../core/declaration';

export interface DeclarationSubmitDetail {
  /** The declaration as validated and normalised by the core. */
  declaration: Declaration;
  formId: string;
  /** A family in one car: every member's declaration, the declarant first (one submission). */
  group?: Declaration[];
}

export interface PassIssuedDetail {
  /** The pass QR text (`CK1:…`), ready for `<ck-pass pass=…>`. */
  qrText: string;
  passId: string;
  /** A group's passes, one per member in member order (the first is the declarant's, as above). */
  passes?: { qrText: string; passId: string }[];
}

export interface DeclarationErrorDetail {
  /** An ApiError code ('network', 'server', …) or 'storage-quota' | 'storage-unavailable' | 'storage' | 'no-api-base'. */
  code: string;
  message: string;
  /** Sending the same submission again may succeed. */
  retryable: boolean;
  /** The submission is kept and will be sent again automatically. */
  queued: boolean;
  status?: number;
  /** The idempotency key of the submission concerned. */
  submissionId?: string;
}

export type DeclarationSubmitEvent = CustomEvent<DeclarationSubmitDetail>;
export type PassIssuedEvent = CustomEvent<PassIssuedDetail>;
export type DeclarationErrorEvent = CustomEvent<DeclarationErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-declaration-submit': DeclarationSubmitEvent;
    'ck-pass-issued': PassIssuedEvent;
    'ck-declaration-error': DeclarationErrorEvent;
  }
}
