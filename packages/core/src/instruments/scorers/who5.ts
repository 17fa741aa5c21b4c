import { itemScore } from '../options.js';
import type { ScoreReason, ScoreResult } from '../result.js';
import type { InstrumentDefinition, Who5Scoring } from '../types.js';
import {
  type Answers,
  applyMissingRule,
  bandBound,
  findBand,
  instrumentRef,
  result,
  unansweredItems,
} from './common.js';

/** WHO-5: bands on the raw sum, `total` = raw × multiplier (percentage), raw returned as a subscale. */
export function scoreWho5(def: InstrumentDefinition, scoring: Who5Scoring, answers: Answers): ScoreResult {
  let raw = 0;
  def.items.forEach((item, i) => {
    const answer = answers[i];
    if (answer !== null && answer !== undefined) raw += itemScore(def, item, answer);
  });
  const outcome = applyMissingRule(scoring.missing, raw, def.items.length, unansweredItems(answers));
  const reasons: ScoreReason[] = [...outcome.reasons];
  if (!outcome.valid) {
    return result(def, {
      valid: false,
      total: null,
      band: null,
      subscales: { [scoring.rawSubscale]: { score: null } },
      reasons,
    });
  }
  const band = findBand(scoring.bands, outcome.total);
  if (!band) throw new RangeError(`${def.code} v${def.version}: no band covers raw score ${outcome.total}`);
  const total = outcome.total * scoring.multiplier;
  reasons.push({
    code: 'total_band',
    params: {
      ...instrumentRef(def),
      total,
      raw: outcome.total,
      band: band.id,
      ...bandBound(scoring.bands, band, scoring.direction),
    },
  });
  return result(def, {
    valid: true,
    total,
    band: band.id,
    subscales: { [scoring.rawSubscale]: { score: outcome.total } },
    reasons,
  });
}
