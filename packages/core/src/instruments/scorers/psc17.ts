import { itemScore } from '../options.js';
import type { ScoreReason, ScoreResult, SubscaleScore } from '../result.js';
import type { InstrumentDefinition, Psc17Scoring } from '../types.js';
import { type Answers, applyMissingRule, instrumentRef, result, unansweredItems } from './common.js';

/** PSC-17: total cut-off first, then subscale cut-offs; blanks within the limit count 0. */
export function scorePsc17(def: InstrumentDefinition, scoring: Psc17Scoring, answers: Answers): ScoreResult {
  const subscaleSums = new Map<string, number>(scoring.subscales.map((s) => [s.id, 0]));
  let sum = 0;
  def.items.forEach((item, i) => {
    const answer = answers[i] ?? null;
    // Blanks within the limit count 0 (published PSC rule); the missing rule below decides validity.
    const score = answer === null ? 0 : itemScore(def, item, answer);
    sum += score;
    if (item.subscale !== undefined) subscaleSums.set(item.subscale, (subscaleSums.get(item.subscale) ?? 0) + score);
  });

  const outcome = applyMissingRule(scoring.missing, sum, def.items.length, unansweredItems(answers));
  const reasons: ScoreReason[] = [...outcome.reasons];
  const subscales: Record<string, SubscaleScore> = {};

  if (!outcome.valid) {
    for (const s of scoring.subscales) subscales[s.id] = { score: null, cutoff: s.cutoff, positive: null };
    return result(def, { valid: false, total: null, band: null, subscales, reasons });
  }

  const positives: ScoreReason[] = [];
  for (const s of scoring.subscales) {
    const score = subscaleSums.get(s.id) ?? 0;
    const positive = score >= s.cutoff;
    subscales[s.id] = { score, cutoff: s.cutoff, positive };
    if (positive)
      positives.push({
        code: 'subscale_positive',
        params: { ...instrumentRef(def), subscale: s.id, score, cutoff: s.cutoff },
      });
  }

  const total = outcome.total;
  const ref = instrumentRef(def);
  let band: string;
  if (total >= scoring.totalCutoff) {
    band = scoring.bands.totalPositive.id;
    reasons.push({ code: 'total_band', params: { ...ref, total, band, min: scoring.totalCutoff } }, ...positives);
  } else if (positives.length > 0) {
    band = scoring.bands.subscalePositive.id;
    reasons.push(...positives, { code: 'band', params: { ...ref, band } });
  } else {
    band = scoring.bands.negative.id;
    reasons.push({ code: 'total_band', params: { ...ref, total, band, max: scoring.totalCutoff - 1 } });
  }
  return result(def, { valid: true, total, band, subscales, reasons });
}
