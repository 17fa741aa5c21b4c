/** FHIR R4 conversions of instrument definitions and responses (pure JSON in, JSON out). */
export { toFhirQuestionnaire } from './fhir-questionnaire.js';
export { fromFhirQuestionnaire, FhirConversionError } from './fhir-questionnaire-read.js';
export { toFhirQuestionnaireResponse, type QuestionnaireResponseMeta } from './fhir-response.js';
export type * from './fhir-types.js';
