import { explainReason, type InstrumentDefinition, type ScoreResult } from '@yuxin/core';
import { Type, type Static } from 'typebox';
import { Nullable } from '../../http/schemas.js';
import type { Locale } from '../../http/locale.js';

export const ScoringResultSchema = Type.Object({
  instrument: Type.String(),
  version: Type.Integer(),
  total: Nullable(Type.Number()),
  band: Nullable(Type.String()),
  subscales: Type.Record(
    Type.String(),
    Type.Object({
      score: Nullable(Type.Number()),
      cutoff: Type.Optional(Type.Number()),
      positive: Type.Optional(Nullable(Type.Boolean())),
    }),
  ),
  criticalFlags: Type.Array(Type.String()),
  valid: Type.Boolean(),
  reasons: Type.Array(Type.Object({ code: Type.String(), params: Type.Object({}, { additionalProperties: true }) })),
  explanations: Type.Array(Type.String(), { description: "One plain sentence per reason, in the caller's language." }),
});

/** The scorer's result plus each reason in words; labels come from the scored version itself. */
export function scoringView(
  result: ScoreResult,
  def: InstrumentDefinition,
  locale: Locale,
): Static<typeof ScoringResultSchema> {
  return { ...result, explanations: result.reasons.map((r) => explainReason(r, locale, def)) };
}
