import type { ServiceContext } from '../services/context.js';
import { notFound, Problem } from '../http/problem.js';
import { findClass } from '../org/org-store.js';
import { placementOfUnit } from '../org/placement.js';
import { issueClassCredentials, type CredentialScope } from './class-credentials.js';
import { BATCH_KEPT_DAYS, keepBatch, latestBatch, slipsOf, type CredentialBatch } from './credential-batches.js';
import { ta } from './messages.js';
import { renderSlipFile, type SlipFile, type SlipFormat } from './slip-file.js';

/**
 * Sign-in slips for a class (账号条): a head teacher or administrator issues one-time passwords and gets them
 * as a PDF or spreadsheet, and for a week can fetch the same batch again in either format. Handing out
 * passwords is a disclosure, so each file, first or again, is audited with its batch.
 */

/** Where the printed slips tell students to sign in. */
export interface SlipAudience {
  signInUrl: string;
}

/** The class, or a 404 that does not say whether it exists elsewhere; with the caller's print binding. */
async function printableClass(ctx: ServiceContext, classId: string) {
  const klass = await findClass(ctx.db, classId);
  if (!klass) throw notFound();
  const placement = placementOfUnit(klass);
  return { klass, placement, binding: ctx.access.require('account.print', placement) };
}

export async function issueClassSlips(
  ctx: ServiceContext,
  classId: string,
  request: { format: SlipFormat; scope: CredentialScope },
  audience: SlipAudience,
): Promise<{ file: SlipFile; batchId: string }> {
  const { format, scope } = request;
  const { klass, placement, binding } = await printableClass(ctx, classId);
  // Issuing and rendering share the transaction: passwords change only if the caller gets them. The slips
  // are kept (encrypted) so the other format, or the same file again, comes from this batch unchanged.
  return ctx.db.transaction().execute(async (tx) => {
    const issued = await issueClassCredentials(tx, klass, scope, ctx.actorId);
    const file = await renderSlipFile(tx, klass, issued.slips, format, { ...audience, locale: ctx.locale });
    const batchId = await keepBatch(tx, klass, { scope, slips: issued.slips, issuedBy: ctx.actorId, now: ctx.clock() });
    await ctx.audit(tx, {
      action: 'account.print',
      targetType: 'class',
      targetId: klass.id,
      placement,
      binding,
      detail: {
        batchId,
        count: issued.slips.length,
        format,
        scope,
        created: issued.created,
        reset: issued.reset,
        skipped: issued.skipped,
      },
    });
    return { file, batchId };
  });
}

function noBatch(ctx: ServiceContext) {
  return new Problem('not-found', { detail: ta('batch.none', ctx.locale, { days: BATCH_KEPT_DAYS }) });
}

/** The class's batch still kept, for the page to offer it again; none is a 404 saying how long they are kept. */
export async function currentClassBatch(ctx: ServiceContext, classId: string): Promise<CredentialBatch> {
  await printableClass(ctx, classId);
  const batch = await latestBatch(ctx.db, classId, ctx.clock());
  if (!batch) throw noBatch(ctx);
  return batch;
}

export async function reissueClassSlips(
  ctx: ServiceContext,
  classId: string,
  format: SlipFormat,
  audience: SlipAudience,
): Promise<{ file: SlipFile; batchId: string }> {
  const { klass, placement, binding } = await printableClass(ctx, classId);
  const batch = await latestBatch(ctx.db, klass.id, ctx.clock());
  if (!batch) throw noBatch(ctx);
  const file = await renderSlipFile(ctx.db, klass, await slipsOf(ctx.db, batch.id), format, {
    ...audience,
    locale: ctx.locale,
  });
  await ctx.audit(ctx.db, {
    action: 'account.print',
    targetType: 'class',
    targetId: klass.id,
    placement,
    binding,
    detail: { batchId: batch.id, count: batch.count, format, scope: batch.scope, again: true },
  });
  return { file, batchId: batch.id };
}
