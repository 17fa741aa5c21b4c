import { allowedCodes, validateAnswers, type InstrumentDefinition } from '@yuxin/core';
import { Type } from 'typebox';
import type { Locale } from '../../http/locale.js';
import { sm } from './messages.js';
import type { LocalizedFieldError } from './problems.js';

/** `{ [instrumentCode]: (optionCode | null)[] }`: what the respondent chose, `null` for a blank. */
export type AnswerMap = Record<string, Array<number | null>>;

// One JSON-schema `type` list, not anyOf: with the server's type coercion, an anyOf would turn a blank
// (null) into 0 in its integer branch, and a skipped suicide item would silently read "not at all".
const Answer = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: -100_000, maximum: 100_000 });
export const AnswerMapSchema = Type.Record(
  Type.String({ pattern: '^[a-z0-9_]{1,32}$' }),
  Type.Array(Answer, { maxItems: 200 }),
  {
    maxProperties: 20,
  },
);

const field = (code: string, index?: number) =>
  index === undefined ? `/answers/${code}` : `/answers/${code}/${index}`;

function unknownCodes(
  defs: readonly InstrumentDefinition[],
  answers: AnswerMap,
  locale: Locale,
): LocalizedFieldError[] {
  const known = new Set(defs.map((d) => d.code));
  return Object.keys(answers)
    .filter((code) => !known.has(code))
    .map((code) => ({ field: field(code), message: sm('answers.unknown-instrument', locale, { instrument: code }) }));
}

/** A draft may be partial and short; every value given must still be one of the item's options. */
export function checkDraftAnswers(
  defs: readonly InstrumentDefinition[],
  answers: AnswerMap,
  locale: Locale,
): LocalizedFieldError[] {
  const errors = unknownCodes(defs, answers, locale);
  for (const def of defs) {
    const list = answers[def.code];
    if (!list) continue;
    const instrument = def.shortName;
    if (list.length > def.items.length) {
      errors.push({
        field: field(def.code),
        message: sm('answers.too-long', locale, { instrument, expected: def.items.length, received: list.length }),
      });
      continue;
    }
    list.forEach((value, i) => {
      const item = def.items[i]!;
      if (value === null) return;
      const allowed = allowedCodes(def, item);
      if (!allowed.includes(value)) {
        errors.push({
          field: field(def.code, i),
          message: sm('answers.out-of-range', locale, { instrument, item: item.number, allowed: allowed.join('/') }),
        });
      }
    });
  }
  return errors;
}

/**
 * A submission needs every instrument, one entry per item, valid codes, and an answer to every required
 * item (PHQ item 9 among them: a skipped suicide item could hide a crisis).
 */
export function checkSubmittedAnswers(
  defs: readonly InstrumentDefinition[],
  answers: AnswerMap,
  locale: Locale,
): LocalizedFieldError[] {
  const errors = unknownCodes(defs, answers, locale);
  for (const def of defs) {
    const instrument = def.shortName;
    const list = answers[def.code];
    if (!list) {
      errors.push({ field: field(def.code), message: sm('answers.missing-instrument', locale, { instrument }) });
      continue;
    }
    const shape = validateAnswers(def, list);
    for (const e of shape) {
      const message =
        e.code === 'wrong_length'
          ? sm('answers.wrong-length', locale, {
              instrument,
              expected: e.expected ?? def.items.length,
              received: e.received ?? list.length,
            })
          : sm('answers.out-of-range', locale, { instrument, item: e.item, allowed: e.allowed.join('/') });
      errors.push({ field: e.code === 'wrong_length' ? field(def.code) : field(def.code, e.index), message });
    }
    if (shape.length > 0) continue;
    def.items.forEach((item, i) => {
      if (item.required && list[i] === null) {
        errors.push({
          field: field(def.code, i),
          message: sm('answers.required', locale, { instrument, item: item.number }),
        });
      }
    });
  }
  return errors;
}
