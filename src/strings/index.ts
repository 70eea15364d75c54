// checkpoint-kit/strings — a portal's own wording: change any string of any element, in
// Vietnamese or English, or add a language. Works before or after the elements are defined;
// connected elements re-render. Shared by every copy of the kit on the page.
import { addLanguage, overrideMessages, resetMessages, type MessageOverrides } from '../elements/shared/localize';
import type { CheckpointMessages } from '../elements/ck-checkpoint/ck-checkpoint.messages';
import type { FormMessages } from '../elements/ck-declaration-form/ck-declaration-form.messages';
import type { PassMessages } from '../elements/ck-pass/ck-pass.messages';
import type { RouteMessages } from '../elements/ck-route/ck-route.messages';
import type { ScannerMessages } from '../elements/ck-scanner/ck-scanner.messages';
import type { SyncStatusMessages } from '../elements/ck-sync-status/ck-sync-status.messages';
import type { InboxMessages } from '../elements/ck-ward-inbox/ck-ward-inbox.messages';
import type { ExposureMessages } from '../elements/ck-exposure/ck-exposure.messages';
import type { StatsMessages } from '../elements/ck-checkpoint-stats/ck-checkpoint-stats.messages';

/** The message shape of each element (keys and function signatures of its catalogs). */
export interface ElementMessages {
  'ck-checkpoint': CheckpointMessages;
  'ck-checkpoint-stats': StatsMessages;
  'ck-declaration-form': FormMessages;
  'ck-exposure': ExposureMessages;
  'ck-pass': PassMessages;
  'ck-route': RouteMessages;
  'ck-scanner': ScannerMessages;
  'ck-sync-status': SyncStatusMessages;
  'ck-ward-inbox': InboxMessages;
}

/**
 * Overrides strings of `tag` in `lang` ('vi', 'en', or a language added with addLanguage):
 * `setMessages('ck-pass', 'vi', { title: 'Mã QR khai báo di chuyển' })`. Functions keep their signatures.
 */
export function setMessages<T extends keyof ElementMessages>(tag: T, lang: string, messages: MessageOverrides<ElementMessages[T]>): void {
  overrideMessages(tag, lang, messages);
}

export { addLanguage, resetMessages };
export type { AddedLanguage, Lang, MessageOverrides } from '../elements/shared/localize';
export type {
  CheckpointMessages, ExposureMessages, FormMessages, InboxMessages, PassMessages, RouteMessages, ScannerMessages, StatsMessages, SyncStatusMessages,
};
