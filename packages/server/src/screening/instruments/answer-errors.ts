import type { AnswerError, InstrumentDefinition } from '@yuxin/core';
import type { Locale } from '../../http/locale.js';
import type { FieldError } from '../../http/problem.js';
import { fieldError } from './messages.js';

const listOf = (codes: readonly number[], locale: Locale) => codes.join(locale === 'zh-CN' ? '、' : ', ');

/** Echoes a rejected value back in a short, printable form; it is the caller's own input. */
function shown(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}

/**
 * One field error per rejected answer, pointing at `/answers/<index>`, so whoever types in a paper form can
 * find the item; a wrong count points at `/answers` as a whole.
 */
export function answerFieldErrors(
  def: InstrumentDefinition,
  errors: readonly AnswerError[],
  answers: unknown,
  locale: Locale,
): FieldError[] {
  const list: readonly unknown[] = Array.isArray(answers) ? answers : [];
  return errors.map((e) => {
    switch (e.code) {
      case 'wrong_length':
        return fieldError(locale, '/answers', 'answers.wrong-length', {
          instrument: def.shortName,
          expected: e.expected ?? def.items.length,
          received: e.received ?? list.length,
        });
      case 'out_of_range':
        return fieldError(locale, `/answers/${e.index}`, 'answers.out-of-range', {
          item: e.item,
          answer: shown(list[e.index]),
          allowed: listOf(e.allowed, locale),
        });
      case 'not_integer':
        return fieldError(locale, `/answers/${e.index}`, 'answers.not-integer', {
          item: e.item,
          answer: shown(list[e.index]),
          allowed: listOf(e.allowed, locale),
        });
    }
  });
}
