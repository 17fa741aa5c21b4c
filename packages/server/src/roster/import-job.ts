import type { OrgPlacement, RoleBinding } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { ServiceContext } from '../services/context.js';
import { failJob, JobProgress, succeedJob, type JobError } from '../jobs/jobs.js';
import { applyRoster, StudentNoTaken } from './apply.js';
import { COLUMN_BY_KEY } from './columns.js';
import { rosterMessage } from './messages.js';
import type { FileKind } from '../spreadsheets/read.js';
import { readSheet } from './read.js';
import { loadSchoolContext, type SchoolContext } from './school.js';
import { validateRoster } from './validate.js';
import { raiseImportTransfers } from '../transfers/import.js';

export const ROSTER_IMPORT_KIND = 'roster_import';

/** Beyond this many, a report stops helping: the user fixes a pattern, not 50,000 cells one by one. */
export const MAX_REPORTED_ERRORS = 10_000;

export interface RosterImport {
  jobId: string;
  school: SchoolContext['school'];
  kind: FileKind;
  file: Buffer;
  /** The uploader's context, for the audit entry (who, request id); the job outlives the request. */
  actor: Pick<ServiceContext, 'audit' | 'actorId'>;
  binding: RoleBinding;
}

/**
 * parsing → validating → applying. Any bad row fails the job with every problem listed and nothing
 * written; otherwise the whole file is applied in one transaction together with its audit entry. Rows
 * naming another school's student raise transfer requests in the same transaction instead.
 */
export async function runRosterImport(db: Kysely<Database>, job: RosterImport): Promise<void> {
  const progress = new JobProgress(db, job.jobId);
  const placement: OrgPlacement = {
    cityId: job.school.city_id,
    districtId: job.school.district_id,
    schoolId: job.school.id,
  };
  const fail = async (errors: JobError[], rows: number) => {
    await progress.flush();
    await failJob(db, job.jobId, capped(errors));
    await job.actor.audit(db, {
      action: 'roster.import',
      targetType: 'school',
      targetId: job.school.id,
      placement,
      binding: job.binding,
      outcome: 'failure',
      detail: { jobId: job.jobId, rows, errors: errors.length },
    });
  };

  progress.report('parsing', 0, 0);
  const sheet = await readSheet(job.file, job.kind, (rows) => progress.report('parsing', rows, 0));
  if ('errors' in sheet) return fail(sheet.errors, 0);
  const total = sheet.rows.length;

  progress.report('validating', 0, total);
  const ctx = await loadSchoolContext(db, job.school);
  const { records, errors } = await validateRoster(db, ctx, sheet.header, sheet.rows, (done) =>
    progress.report('validating', done, total),
  );
  if (errors.length) return fail(errors, total);

  progress.report('applying', 0, total);
  let result;
  try {
    result = await db.transaction().execute(async (tx) => {
      const { elsewhere, ...applied } = await applyRoster(tx, ctx, records, (done) =>
        progress.report('applying', done, total),
      );
      // Reported only when there were any, so an ordinary import's report reads as before.
      if (elsewhere.length) applied.transfersRequested = await raiseImportTransfers(tx, job, elsewhere);
      await job.actor.audit(tx, {
        action: 'roster.import',
        targetType: 'school',
        targetId: job.school.id,
        placement,
        binding: job.binding,
        detail: { jobId: job.jobId, rows: total, ...applied },
      });
      return applied;
    });
  } catch (err) {
    if (!(err instanceof StudentNoTaken)) throw err;
    const taken = new Set(err.studentNos);
    const field = sheet.header.written.studentNo ?? COLUMN_BY_KEY.get('studentNo')!.header[sheet.header.locale];
    return fail(
      records
        .filter((r) => taken.has(r.studentNo))
        .map((r) => ({
          row: r.row,
          field,
          message: rosterMessage('studentNo.other-school', { column: 'studentNo', params: { value: r.studentNo } }),
        })),
      total,
    );
  }
  await progress.flush();
  await succeedJob(db, job.jobId, { ...result }, total);
}

function capped(errors: JobError[]): JobError[] {
  if (errors.length <= MAX_REPORTED_ERRORS) return errors;
  const more = errors.length - MAX_REPORTED_ERRORS;
  return [
    ...errors.slice(0, MAX_REPORTED_ERRORS),
    { row: 0, field: '', message: rosterMessage('errors.more', { params: { count: more } }) },
  ];
}
