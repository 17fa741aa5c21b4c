import { itemScore } from './options.js';
import type { FhirAnswerOption, FhirElement, FhirExtension } from './fhir-types.js';
import type { AnswerOption, BilingualText, InstrumentDefinition, InstrumentItem, InstrumentLocale } from './types.js';

export const YUXIN_FHIR_BASE = 'https://yuxin.example.org/fhir';
export const LOINC_SYSTEM = 'http://loinc.org';
export const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';
export const ORDINAL_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

/** Platform extensions for what FHIR has no element for; the rest of the definition maps onto core elements. */
export const EXT = {
  instrument: `${YUXIN_FHIR_BASE}/StructureDefinition/instrument-metadata`,
  itemId: `${YUXIN_FHIR_BASE}/StructureDefinition/item-id`,
  reverse: `${YUXIN_FHIR_BASE}/StructureDefinition/reverse-scored`,
  subscale: `${YUXIN_FHIR_BASE}/StructureDefinition/subscale`,
  critical: `${YUXIN_FHIR_BASE}/StructureDefinition/critical`,
  optionOverride: `${YUXIN_FHIR_BASE}/StructureDefinition/option-override`,
} as const;

export const STEM_LINK_ID = 'stem';
export const TOTAL_LINK_ID = 'total';
export const TOTAL_TEXT: BilingualText = { en: 'Total score', zh: '总分' };

export function questionnaireUrl(code: string): string {
  return `${YUXIN_FHIR_BASE}/Questionnaire/${code}`;
}

export function optionSystem(code: string): string {
  return `${YUXIN_FHIR_BASE}/CodeSystem/${code}-options`;
}

export function primary(text: BilingualText, locale: InstrumentLocale): string {
  return locale === 'zh-CN' ? text.zh : text.en;
}

/** The other language, carried by the standard translation extension on the primitive's `_` element. */
export function translationElement(text: BilingualText, locale: InstrumentLocale): FhirElement {
  const other: InstrumentLocale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return {
    extension: [
      {
        url: TRANSLATION_URL,
        extension: [
          { url: 'lang', valueCode: other },
          { url: 'content', valueString: primary(text, other) },
        ],
      },
    ],
  };
}

export function answerOption(
  def: InstrumentDefinition,
  item: InstrumentItem,
  option: AnswerOption,
  locale: InstrumentLocale,
): FhirAnswerOption {
  const valueCoding = option.loinc
    ? { system: LOINC_SYSTEM, code: option.loinc }
    : { system: optionSystem(def.code), code: String(option.code) };
  return {
    valueCoding: {
      ...valueCoding,
      display: primary(option.label, locale),
      _display: translationElement(option.label, locale),
    },
    extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: itemScore(def, item, option.code) }],
  };
}

export function findExtension(
  extensions: readonly FhirExtension[] | undefined,
  url: string,
): FhirExtension | undefined {
  return extensions?.find((e) => e.url === url);
}

/** Definition fields FHIR has no element for, carried as JSON in one platform extension. */
export interface InstrumentMetadata {
  shortName: InstrumentDefinition['shortName'];
  respondent: InstrumentDefinition['respondent'];
  audience: InstrumentDefinition['audience'];
  riskScreen: InstrumentDefinition['riskScreen'];
  optional: InstrumentDefinition['optional'];
  scoring: InstrumentDefinition['scoring'];
  licence: Omit<InstrumentDefinition['licence'], 'text'>;
  translationStatus: InstrumentDefinition['translationStatus'];
}
