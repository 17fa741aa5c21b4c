import { checkDefinition, type InstrumentDefinition } from '@yuxin/core';
import type { Locale } from '../../http/locale.js';
import type { FieldError } from '../../http/problem.js';
import { definitionProblemErrors } from './definition-problems.js';
import { DefinitionBody, SCORING_SCHEMAS, type KnownScoringKind } from './definition-schema.js';
import { fieldError } from './messages.js';
import { schemaErrors } from './schema-errors.js';

export type DefinitionCheck = { ok: true; def: InstrumentDefinition } | { ok: false; errors: FieldError[] };

/**
 * Whether untrusted JSON is a definition the scorer can use, in three steps that each assume the one before:
 * the shape (so core never reads a missing field), the shape of the named scoring kind (an unknown kind stops
 * at step one: no scorer exists for it), then core's `checkDefinition` (bands cover every score, rules name
 * real items). Errors name the path in the definition.
 */
export function checkDefinitionInput(value: unknown, locale: Locale): DefinitionCheck {
  const shape = schemaErrors(DefinitionBody, value);
  if (shape.length > 0) return { ok: false, errors: shape };
  // The store numbers stored versions; until then any valid number lets core check the rest.
  const body = value as Omit<InstrumentDefinition, 'version'> & {
    version?: number;
    scoring: { kind: KnownScoringKind };
  };
  const candidate: InstrumentDefinition = { ...body, version: body.version ?? 1 };

  const scoring = schemaErrors(SCORING_SCHEMAS[body.scoring.kind], candidate.scoring, '/scoring');
  if (scoring.length > 0) return { ok: false, errors: scoring };
  const missing =
    'missing' in candidate.scoring
      ? (candidate.scoring.missing as { treatment: string; maxMissing?: number })
      : undefined;
  if (missing && missing.treatment !== 'none_allowed' && missing.maxMissing === undefined) {
    return {
      ok: false,
      errors: [
        fieldError(locale, '/scoring/missing/maxMissing', 'definition.missing-rule', { treatment: missing.treatment }),
      ],
    };
  }

  const problems = checkDefinition(candidate);
  if (problems.length > 0) return { ok: false, errors: definitionProblemErrors(candidate, problems, locale) };
  return { ok: true, def: candidate };
}
