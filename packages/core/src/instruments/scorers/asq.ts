import type { ScoreReason, ScoreResult } from '../result.js';
import type { AsqScoring, InstrumentDefinition } from '../types.js';
import { type Answers, instrumentRef, result } from './common.js';

/**
 * ASQ decision rule (catalog §6). A blank screening question is a refusal and counts as positive; a blank
 * acuity question after a positive screen is treated as acute [PLATFORM]; "yes" to the acuity question is acute
 * on its own [PLATFORM]. A refusal is a result, not missing data, so the response is always valid.
 */
export function scoreAsq(def: InstrumentDefinition, scoring: AsqScoring, answers: Answers): ScoreResult {
  const reasons: ScoreReason[] = [];
  let yesCount = 0;
  let positive = false;
  for (const item of scoring.screenItems) {
    const answer = answers[item - 1] ?? null;
    if (answer === scoring.yesCode) {
      yesCount += 1;
      positive = true;
      reasons.push({ code: 'asq_item_yes', params: { item } });
    } else if (answer === null) {
      positive = true;
      reasons.push({ code: 'asq_item_refused', params: { item } });
    }
  }
  if (!positive) reasons.push({ code: 'asq_negative', params: { items: [...scoring.screenItems] } });

  const acuity = answers[scoring.acuityItem - 1] ?? null;
  let acute = false;
  if (acuity === scoring.yesCode) {
    acute = true;
    reasons.push({ code: 'asq_acute_yes', params: { item: scoring.acuityItem } });
  } else if (acuity === null && positive) {
    acute = true;
    reasons.push({ code: 'asq_acute_unanswered', params: { item: scoring.acuityItem } });
  }

  const flags = [...(positive ? [scoring.flags.positive] : []), ...(acute ? [scoring.flags.acute] : [])];
  const band = acute ? scoring.bands.acutePositive : positive ? scoring.bands.nonAcutePositive : scoring.bands.negative;
  reasons.push({ code: 'band', params: { ...instrumentRef(def), band: band.id } });
  return result(def, { valid: true, total: yesCount, band: band.id, criticalFlags: flags, reasons });
}
