/** The subset of FHIR R4 JSON this module reads and writes. */

export interface FhirExtension {
  url: string;
  valueString?: string;
  valueCode?: string;
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  extension?: FhirExtension[];
}

/** Primitive-element companion (`_text`, `_display`, …) carrying extensions. */
export interface FhirElement {
  extension?: FhirExtension[];
}

export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
  _display?: FhirElement;
}

export interface FhirAnswerOption {
  valueCoding: FhirCoding;
  extension?: FhirExtension[];
}

export interface FhirQuestionnaireItem {
  linkId: string;
  text?: string;
  _text?: FhirElement;
  type: 'display' | 'choice' | 'integer';
  code?: FhirCoding[];
  required?: boolean;
  readOnly?: boolean;
  answerOption?: FhirAnswerOption[];
  extension?: FhirExtension[];
}

export interface FhirQuestionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  extension?: FhirExtension[];
  url: string;
  version: string;
  name: string;
  title: string;
  _title?: FhirElement;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  language?: string;
  subjectType?: string[];
  copyright?: string;
  code?: FhirCoding[];
  item: FhirQuestionnaireItem[];
}

export interface FhirQuestionnaireResponseAnswer {
  valueCoding?: FhirCoding;
  valueInteger?: number;
}

export interface FhirQuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer: FhirQuestionnaireResponseAnswer[];
}

export interface FhirQuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  questionnaire: string;
  status: 'completed';
  subject?: { reference: string };
  authored: string;
  item: FhirQuestionnaireResponseItem[];
}
