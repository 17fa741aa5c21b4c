import type { ScoreResult } from './result.js';
import { scoreAsq } from './scorers/asq.js';
import { scorePsc17 } from './scorers/psc17.js';
import { scoreSum } from './scorers/sum.js';
import { scoreWho5 } from './scorers/who5.js';
import type { InstrumentDefinition } from './types.js';
import { InvalidAnswersError, validateAnswers } from './validate.js';

/**
 * Scores one response against the exact definition version it was given on. Malformed input (wrong length,
 * non-integers, codes outside the item's options) throws `InvalidAnswersError`; `null` entries are answers
 * left blank and are handled by the instrument's missing rule.
 */
export function scoreResponse(def: InstrumentDefinition, answers: readonly (number | null)[]): ScoreResult {
  const errors = validateAnswers(def, answers);
  if (errors.length > 0) throw new InvalidAnswersError(def.code, def.version, errors);

  const scoring = def.scoring;
  switch (scoring.kind) {
    case 'sum':
      return scoreSum(def, scoring, answers);
    case 'who5':
      return scoreWho5(def, scoring, answers);
    case 'psc17':
      return scorePsc17(def, scoring, answers);
    case 'asq':
      return scoreAsq(def, scoring, answers);
    default: {
      // Reachable only with a definition built outside the type system (e.g. parsed from JSON).
      const unknown: never = scoring;
      throw new Error(`${def.code} v${def.version}: unknown scoring kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
