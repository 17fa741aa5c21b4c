import { FhirConversionError, fromFhirQuestionnaire, type InstrumentDefinition } from '@yuxin/core';
import type { Locale } from '../../http/locale.js';
import { checkDefinitionInput } from './definition-check.js';
import { badInput, im, invalid } from './messages.js';

const FOREIGN = [/not a Yuxin instrument/, /^url .* is not under /];

const isQuestionnaire = (v: unknown) =>
  typeof v === 'object' && v !== null && (v as { resourceType?: unknown }).resourceType === 'Questionnaire';

/**
 * The definition carried by a FHIR Questionnaire, checked exactly like an edited definition: the
 * Questionnaire is untrusted input even when it names a Yuxin URL, and its scoring rule travels as JSON that
 * core does not check for shape.
 */
export function definitionFromFhir(body: unknown, locale: Locale): InstrumentDefinition {
  if (!isQuestionnaire(body)) throw badInput(locale, 'fhir.not-questionnaire');
  let converted: InstrumentDefinition;
  try {
    converted = fromFhirQuestionnaire(body);
  } catch (err) {
    if (!(err instanceof FhirConversionError)) {
      // Core's consistency check assumes a scoring kind it knows; any other rule fails inside it.
      throw badInput(locale, 'fhir.unreadable');
    }
    // Another system's Questionnaire has neither our URL nor our metadata: say so rather than what is missing.
    if (FOREIGN.some((re) => re.test(err.message))) throw badInput(locale, 'fhir.not-yuxin');
    throw badInput(locale, 'fhir.unconvertible', { reason: err.message });
  }
  const checked = checkDefinitionInput(converted, locale);
  if (!checked.ok) throw invalid(checked.errors, im('fhir.invalid-definition', locale));
  return checked.def;
}
