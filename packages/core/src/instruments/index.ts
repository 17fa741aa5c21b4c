export type * from './types.js';
export type { ScoreReason, ScoreReasonCode, ScoreResult, SubscaleScore } from './result.js';
export { scoreResponse } from './score.js';
export { validateAnswers, InvalidAnswersError, type AnswerError, type AnswerErrorCode } from './validate.js';
export { explainReason } from './explain.js';
export { bandLabel, instrumentShortName, subscaleLabel, optionLabel, bandsOf, criticalFlagLabel } from './labels.js';
export { allowedCodes, optionsOf } from './options.js';
export { onScreenFooter, onScreenInstructions } from './on-screen.js';
export { checkDefinition } from './definition-check.js';
export { INSTRUMENTS, getInstrument, listInstruments, type InstrumentSummary } from './registry.js';
export {
  toFhirQuestionnaire,
  fromFhirQuestionnaire,
  toFhirQuestionnaireResponse,
  FhirConversionError,
} from './fhir.js';
export type { FhirQuestionnaire, FhirQuestionnaireResponse, QuestionnaireResponseMeta } from './fhir.js';
