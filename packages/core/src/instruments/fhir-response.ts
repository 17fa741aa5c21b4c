import { TOTAL_LINK_ID, TOTAL_TEXT, answerOption, primary, questionnaireUrl } from './fhir-common.js';
import type { FhirQuestionnaireResponse, FhirQuestionnaireResponseItem } from './fhir-types.js';
import { optionsOf } from './options.js';
import { scoreResponse } from './score.js';
import type { InstrumentDefinition, InstrumentLocale } from './types.js';

export interface QuestionnaireResponseMeta {
  id?: string;
  /** FHIR reference to the respondent's subject, e.g. `Patient/123`. */
  subjectRef?: string;
  /** FHIR dateTime of completion; supplied by the caller because domain code has no clock. */
  authored: string;
  /** Language of item texts and answer displays; defaults to `en`. */
  locale?: InstrumentLocale;
}

/**
 * FHIR R4 QuestionnaireResponse for one response. Blank answers are omitted (FHIR has no "unanswered" answer);
 * the total is added as item `total` only when the response is valid, because an invalid response has none.
 * Throws `InvalidAnswersError` for malformed answers, like `scoreResponse`.
 */
export function toFhirQuestionnaireResponse(
  def: InstrumentDefinition,
  answers: readonly (number | null)[],
  meta: QuestionnaireResponseMeta,
): FhirQuestionnaireResponse {
  const scored = scoreResponse(def, answers);
  const locale = meta.locale ?? 'en';
  const items: FhirQuestionnaireResponseItem[] = [];
  def.items.forEach((item, i) => {
    const answer = answers[i];
    const option = optionsOf(def, item).find((o) => o.code === answer);
    if (!option) return;
    const { system, code, display } = answerOption(def, item, option, locale).valueCoding;
    items.push({
      linkId: item.linkId,
      text: primary(item.text, locale),
      answer: [{ valueCoding: { system, code, display } }],
    });
  });
  if (scored.valid && scored.total !== null) {
    items.push({ linkId: TOTAL_LINK_ID, text: primary(TOTAL_TEXT, locale), answer: [{ valueInteger: scored.total }] });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    ...(meta.id !== undefined ? { id: meta.id } : {}),
    questionnaire: `${questionnaireUrl(def.code)}|${def.version}`,
    status: 'completed',
    ...(meta.subjectRef !== undefined ? { subject: { reference: meta.subjectRef } } : {}),
    authored: meta.authored,
    item: items,
  };
}
