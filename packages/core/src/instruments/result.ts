/**
 * Result of scoring one response — the scoring API contract of the instrument catalog (§1).
 * Reasons are data, not prose, so the UI can render them in either language (see `explainReason`).
 */

export interface SubscaleScore {
  /** `null` when the response is invalid. */
  score: number | null;
  cutoff?: number;
  /** `null` when the response is invalid; absent when the subscale has no cut-off. */
  positive?: boolean | null;
}

/** Which instrument a reason is about, so it can be explained without the definition at hand. */
interface InstrumentRef {
  /** Display name (shortName), e.g. `PHQ-A`. */
  instrument: string;
  /** Instrument code, e.g. `phqa`, used to look labels up. */
  code: string;
}

export type ScoreReason =
  /** The total fell in `band`; exactly one of `min` (total ≥ min) or `max` (total ≤ max) is set. */
  | {
      code: 'total_band';
      params: InstrumentRef & { total: number; band: string; min?: number; max?: number; raw?: number };
    }
  /** A band decided by a rule rather than a range (ASQ, PSC-17 subscale positive). */
  | { code: 'band'; params: InstrumentRef & { band: string } }
  | { code: 'prorated'; params: { answered: number; items: number; sum: number; total: number } }
  | { code: 'missing_counted_zero'; params: { missing: number; maxMissing: number; unanswered: number[] } }
  | { code: 'invalid_missing'; params: { missing: number; maxMissing: number; unanswered: number[] } }
  | { code: 'reverse_scored'; params: { items: number[] } }
  | { code: 'critical_item'; params: InstrumentRef & { item: number; answer: number; min: number; flag: string } }
  | { code: 'subscale_positive'; params: InstrumentRef & { subscale: string; score: number; cutoff: number } }
  | { code: 'asq_item_yes'; params: { item: number } }
  | { code: 'asq_item_refused'; params: { item: number } }
  | { code: 'asq_acute_yes'; params: { item: number } }
  | { code: 'asq_acute_unanswered'; params: { item: number } }
  | { code: 'asq_negative'; params: { items: number[] } };

export type ScoreReasonCode = ScoreReason['code'];

export interface ScoreResult {
  instrument: string;
  version: number;
  /** `null` when `valid` is false. */
  total: number | null;
  /** `null` when `valid` is false. */
  band: string | null;
  subscales: Record<string, SubscaleScore>;
  /** Computed from answered items even when the response is invalid; order carries no meaning. */
  criticalFlags: string[];
  valid: boolean;
  reasons: ScoreReason[];
}
