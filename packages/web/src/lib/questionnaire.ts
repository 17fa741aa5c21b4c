// The questionnaire's pure logic: which questions are shown, in what order, and what is sent.
import type { AnswerMap, DraftPosition, QuestionItem, QuestionnaireInstrument } from '../api/screening';

export interface Step {
  /** Index of the instrument in the questionnaire. */
  instrument: number;
  /** Index of the item in its instrument. */
  item: number;
}

/** Whether a conditional item is put to the respondent, judged from the answers so far (ASQ 5). */
export function isAsked(item: QuestionItem, answers: ReadonlyArray<number | null | undefined>): boolean {
  const c = item.askedWhen;
  if (!c) return true;
  return c.items.some((n) => {
    const a = answers[n - 1] ?? null;
    return a === null ? c.orSkipped : c.anyAnswerIn.includes(a);
  });
}

/** The questions the respondent sees, in order, given the answers so far. */
export function visibleSteps(instruments: readonly QuestionnaireInstrument[], answers: AnswerMap): Step[] {
  const steps: Step[] = [];
  instruments.forEach((inst, i) => {
    const list = answers[inst.code] ?? [];
    inst.items.forEach((item, j) => {
      if (isAsked(item, list)) steps.push({ instrument: i, item: j });
    });
  });
  return steps;
}

export function answerAt(
  instruments: readonly QuestionnaireInstrument[],
  answers: AnswerMap,
  step: Step,
): number | null {
  const inst = instruments[step.instrument];
  if (!inst) return null;
  return answers[inst.code]?.[step.item] ?? null;
}

/** A new answer map with one answer set; the arrays are padded with blanks up to the item. */
export function withAnswer(
  instruments: readonly QuestionnaireInstrument[],
  answers: AnswerMap,
  step: Step,
  code: number | null,
): AnswerMap {
  const inst = instruments[step.instrument];
  if (!inst) return answers;
  const list = [...(answers[inst.code] ?? [])];
  while (list.length <= step.item) list.push(null);
  list[step.item] = code;
  return { ...answers, [inst.code]: list };
}

/**
 * Exactly what the server expects: every instrument, one entry per item, blanks as `null`, and nothing for a
 * question that was not asked (an answer left over from before the respondent changed an earlier one).
 */
export function normalizeAnswers(instruments: readonly QuestionnaireInstrument[], answers: AnswerMap): AnswerMap {
  const out: AnswerMap = {};
  for (const inst of instruments) {
    const given = answers[inst.code] ?? [];
    const allowed = (item: QuestionItem) => new Set((item.options ?? inst.options).map((o) => o.code));
    const list = inst.items.map((item, j) => {
      const a = given[j];
      return typeof a === 'number' && allowed(item).has(a) ? a : null;
    });
    out[inst.code] = list.map((a, j) => (isAsked(inst.items[j]!, list) ? a : null));
  }
  return out;
}

/** Required items among the shown ones that are still blank. */
export function missingRequired(instruments: readonly QuestionnaireInstrument[], answers: AnswerMap): Step[] {
  return visibleSteps(instruments, answers).filter(
    (s) => instruments[s.instrument]!.items[s.item]!.required && answerAt(instruments, answers, s) === null,
  );
}

export function positionOf(
  instruments: readonly QuestionnaireInstrument[],
  step: Step | undefined,
): DraftPosition | null {
  const inst = step ? instruments[step.instrument] : undefined;
  return step && inst ? { instrument: inst.code, item: step.item } : null;
}

/**
 * Where to resume: the saved position if it is still shown, else the first shown question without an
 * answer, else the last question.
 */
export function resumeIndex(
  instruments: readonly QuestionnaireInstrument[],
  answers: AnswerMap,
  position: DraftPosition | null | undefined,
): number {
  const steps = visibleSteps(instruments, answers);
  if (steps.length === 0) return 0;
  if (position) {
    const i = steps.findIndex(
      (s) => instruments[s.instrument]!.code === position.instrument && s.item === position.item,
    );
    if (i >= 0) return i;
  }
  const blank = steps.findIndex((s) => answerAt(instruments, answers, s) === null);
  return blank >= 0 ? blank : steps.length - 1;
}
