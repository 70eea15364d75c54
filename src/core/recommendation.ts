// Decision first: what the officer should do with this person, and why. The mapping from the
// verdict, the health answers, the origin's risk area, the ID-card check and the passage
// history to a recommended action is data — `decisionRules` in the signed trust bundle, so a
// province can change it — with DEFAULT_DECISION_RULES (the kit's behaviour) when absent.
//
// Evaluation is deterministic: every rule whose condition holds contributes a reason (in rule
// order); the action is the most severe among them (invalid > deny-health > check > allow); the
// automatic decision is `deny` if any matched rule says deny, else none (the officer decides) if
// any says `officer`, else `refer` if any says refer, else `allow`. Kit floors apply after the
// rules, whatever the bundle says: a revoked pass is invalid and denied, a pass that is not valid
// or a card that does not match is never allowed automatically.
// Pure: no DOM, no storage, no clock unless `today` is left out. Never throws for typed input.

import { addDays, isIsoDate, vietnamDate } from './dates';
import { SYMPTOMS, type HealthAnswers, type Symptom } from './declaration';
import type { OfficerDecision } from './passage-record';
import { reasonText } from './texts';
import type { ReasonLang } from './texts';
import type { RiskArea, RiskLevel } from './trust-bundle';
import { PASS_STATUSES, type PassStatus } from './verdict-types';

/** Recommended actions, least severe first. */
export const RECOMMENDED_ACTIONS = ['allow', 'check', 'deny-health', 'invalid'] as const;
export type RecommendedAction = (typeof RECOMMENDED_ACTIONS)[number];
/** What a rule may raise the action to (`allow` is what remains when no rule holds). */
export type RuleAction = Exclude<RecommendedAction, 'allow'>;
export const RULE_ACTIONS: readonly RuleAction[] = ['check', 'deny-health', 'invalid'];

/** The decision a rule asks to be recorded automatically; `officer`: none, the officer decides. */
export type RuleDecision = 'deny' | 'refer' | 'officer';
export const RULE_DECISIONS: readonly RuleDecision[] = ['deny', 'refer', 'officer'];

/** The verdict as the kiosk holds it: a verifier status, or `manual` for a typed-in code. */
export type VerdictInput = PassStatus | 'manual';
export const VERDICT_INPUTS: readonly VerdictInput[] = [...PASS_STATUSES, 'manual'];

/**
 * The ID-card check at the time of the recommendation: the camera's compare (`matched` /
 * `mismatch`), the officer's own check by eye (`manual`), no card (`none`), or a card awaited
 * (`pending`).
 */
export type CardCheckInput = 'matched' | 'manual' | 'mismatch' | 'none' | 'pending';
/** Card states a rule can name (a card that matched, by camera or by eye, is never a reason to look closer). */
export type CardCheckCondition = Exclude<CardCheckInput, 'matched' | 'manual'>;
export const CARD_CHECK_CONDITIONS: readonly CardCheckCondition[] = ['mismatch', 'none', 'pending'];

/** A risk area's level; `unspecified` for an area listed without one. */
export type RiskLevelCondition = RiskLevel | 'unspecified';
export const RISK_LEVEL_CONDITIONS: readonly RiskLevelCondition[] = ['high', 'medium', 'low', 'unspecified'];

export type DecisionCondition =
  /** The verdict status is one of `statuses`. */
  | { readonly kind: 'verdict'; readonly statuses: readonly VerdictInput[] }
  /** A positive test declared (dated within `withinDays` before today, when given). */
  | { readonly kind: 'positive-test'; readonly withinDays?: number }
  /** No negative test dated within `withinDays` before today. */
  | { readonly kind: 'no-negative-test'; readonly withinDays: number }
  /** At least `min` (default 1) symptoms declared, counting only `symptoms` when given. */
  | { readonly kind: 'symptoms'; readonly min?: number; readonly symptoms?: readonly Symptom[] }
  /** Contact with a case declared. */
  | { readonly kind: 'contact' }
  /** The origin is in a listed risk area of one of `levels`. */
  | { readonly kind: 'risk-area'; readonly levels: readonly RiskLevelCondition[] }
  /** The ID-card check is one of `results`. */
  | { readonly kind: 'id-card'; readonly results: readonly CardCheckCondition[] }
  /** The person was recorded in here before without being recorded out. */
  | { readonly kind: 'double-in' }
  /** The person passed another checkpoint (or this one the other way) recently. */
  | { readonly kind: 'recent-passage' }
  /** The pass verified, but with trust data older than its maximum age. */
  | { readonly kind: 'stale-trust' }
  /** The device clock disagrees with the trusted clock. */
  | { readonly kind: 'clock-skew' };

export type DecisionConditionKind = DecisionCondition['kind'];
export const DECISION_CONDITION_KINDS: readonly DecisionConditionKind[] = [
  'verdict', 'positive-test', 'no-negative-test', 'symptoms', 'contact', 'risk-area', 'id-card',
  'double-in', 'recent-passage', 'stale-trust', 'clock-skew',
];

export interface DecisionRule {
  /** Short stable name, unique in the list (`[a-z0-9-]`, 1–40): reasons cite it. */
  readonly id: string;
  readonly when: DecisionCondition;
  readonly action: RuleAction;
  readonly decision: RuleDecision;
  /** The reason's wording instead of the kit's, in both languages (each 1–200 characters). */
  readonly text?: { readonly vi: string; readonly en: string };
}

export const MAX_DECISION_RULES = 64;
export const MAX_RULE_TEXT_CHARS = 200;
const MAX_DAYS = 365;
const RULE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

const INVALID_STATUSES: readonly PassStatus[] = [
  'expired', 'not-yet-valid', 'untrusted-issuer', 'unknown-key', 'bad-signature', 'unsupported-algorithm', 'malformed', 'too-large',
];

/**
 * The kit's behaviour, as rules: a valid pass with nothing to look at is allowed; any health
 * answer, risk area, card mismatch, history flag or trust/clock doubt refers to the officer; a
 * positive test says "do not let continue — notify health staff"; a revoked pass is denied.
 */
export const DEFAULT_DECISION_RULES: readonly DecisionRule[] = [
  { id: 'revoked', when: { kind: 'verdict', statuses: ['revoked'] }, action: 'invalid', decision: 'deny' },
  { id: 'not-valid', when: { kind: 'verdict', statuses: INVALID_STATUSES }, action: 'invalid', decision: 'refer' },
  { id: 'trust-out-of-date', when: { kind: 'verdict', statuses: ['stale-trust'] }, action: 'check', decision: 'refer' },
  { id: 'manual-code', when: { kind: 'verdict', statuses: ['manual'] }, action: 'check', decision: 'officer' },
  { id: 'positive-test', when: { kind: 'positive-test' }, action: 'deny-health', decision: 'refer' },
  { id: 'symptoms', when: { kind: 'symptoms' }, action: 'check', decision: 'refer' },
  { id: 'contact', when: { kind: 'contact' }, action: 'check', decision: 'refer' },
  { id: 'risk-area', when: { kind: 'risk-area', levels: ['high', 'medium', 'low', 'unspecified'] }, action: 'check', decision: 'refer' },
  { id: 'card-mismatch', when: { kind: 'id-card', results: ['mismatch'] }, action: 'check', decision: 'refer' },
  { id: 'double-in', when: { kind: 'double-in' }, action: 'check', decision: 'refer' },
  { id: 'recent-passage', when: { kind: 'recent-passage' }, action: 'check', decision: 'refer' },
  { id: 'stale-trust', when: { kind: 'stale-trust' }, action: 'check', decision: 'refer' },
  { id: 'clock-skew', when: { kind: 'clock-skew' }, action: 'check', decision: 'refer' },
];

/** The decision rules a trust bundle carries, or the kit's defaults when it carries none. */
export function decisionRulesOf(bundle: { readonly decisionRules?: readonly DecisionRule[] } | null | undefined): readonly DecisionRule[] {
  return bundle?.decisionRules ?? DEFAULT_DECISION_RULES;
}

/** Everything a recommendation is made from. Health answers only from a verified pass. */
export interface RecommendationInput {
  readonly status: VerdictInput;
  /** The declaration's health answers; leave out for a pass that did not verify. */
  readonly health?: HealthAnswers;
  /** The risk area listing the origin (findRiskArea), if any. */
  readonly originRisk?: Pick<RiskArea, 'level'>;
  /** Default `none`. */
  readonly card?: CardCheckInput;
  readonly doubleIn?: boolean;
  readonly recentPassage?: boolean;
  /** A valid verdict carried the stale-trust warning (and the kiosk still let it count). */
  readonly staleTrust?: boolean;
  readonly clockSkew?: boolean;
  /** Today in Vietnam, 'YYYY-MM-DD', for test ages; default the device clock's. */
  readonly today?: string;
}

export interface RecommendationReason {
  /** The rule's id; `kit:…` for a kit floor that the rules did not already cover. */
  readonly rule: string;
  readonly kind: DecisionConditionKind;
  readonly action: RecommendedAction;
  readonly texts: { readonly vi: string; readonly en: string };
}

export interface Recommendation {
  readonly action: RecommendedAction;
  /** What to record without a key press; undefined: wait for the officer. */
  readonly autoDecision: OfficerDecision | undefined;
  /** Why, in rule order (kit floors last); empty for a plain allow. */
  readonly reasons: readonly RecommendationReason[];
  /** The headline for `action`, both languages. */
  readonly headline: { readonly vi: string; readonly en: string };
}

const HEADLINES: Record<RecommendedAction, { vi: string; en: string }> = {
  allow: { vi: 'CHO QUA', en: 'LET THROUGH' },
  check: { vi: 'KIỂM TRA THÊM', en: 'CHECK FURTHER' },
  'deny-health': { vi: 'KHÔNG CHO ĐI TIẾP — báo y tế', en: 'DO NOT LET CONTINUE — notify health staff' },
  invalid: { vi: 'KHÔNG HỢP LỆ', en: 'NOT VALID' },
};

/** The headline of an action in one language (default Vietnamese). */
export function recommendationHeadline(action: RecommendedAction, lang: ReasonLang = 'vi'): string {
  return HEADLINES[action][lang === 'en' ? 'en' : 'vi'];
}

const SEVERITY: Record<RecommendedAction, number> = { allow: 0, check: 1, 'deny-health': 2, invalid: 3 };

function holds(condition: DecisionCondition, input: RecommendationInput, today: string): boolean {
  const health = input.health;
  switch (condition.kind) {
    case 'verdict':
      return condition.statuses.includes(input.status);
    case 'positive-test': {
      const test = health?.testResult;
      if (test?.result !== 'positive') return false;
      return condition.withinDays === undefined || test.date >= addDays(today, -condition.withinDays);
    }
    case 'no-negative-test': {
      if (!health) return false;
      const test = health.testResult;
      return !(test?.result === 'negative' && test.date >= addDays(today, -condition.withinDays));
    }
    case 'symptoms': {
      if (!health) return false;
      const counted = condition.symptoms === undefined ? health.symptoms : health.symptoms.filter((s) => condition.symptoms?.includes(s));
      return counted.length >= (condition.min ?? 1);
    }
    case 'contact':
      return health?.contactWithCase === true;
    case 'risk-area':
      return input.originRisk !== undefined && condition.levels.includes(input.originRisk.level ?? 'unspecified');
    case 'id-card': {
      const card = input.card ?? 'none';
      return card !== 'matched' && card !== 'manual' && condition.results.includes(card);
    }
    case 'double-in':
      return input.doubleIn === true;
    case 'recent-passage':
      return input.recentPassage === true;
    case 'stale-trust':
      return input.staleTrust === true;
    case 'clock-skew':
      return input.clockSkew === true;
  }
}

/**
 * The recommendation for one scanned person under `rules` (default DEFAULT_DECISION_RULES).
 * Rules are expected parsed (parseDecisionRules / readTrustBundle); see the module comment for
 * how matched rules combine and which kit floors always apply.
 */
export function recommend(input: RecommendationInput, rules: readonly DecisionRule[] = DEFAULT_DECISION_RULES): Recommendation {
  const today = typeof input.today === 'string' && isIsoDate(input.today) ? input.today : vietnamDate(new Date());
  const reasons: RecommendationReason[] = [];
  // Mutated by take(); an object, so the floors below read the current values.
  const state: { action: RecommendedAction; deny: boolean; officer: boolean; refer: boolean } = {
    action: 'allow', deny: false, officer: false, refer: false,
  };
  const take = (rule: Pick<DecisionRule, 'id' | 'when' | 'action' | 'decision' | 'text'>): void => {
    reasons.push({ rule: rule.id, kind: rule.when.kind, action: rule.action, texts: rule.text ?? conditionTexts(rule.when, input) });
    if (SEVERITY[rule.action] > SEVERITY[state.action]) state.action = rule.action;
    if (rule.decision === 'deny') state.deny = true;
    else if (rule.decision === 'officer') state.officer = true;
    else state.refer = true;
  };
  for (const rule of rules) if (holds(rule.when, input, today)) take(rule);

  // Kit floors: what no bundle can relax.
  if (input.status === 'revoked' && (state.action !== 'invalid' || !state.deny)) {
    take({ id: 'kit:revoked', when: { kind: 'verdict', statuses: ['revoked'] }, action: 'invalid', decision: 'deny' });
  }
  if (input.status !== 'valid' && state.action === 'allow') {
    const invalid = (INVALID_STATUSES as readonly VerdictInput[]).includes(input.status);
    take({ id: 'kit:not-valid', when: { kind: 'verdict', statuses: [input.status] }, action: invalid ? 'invalid' : 'check', decision: input.status === 'manual' ? 'officer' : 'refer' });
  }
  if (input.card === 'mismatch' && state.action === 'allow') {
    take({ id: 'kit:card-mismatch', when: { kind: 'id-card', results: ['mismatch'] }, action: 'check', decision: 'refer' });
  }

  const autoDecision: OfficerDecision | undefined = state.deny ? 'deny' : state.officer ? undefined : state.refer ? 'refer' : 'allow';
  return { action: state.action, autoDecision, reasons, headline: { ...HEADLINES[state.action] } };
}

// ------------------------------------------------------------------------------ reason texts

const RISK_LEVEL_NAMES: Record<RiskLevelCondition, { vi: string; en: string }> = {
  high: { vi: 'nguy cơ cao', en: 'high risk' },
  medium: { vi: 'nguy cơ trung bình', en: 'medium risk' },
  low: { vi: 'nguy cơ thấp', en: 'low risk' },
  unspecified: { vi: 'vùng dịch', en: 'listed' },
};

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The kit's wording of why a condition held, for this input. */
function conditionTexts(condition: DecisionCondition, input: RecommendationInput): { vi: string; en: string } {
  switch (condition.kind) {
    case 'verdict':
      return input.status === 'manual'
        ? { vi: 'Mã nhập tay: không có chữ ký để kiểm tra, hãy đối chiếu giấy tờ.', en: 'Typed-in code: there is no signature to check; compare the documents.' }
        : { vi: reasonText(input.status, 'vi'), en: reasonText(input.status, 'en') };
    case 'positive-test': {
      const date = input.health?.testResult?.date ?? '';
      return { vi: `Đã khai báo xét nghiệm DƯƠNG TÍNH ngày ${dmy(date)}.`, en: `Declared a POSITIVE test on ${dmy(date)}.` };
    }
    case 'no-negative-test':
      return {
        vi: `Không có kết quả xét nghiệm âm tính trong ${condition.withinDays} ngày gần đây.`,
        en: `No negative test within the last ${condition.withinDays} days.`,
      };
    case 'symptoms':
      return { vi: 'Đã khai báo có triệu chứng trong 14 ngày qua.', en: 'Declared symptoms in the last 14 days.' };
    case 'contact':
      return { vi: 'Đã khai báo tiếp xúc với ca bệnh.', en: 'Declared contact with a case.' };
    case 'risk-area': {
      const level = RISK_LEVEL_NAMES[input.originRisk?.level ?? 'unspecified'];
      return input.originRisk?.level === undefined
        ? { vi: 'Đi từ vùng dịch được liệt kê.', en: 'Coming from a listed risk area.' }
        : { vi: `Đi từ vùng ${level.vi}.`, en: `Coming from a ${level.en} area.` };
    }
    case 'id-card': {
      const card = input.card ?? 'none';
      return card === 'mismatch'
        ? { vi: 'Thẻ CCCD không khớp với mã khai báo.', en: 'The ID card does not match the declaration.' }
        : card === 'pending'
          ? { vi: 'Đang chờ quét thẻ CCCD.', en: 'Waiting for the ID card to be scanned.' }
          : { vi: 'Chưa đối chiếu thẻ CCCD.', en: 'The ID card has not been checked.' };
    }
    case 'double-in':
      return { vi: 'Đã được ghi nhận vào tại chốt này mà chưa ghi nhận ra.', en: 'Already recorded in at this checkpoint, never recorded out.' };
    case 'recent-passage':
      return { vi: 'Vừa được ghi nhận tại chốt khác hoặc theo chiều ngược lại.', en: 'Recently recorded at another checkpoint or the other way.' };
    case 'stale-trust':
      return { vi: reasonText('stale-trust', 'vi'), en: reasonText('stale-trust', 'en') };
    case 'clock-skew':
      return { vi: 'Đồng hồ thiết bị lệch so với giờ tin cậy.', en: 'The device clock differs from the trusted time.' };
  }
}

// ------------------------------------------------------------------------------------ parsing

export type DecisionRulesErrorCode =
  | 'invalid-type' | 'too-many-rules' | 'bad-id' | 'duplicate-id' | 'unknown-kind' | 'bad-condition'
  | 'bad-action' | 'bad-decision' | 'bad-text' | 'unknown-member';

export type DecisionRulesParse =
  | { readonly ok: true; readonly rules: readonly DecisionRule[] }
  | { readonly ok: false; readonly code: DecisionRulesErrorCode; readonly message: string };

class RuleError extends Error {
  constructor(readonly code: DecisionRulesErrorCode, message: string) {
    super(message);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyMembers(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new RuleError('unknown-member', `${where}.${key} is not a known member`);
  }
}

/** A non-empty list of distinct choices, at most `choices.length` long. */
function readChoices<T extends string>(value: unknown, choices: readonly T[], where: string): T[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > choices.length) {
    throw new RuleError('bad-condition', `${where} must be a non-empty array of at most ${choices.length}`);
  }
  const seen = new Set<string>();
  for (const v of value) {
    if (typeof v !== 'string' || !(choices as readonly string[]).includes(v) || seen.has(v)) {
      throw new RuleError('bad-condition', `${where} holds an unknown or repeated value`);
    }
    seen.add(v);
  }
  return [...(value as T[])];
}

function readDays(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_DAYS) {
    throw new RuleError('bad-condition', `${where} must be a whole number of days 0–${MAX_DAYS}`);
  }
  return value;
}

function readCondition(value: unknown, where: string): DecisionCondition {
  if (!isRecord(value)) throw new RuleError('bad-condition', `${where} must be an object`);
  const kind = value.kind;
  if (typeof kind !== 'string' || !(DECISION_CONDITION_KINDS as readonly string[]).includes(kind)) {
    throw new RuleError('unknown-kind', `${where}.kind is not a rule kind this kit knows`);
  }
  switch (kind as DecisionConditionKind) {
    case 'verdict':
      onlyMembers(value, ['kind', 'statuses'], where);
      return { kind: 'verdict', statuses: readChoices(value.statuses, VERDICT_INPUTS, `${where}.statuses`) };
    case 'positive-test':
      onlyMembers(value, ['kind', 'withinDays'], where);
      return value.withinDays === undefined
        ? { kind: 'positive-test' }
        : { kind: 'positive-test', withinDays: readDays(value.withinDays, `${where}.withinDays`) };
    case 'no-negative-test':
      onlyMembers(value, ['kind', 'withinDays'], where);
      return { kind: 'no-negative-test', withinDays: readDays(value.withinDays, `${where}.withinDays`) };
    case 'symptoms': {
      onlyMembers(value, ['kind', 'min', 'symptoms'], where);
      const symptoms = value.symptoms === undefined ? undefined : readChoices(value.symptoms, SYMPTOMS, `${where}.symptoms`);
      let min: number | undefined;
      if (value.min !== undefined) {
        const max = symptoms?.length ?? SYMPTOMS.length;
        if (typeof value.min !== 'number' || !Number.isInteger(value.min) || value.min < 1 || value.min > max) {
          throw new RuleError('bad-condition', `${where}.min must be a whole number 1–${max}`);
        }
        min = value.min;
      }
      return { kind: 'symptoms', ...(min !== undefined && { min }), ...(symptoms !== undefined && { symptoms }) };
    }
    case 'risk-area':
      onlyMembers(value, ['kind', 'levels'], where);
      return { kind: 'risk-area', levels: readChoices(value.levels, RISK_LEVEL_CONDITIONS, `${where}.levels`) };
    case 'id-card':
      onlyMembers(value, ['kind', 'results'], where);
      return { kind: 'id-card', results: readChoices(value.results, CARD_CHECK_CONDITIONS, `${where}.results`) };
    case 'contact':
    case 'double-in':
    case 'recent-passage':
    case 'stale-trust':
    case 'clock-skew':
      onlyMembers(value, ['kind'], where);
      return { kind: kind as 'contact' | 'double-in' | 'recent-passage' | 'stale-trust' | 'clock-skew' };
  }
}

function readText(value: unknown, where: string): { vi: string; en: string } {
  if (!isRecord(value)) throw new RuleError('bad-text', `${where} must be an object { vi, en }`);
  onlyMembers(value, ['vi', 'en'], where);
  const ok = (s: unknown): s is string =>
    typeof s === 'string' && s.trim() !== '' && s.length <= MAX_RULE_TEXT_CHARS && !/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u.test(s);
  if (!ok(value.vi) || !ok(value.en)) throw new RuleError('bad-text', `${where}.vi and .en must be texts of 1–${MAX_RULE_TEXT_CHARS} characters`);
  return { vi: value.vi.normalize('NFC'), en: value.en.normalize('NFC') };
}

function readRule(value: unknown, where: string): DecisionRule {
  if (!isRecord(value)) throw new RuleError('invalid-type', `${where} must be an object`);
  onlyMembers(value, ['id', 'when', 'action', 'decision', 'text'], where);
  if (typeof value.id !== 'string' || !RULE_ID.test(value.id)) throw new RuleError('bad-id', `${where}.id must match [a-z0-9][a-z0-9-]{0,39}`);
  const when = readCondition(value.when, `${where}.when`);
  if (typeof value.action !== 'string' || !(RULE_ACTIONS as readonly string[]).includes(value.action)) {
    throw new RuleError('bad-action', `${where}.action must be check, deny-health or invalid`);
  }
  if (typeof value.decision !== 'string' || !(RULE_DECISIONS as readonly string[]).includes(value.decision)) {
    throw new RuleError('bad-decision', `${where}.decision must be deny, refer or officer`);
  }
  return {
    id: value.id,
    when,
    action: value.action as RuleAction,
    decision: value.decision as RuleDecision,
    ...(value.text !== undefined && { text: readText(value.text, `${where}.text`) }),
  };
}

/**
 * Validates decision rules as a trust bundle carries them (an array of at most
 * MAX_DECISION_RULES rules). Strict: an unknown rule kind, member or value is refused, so a kiosk
 * never evaluates a rule it does not understand. Never throws.
 */
export function parseDecisionRules(value: unknown): DecisionRulesParse {
  try {
    if (!Array.isArray(value)) return { ok: false, code: 'invalid-type', message: 'decisionRules must be an array' };
    if (value.length > MAX_DECISION_RULES) {
      return { ok: false, code: 'too-many-rules', message: `decisionRules holds more than ${MAX_DECISION_RULES} rules` };
    }
    const ids = new Set<string>();
    const rules = value.map((v, i) => {
      const rule = readRule(v, `decisionRules[${i}]`);
      if (ids.has(rule.id)) throw new RuleError('duplicate-id', `decisionRules[${i}].id is used twice`);
      ids.add(rule.id);
      return rule;
    });
    return { ok: true, rules };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'invalid-type', message: 'decisionRules could not be read' };
  }
}
