/**
 * Data model of a screening instrument. Instruments are data: an edited text, option or rule is a new
 * `version` of the same `code`, never an in-place change, because stored responses are scored and audited
 * against the exact version the respondent saw. The scorer is picked by `scoring.kind`, so a new version
 * only needs new data unless it introduces a new kind of rule.
 */

/** Text in the two languages the platform ships. */
export interface BilingualText {
  zh: string;
  en: string;
}

/** UI locales understood by the label and explanation helpers. */
export type InstrumentLocale = 'zh-CN' | 'en';

export type Respondent = 'self' | 'guardian';

export interface AnswerOption {
  /** Score as coded for a non-reversed item; this is what `answers` carries. */
  code: number;
  label: BilingualText;
  /** LOINC answer code (LA…) when the option belongs to a LOINC answer list. */
  loinc?: string;
}

export interface InstrumentItem {
  /** Stable id, unique across instruments (e.g. `phq9_1`). */
  id: string;
  /** 1-based position; `answers[number - 1]` is this item's answer. */
  number: number;
  /** FHIR Questionnaire.item.linkId. */
  linkId: string;
  text: BilingualText;
  loinc?: string;
  /** Score = (min code + max code) − code; the respondent's answer is still sent as coded. */
  reverse?: boolean;
  subscale?: string;
  /** The UI must not let the respondent skip this item. */
  required?: boolean;
  /** A positive answer can raise a crisis flag, so it is surfaced in audits and the UI. */
  critical?: boolean;
  /** Replaces the instrument's `options` for this item only. */
  options?: AnswerOption[];
}

/** Who the instrument is meant for. Grades are 1–12 (小学 1–6, 初中 7–9, 高中 10–12). */
export interface Audience {
  minAge?: number;
  maxAge?: number;
  grades?: { min: number; max: number };
  note?: BilingualText;
}

export interface Licence {
  /** Statement to keep with the instrument; shown under the form when `displayFooter` is set. */
  text: string;
  /** Where the licence and item text were taken from (catalog source ids and URLs). */
  source: string;
  displayFooter?: boolean;
}

export type TranslationState = 'verified' | 'unverified';

export interface TranslationStatus {
  zh: TranslationState;
  /** `catalog`: wording taken from the catalog; `platform`: translated by this project. */
  zhOrigin: 'catalog' | 'platform';
  note?: string;
}

/** Score bands are inclusive integer ranges on the scale the scoring kind declares. */
export interface RangeBand {
  id: string;
  label: BilingualText;
  min: number;
  max: number;
}

export interface NamedBand {
  id: string;
  label: BilingualText;
}

/** Which end of the scale is the concerning one; drives how band thresholds are explained. */
export type ScoreDirection = 'higher_is_worse' | 'lower_is_worse';

/**
 * How unanswered items are handled.
 * `none_allowed`: any blank makes the response invalid.
 * `prorate`: up to `maxMissing` blanks, total = round(sum × items / answered).
 * `zero`: up to `maxMissing` blanks, each counts 0.
 * Beyond `maxMissing` blanks the response is invalid.
 */
export type MissingRule =
  | { treatment: 'none_allowed' }
  | { treatment: 'prorate'; maxMissing: number }
  | { treatment: 'zero'; maxMissing: number };

export interface CriticalRule {
  flag: string;
  item: number;
  /** Raised when the answer code is ≥ this value. */
  minAnswer: number;
}

/** Sum of item scores (after reverse scoring), banded by range. */
export interface SumScoring {
  kind: 'sum';
  direction: ScoreDirection;
  missing: MissingRule;
  bands: RangeBand[];
  critical: CriticalRule[];
}

/** WHO-5: raw sum banded on raw, reported total = raw × multiplier (percentage). */
export interface Who5Scoring {
  kind: 'who5';
  direction: ScoreDirection;
  multiplier: number;
  /** Subscale key under which the raw score is returned. */
  rawSubscale: string;
  missing: MissingRule;
  /** Ranges on the raw score. */
  bands: RangeBand[];
}

export interface SubscaleRule {
  id: string;
  label: BilingualText;
  /** Positive when the subscale score is ≥ cutoff. */
  cutoff: number;
}

/** PSC-17: total cut-off first, then any subscale cut-off. */
export interface Psc17Scoring {
  kind: 'psc17';
  totalCutoff: number;
  subscales: SubscaleRule[];
  missing: MissingRule;
  bands: { totalPositive: NamedBand; subscalePositive: NamedBand; negative: NamedBand };
}

/** ASQ decision rule: screening questions, then an acuity question. */
export interface AsqScoring {
  kind: 'asq';
  screenItems: number[];
  acuityItem: number;
  yesCode: number;
  flags: { positive: string; acute: string };
  bands: { negative: NamedBand; nonAcutePositive: NamedBand; acutePositive: NamedBand };
}

export type ScoringRule = SumScoring | Who5Scoring | Psc17Scoring | AsqScoring;
export type ScoringKind = ScoringRule['kind'];

export interface InstrumentDefinition {
  code: string;
  version: number;
  name: BilingualText;
  shortName: string;
  respondent: Respondent;
  audience: Audience;
  /** False for instruments that must never drive tiers or alerts (e.g. RSES). */
  riskScreen: boolean;
  /** Offered on request only, not part of the default screening set. */
  optional: boolean;
  stem: BilingualText;
  /** Default options of every item; an item may override them. */
  options: AnswerOption[];
  items: InstrumentItem[];
  scoring: ScoringRule;
  licence: Licence;
  loinc?: { panel?: string; total?: string };
  translationStatus: TranslationStatus;
}
