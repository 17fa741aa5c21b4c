/**
 * Careless-responding signals. They mark a response for the psychology teacher's attention; they never
 * change a score, a band or a critical flag, because a hurried student may still be a student at risk.
 */
export type CarelessFlag = 'too_fast' | 'straightlining';

/** Straightlining says little on short forms, where one answer throughout is often the honest one. */
export const STRAIGHTLINE_MIN_ITEMS = 7;

/** Average time per asked item below the city's minimum. A minimum of 0 switches the check off. */
export function isTooFast(durationMs: number, askedItems: number, minSecondsPerItem: number): boolean {
  if (askedItems <= 0 || !(minSecondsPerItem > 0) || !Number.isFinite(durationMs)) return false;
  return Math.max(0, durationMs) / askedItems < minSecondsPerItem * 1000;
}

/** The same option on every item of an instrument with at least `minItems` items; a blank breaks the line. */
export function isStraightlined(answers: readonly (number | null)[], minItems = STRAIGHTLINE_MIN_ITEMS): boolean {
  if (answers.length < minItems) return false;
  const first = answers[0];
  if (first === null || first === undefined) return false;
  return answers.every((a) => a === first);
}

export interface CarelessInput {
  /** Each instrument's answers as submitted (option codes as chosen, before reverse scoring). */
  instruments: ReadonlyArray<{ code: string; answers: readonly (number | null)[] }>;
  /** Time the whole questionnaire took; `null` when the client did not measure it. */
  durationMs: number | null;
  /** Items shown across the whole questionnaire (conditional items only when asked). */
  askedItems: number;
  minSecondsPerItem: number;
}

/**
 * Flags per instrument code. Speed is measured over the whole questionnaire, so a too-fast submission
 * marks every instrument; straightlining is judged per instrument.
 */
export function detectCareless(input: CarelessInput): Record<string, CarelessFlag[]> {
  const tooFast = input.durationMs !== null && isTooFast(input.durationMs, input.askedItems, input.minSecondsPerItem);
  const out: Record<string, CarelessFlag[]> = {};
  for (const { code, answers } of input.instruments) {
    const flags: CarelessFlag[] = [];
    if (tooFast) flags.push('too_fast');
    if (isStraightlined(answers)) flags.push('straightlining');
    out[code] = flags;
  }
  return out;
}
