import { allowedCodes } from './options.js';
import type { InstrumentDefinition } from './types.js';

export type AnswerErrorCode = 'wrong_length' | 'not_integer' | 'out_of_range';

/**
 * One input error, precise enough for an HTTP 400 that names the item.
 * For `wrong_length`, `index`/`item` point at the first position that is missing (too short) or superfluous
 * (too long), and `expected`/`received` give the lengths.
 */
export interface AnswerError {
  index: number;
  /** 1-based item number. */
  item: number;
  code: AnswerErrorCode;
  /** Codes accepted at this position (empty for a superfluous entry). */
  allowed: number[];
  expected?: number;
  received?: number;
}

/** Thrown by `scoreResponse` when the input is not a well-formed answer list — a client error, not a result. */
export class InvalidAnswersError extends Error {
  override readonly name = 'InvalidAnswersError';
  constructor(
    readonly instrument: string,
    readonly version: number,
    readonly errors: AnswerError[],
  ) {
    super(
      `Invalid answers for ${instrument} v${version}: ${errors.map((e) => `${e.code} at item ${e.item}`).join(', ')}`,
    );
  }
}

/**
 * Checks the shape of `answers`: one entry per item, each `null` or one of the item's option codes.
 * Accepts `unknown` because it guards untrusted request bodies; a non-array counts as an empty list.
 */
export function validateAnswers(def: InstrumentDefinition, answers: unknown): AnswerError[] {
  const list: readonly unknown[] = Array.isArray(answers) ? answers : [];
  const expected = def.items.length;
  const errors: AnswerError[] = [];

  if (list.length !== expected) {
    const index = Math.min(list.length, expected);
    const item = def.items[index];
    errors.push({
      index,
      item: index + 1,
      code: 'wrong_length',
      allowed: item ? allowedCodes(def, item) : [],
      expected,
      received: list.length,
    });
  }

  def.items.forEach((item, index) => {
    if (index >= list.length) return;
    const value = list[index];
    if (value === null) return;
    const allowed = allowedCodes(def, item);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      errors.push({ index, item: item.number, code: 'not_integer', allowed });
    } else if (!allowed.includes(value)) {
      errors.push({ index, item: item.number, code: 'out_of_range', allowed });
    }
  });
  return errors;
}
