import {
  EXT,
  type InstrumentMetadata,
  LOINC_SYSTEM,
  STEM_LINK_ID,
  TOTAL_LINK_ID,
  TOTAL_TEXT,
  answerOption,
  primary,
  questionnaireUrl,
  translationElement,
} from './fhir-common.js';
import type { FhirCoding, FhirExtension, FhirQuestionnaire, FhirQuestionnaireItem } from './fhir-types.js';
import { optionsOf } from './options.js';
import type { InstrumentDefinition, InstrumentItem, InstrumentLocale } from './types.js';

/** FHIR `name` must match [A-Z]([A-Za-z0-9_]){0,254}. */
function computableName(shortName: string): string {
  const name = shortName.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Z]/.test(name) ? name : `Q${name}`;
}

function loincCoding(code: string): FhirCoding[] {
  return [{ system: LOINC_SYSTEM, code }];
}

function toItem(def: InstrumentDefinition, item: InstrumentItem, locale: InstrumentLocale): FhirQuestionnaireItem {
  const extension: FhirExtension[] = [];
  if (item.id !== item.linkId) extension.push({ url: EXT.itemId, valueString: item.id });
  if (item.reverse) extension.push({ url: EXT.reverse, valueBoolean: true });
  if (item.subscale !== undefined) extension.push({ url: EXT.subscale, valueCode: item.subscale });
  if (item.critical) extension.push({ url: EXT.critical, valueBoolean: true });
  if (item.options) extension.push({ url: EXT.optionOverride, valueBoolean: true });
  return {
    linkId: item.linkId,
    text: primary(item.text, locale),
    _text: translationElement(item.text, locale),
    type: 'choice',
    ...(item.loinc ? { code: loincCoding(item.loinc) } : {}),
    ...(item.required ? { required: true } : {}),
    answerOption: optionsOf(def, item).map((o) => answerOption(def, item, o, locale)),
    ...(extension.length > 0 ? { extension } : {}),
  };
}

/**
 * FHIR R4 Questionnaire for a definition, texts in `locale` with the other language in translation extensions.
 * The stem is a leading display item; the total score is a trailing read-only integer item so that a
 * QuestionnaireResponse carrying it validates against the Questionnaire.
 */
export function toFhirQuestionnaire(def: InstrumentDefinition, locale: InstrumentLocale = 'en'): FhirQuestionnaire {
  const metadata: InstrumentMetadata = {
    shortName: def.shortName,
    respondent: def.respondent,
    audience: def.audience,
    riskScreen: def.riskScreen,
    optional: def.optional,
    scoring: def.scoring,
    licence: {
      source: def.licence.source,
      ...(def.licence.displayFooter !== undefined ? { displayFooter: def.licence.displayFooter } : {}),
    },
    translationStatus: def.translationStatus,
  };
  return {
    resourceType: 'Questionnaire',
    id: `${def.code.replace(/_/g, '-')}-v${def.version}`,
    extension: [{ url: EXT.instrument, valueString: JSON.stringify(metadata) }],
    url: questionnaireUrl(def.code),
    version: String(def.version),
    name: computableName(def.shortName),
    title: primary(def.name, locale),
    _title: translationElement(def.name, locale),
    status: 'active',
    language: locale,
    subjectType: ['Patient'],
    copyright: def.licence.text,
    ...(def.loinc?.panel ? { code: loincCoding(def.loinc.panel) } : {}),
    item: [
      {
        linkId: STEM_LINK_ID,
        type: 'display',
        text: primary(def.stem, locale),
        _text: translationElement(def.stem, locale),
      },
      ...def.items.map((item) => toItem(def, item, locale)),
      {
        linkId: TOTAL_LINK_ID,
        type: 'integer',
        readOnly: true,
        text: primary(TOTAL_TEXT, locale),
        _text: translationElement(TOTAL_TEXT, locale),
        ...(def.loinc?.total ? { code: loincCoding(def.loinc.total) } : {}),
      },
    ],
  };
}
