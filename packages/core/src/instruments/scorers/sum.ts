import { itemScore } from '../options.js';
import type { ScoreReason, ScoreResult } from '../result.js';
import type { InstrumentDefinition, SumScoring } from '../types.js';
import {
  type Answers,
  applyMissingRule,
  bandBound,
  evaluateCritical,
  findBand,
  instrumentRef,
  result,
  unansweredItems,
} from './common.js';

/** Sum of answered item scores, then the missing rule, then range bands (PHQ-9, PHQ-A, PHQ-2, GAD-7, GAD-2, RSES). */
export function scoreSum(def: InstrumentDefinition, scoring: SumScoring, answers: Answers): ScoreResult {
  let sum = 0;
  def.items.forEach((item, i) => {
    const answer = answers[i];
    if (answer !== null && answer !== undefined) sum += itemScore(def, item, answer);
  });

  const reverse = def.items.filter((item) => item.reverse).map((item) => item.number);
  const reasons: ScoreReason[] = reverse.length > 0 ? [{ code: 'reverse_scored', params: { items: reverse } }] : [];
  const critical = evaluateCritical(def, scoring.critical, answers);
  const outcome = applyMissingRule(scoring.missing, sum, def.items.length, unansweredItems(answers));
  reasons.push(...outcome.reasons);

  if (!outcome.valid) {
    return result(def, {
      valid: false,
      total: null,
      band: null,
      criticalFlags: critical.flags,
      reasons: [...reasons, ...critical.reasons],
    });
  }
  const band = findBand(scoring.bands, outcome.total);
  if (!band) throw new RangeError(`${def.code} v${def.version}: no band covers total ${outcome.total}`);
  reasons.push({
    code: 'total_band',
    params: {
      ...instrumentRef(def),
      total: outcome.total,
      band: band.id,
      ...bandBound(scoring.bands, band, scoring.direction),
    },
  });
  return result(def, {
    valid: true,
    total: outcome.total,
    band: band.id,
    criticalFlags: critical.flags,
    reasons: [...reasons, ...critical.reasons],
  });
}
