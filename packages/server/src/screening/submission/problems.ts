import type { Locale } from '../../http/locale.js';
import { Problem, type ProblemKind } from '../../http/problem.js';
import { sm, type ScreeningMessageKey } from './messages.js';

/** A problem whose detail comes from this module's catalog, in the caller's language. */
export function screeningProblem(
  locale: Locale,
  kind: ProblemKind,
  key: ScreeningMessageKey,
  params?: Record<string, string | number>,
): Problem {
  return new Problem(kind, { detail: sm(key, locale, params) });
}

export interface LocalizedFieldError {
  field: string;
  message: string;
}

/** 400 listing every bad answer; the detail repeats the first so a phone can show one line. */
export function answersProblem(errors: LocalizedFieldError[]): Problem {
  return new Problem('validation', {
    errors: errors.map((e) => ({ field: e.field, key: 'field.invalid', message: e.message })),
    detail: errors[0]?.message,
  });
}
