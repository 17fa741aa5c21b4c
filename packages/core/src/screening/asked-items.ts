import type { InstrumentDefinition, InstrumentItem } from '../instruments/types.js';

/**
 * When a conditional item is put to the respondent: once the items in `items` have been passed, if any of
 * them was answered with a code in `anyAnswerIn` or, with `orSkipped`, left blank.
 */
export interface AskCondition {
  items: number[];
  anyAnswerIn: number[];
  orSkipped: boolean;
}

/**
 * ASQ's acuity question follows a positive screen only (catalog §6): a "yes" to, or a refusal of, any
 * screening question. Every other item of every shipped instrument is always asked.
 */
export function askCondition(def: InstrumentDefinition, item: InstrumentItem): AskCondition | null {
  const scoring = def.scoring;
  if (scoring.kind !== 'asq' || item.number !== scoring.acuityItem) return null;
  return { items: [...scoring.screenItems], anyAnswerIn: [scoring.yesCode], orSkipped: true };
}

/** Whether `item` was asked, judged from a complete answer list (the submitted one). */
export function isAsked(def: InstrumentDefinition, item: InstrumentItem, answers: readonly (number | null)[]): boolean {
  const condition = askCondition(def, item);
  if (!condition) return true;
  return condition.items.some((n) => {
    const answer = answers[n - 1] ?? null;
    return answer === null ? condition.orSkipped : condition.anyAnswerIn.includes(answer);
  });
}

/** How many items the respondent was shown: the denominator of the time-per-item check. */
export function askedItemCount(def: InstrumentDefinition, answers: readonly (number | null)[]): number {
  return def.items.filter((item) => isAsked(def, item, answers)).length;
}
