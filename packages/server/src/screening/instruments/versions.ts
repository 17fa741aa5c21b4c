import type { InstrumentDefinition } from '@yuxin/core';
import type { ServiceContext } from '../../services/context.js';
import { insertNextInstrumentVersion, instrumentExists } from '../instrument-store.js';
import { requireCityWideManager } from './access.js';
import { checkDefinitionInput } from './definition-check.js';
import { definitionFromFhir } from './fhir-import.js';
import { fieldError, instrumentNotFound, invalid } from './messages.js';

/**
 * New versions of an instrument, made by a city-level manager: an edited definition of an instrument the
 * library has, or a FHIR Questionnaire brought in. Stored versions never change, since campaigns pin them;
 * each new one is numbered by the store and audited in the same transaction.
 */

async function storeVersion(
  ctx: ServiceContext,
  cityId: string,
  def: InstrumentDefinition,
  source: 'edited' | 'fhir_import',
) {
  const binding = requireCityWideManager(ctx.access, cityId);
  return ctx.db.transaction().execute(async (tx) => {
    const stored = await insertNextInstrumentVersion(tx, def, source, ctx.actorId);
    await ctx.audit(tx, {
      action: 'instrument.manage',
      targetType: 'instrument',
      targetId: stored.code,
      binding,
      detail: { instrument: stored.code, version: stored.version, source },
    });
    return { code: stored.code, version: stored.version };
  });
}

/** The definition as sent, checked whole: every problem comes back in one 400. */
export async function storeEditedVersion(ctx: ServiceContext, cityId: string, code: string, body: { code: string }) {
  if (!(await instrumentExists(ctx.db, code))) throw instrumentNotFound(ctx.locale, code);
  if (body.code !== code)
    throw invalid([fieldError(ctx.locale, '/code', 'definition.code-mismatch', { given: body.code, code })]);
  const checked = checkDefinitionInput(body, ctx.locale);
  if (!checked.ok) throw invalid(checked.errors);
  return storeVersion(ctx, cityId, checked.def, 'edited');
}

export async function importFhirVersion(ctx: ServiceContext, cityId: string, questionnaire: unknown) {
  return storeVersion(ctx, cityId, definitionFromFhir(questionnaire, ctx.locale), 'fhir_import');
}
