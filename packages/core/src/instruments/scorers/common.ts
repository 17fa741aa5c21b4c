import type { ScoreReason, ScoreResult, SubscaleScore } from '../result.js';
import type { CriticalRule, InstrumentDefinition, MissingRule, RangeBand, ScoreDirection } from '../types.js';

/** Answers after input validation: one entry per item, option code or `null`. */
export type Answers = readonly (number | null)[];

export function instrumentRef(def: InstrumentDefinition): { instrument: string; code: string } {
  return { instrument: def.shortName, code: def.code };
}

/** 1-based numbers of unanswered items. */
export function unansweredItems(answers: Answers): number[] {
  const out: number[] = [];
  answers.forEach((a, i) => {
    if (a === null) out.push(i + 1);
  });
  return out;
}

export type MissingOutcome =
  { valid: true; total: number; reasons: ScoreReason[] } | { valid: false; reasons: ScoreReason[] };

/** Turns the sum of answered items into a total, or declares the response invalid, per the missing rule. */
export function applyMissingRule(
  rule: MissingRule,
  sum: number,
  itemCount: number,
  unanswered: number[],
): MissingOutcome {
  const missing = unanswered.length;
  if (missing === 0) return { valid: true, total: sum, reasons: [] };
  const maxMissing = rule.treatment === 'none_allowed' ? 0 : rule.maxMissing;
  if (rule.treatment === 'none_allowed' || missing > maxMissing) {
    return { valid: false, reasons: [{ code: 'invalid_missing', params: { missing, maxMissing, unanswered } }] };
  }
  if (rule.treatment === 'zero') {
    return {
      valid: true,
      total: sum,
      reasons: [{ code: 'missing_counted_zero', params: { missing, maxMissing, unanswered } }],
    };
  }
  const answered = itemCount - missing;
  // Catalog §1: round half up; totals are positive so Math.round does exactly that.
  const total = Math.round((sum * itemCount) / answered);
  return { valid: true, total, reasons: [{ code: 'prorated', params: { answered, items: itemCount, sum, total } }] };
}

export function findBand(bands: readonly RangeBand[], value: number): RangeBand | undefined {
  return bands.find((b) => value >= b.min && value <= b.max);
}

/**
 * The threshold that best explains a band: the boundary towards the concerning end of the scale,
 * except for the least concerning band, which is explained by its other boundary.
 */
export function bandBound(
  bands: readonly RangeBand[],
  band: RangeBand,
  direction: ScoreDirection,
): { min: number } | { max: number } {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  if (direction === 'higher_is_worse') return band === sorted[0] ? { max: band.max } : { min: band.min };
  return band === sorted[sorted.length - 1] ? { min: band.min } : { max: band.max };
}

/** Flags raised by answered items; blanks never raise and never suppress a flag. */
export function evaluateCritical(
  def: InstrumentDefinition,
  rules: readonly CriticalRule[],
  answers: Answers,
): { flags: string[]; reasons: ScoreReason[] } {
  const flags: string[] = [];
  const reasons: ScoreReason[] = [];
  for (const rule of rules) {
    const answer = answers[rule.item - 1];
    if (answer === null || answer === undefined || answer < rule.minAnswer) continue;
    if (!flags.includes(rule.flag)) flags.push(rule.flag);
    reasons.push({
      code: 'critical_item',
      params: { ...instrumentRef(def), item: rule.item, answer, min: rule.minAnswer, flag: rule.flag },
    });
  }
  return { flags, reasons };
}

export function result(
  def: InstrumentDefinition,
  fields: {
    valid: boolean;
    total: number | null;
    band: string | null;
    subscales?: Record<string, SubscaleScore>;
    criticalFlags?: string[];
    reasons: ScoreReason[];
  },
): ScoreResult {
  return {
    instrument: def.code,
    version: def.version,
    // Catalog §1 [PLATFORM]: an invalid response never carries a total or band.
    total: fields.valid ? fields.total : null,
    band: fields.valid ? fields.band : null,
    subscales: fields.subscales ?? {},
    criticalFlags: fields.criticalFlags ?? [],
    valid: fields.valid,
    reasons: fields.reasons,
  };
}
