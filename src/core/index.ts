// checkpoint-kit/core — the public API (the only barrel in the library).

export { validateDeclaration, ID_TYPES, GENDERS, PURPOSES, SYMPTOMS, TEST_RESULTS, TEST_KINDS, DECLARATION_ERROR_CODES, DECLARATION_LIMITS } from './declaration';
export type {
  Declaration,
  DeclarationErrorCode,
  DeclarationFieldError,
  DeclarationValidation,
  Gender,
  HealthAnswers,
  IdType,
  Place,
  Purpose,
  Symptom,
  TestKind,
  TestResult,
  TestResultValue,
} from './declaration';
export { declarationFromClaims, declarationToClaims, CLAIMS_SCHEMA_VERSION } from './claims';
export type { CompactDeclaration, CompactPlace, PassClaims } from './claims';
export { issuePass, newPassId, DEFAULT_VALIDITY_SECONDS } from './issue';
export type { IssueOptions, PassSigner } from './issue';
export { createTrustStore, DEFAULT_TRUST_MAX_AGE_SECONDS } from './trust-store';
export type { Jwk, RejectedKey, RejectedKeyReason, TrustedIssuer, TrustedKey, TrustStore, TrustStoreInit } from './trust-store';
export { verifyPass, DEFAULT_CLOCK_TOLERANCE_SECONDS } from './verify';
export type { VerifyOptions } from './verify';
export { PASS_STATUSES } from './verdict-types';
export type { PassStatus, PassVerdict, PassWarning, VerdictDetail, VerifiedPass } from './verdict-types';
export { toQrText, fromQrText, QrTextError, QR_TEXT_PREFIX, MAX_QR_TEXT_CHARS } from './qr-text';
export type { QrTextErrorCode } from './qr-text';
export { manualCode, parseManualCode } from './manual-code';
export type { ManualCodeError } from './manual-code';
export { reasonText, declarationErrorText, idCardErrorText, idFieldLabel, idFieldOutcomeText, idFieldText, idCardMatchText } from './texts';
export type { ReasonLang } from './texts';
export { PROVINCES } from './vietnam';
export { parseIdCard, looksLikeIdCard, ID_CARD_ERROR_CODES, MAX_ID_CARD_QR_CHARS } from './id-card';
export type { IdCard, IdCardErrorCode, IdCardGender, IdCardParse, ParseIdCardOptions } from './id-card';
export { compareIdCard, comparableName, ID_COMPARE_FIELDS } from './id-card-compare';
export type { IdCardComparison, IdCardMatch, IdCardPassFields, IdCompareField, IdFieldComparison, IdFieldOutcome } from './id-card-compare';
export {
  recommend,
  recommendationHeadline,
  decisionRulesOf,
  parseDecisionRules,
  DEFAULT_DECISION_RULES,
  DECISION_CONDITION_KINDS,
  RECOMMENDED_ACTIONS,
  MAX_DECISION_RULES,
} from './recommendation';
export type {
  CardCheckCondition,
  CardCheckInput,
  DecisionCondition,
  DecisionConditionKind,
  DecisionRule,
  DecisionRulesErrorCode,
  DecisionRulesParse,
  Recommendation,
  RecommendationInput,
  RecommendationReason,
  RecommendedAction,
  RuleAction,
  RuleDecision,
  VerdictInput,
} from './recommendation';
export type { IdCheckResult } from './passage-record';
export { readPassUnverified } from './read-unverified';
export type { UnverifiedRead } from './read-unverified';
// Wire types of the HTTP contract that element properties carry (types only: no code, no fetch).
export type { AdministrativeUnit, UnitLevel } from '../api/units';
export type { MovementDirection, PassRoute, RoutePassage, WardMovement, WardMovementsPage } from '../api/contract';
