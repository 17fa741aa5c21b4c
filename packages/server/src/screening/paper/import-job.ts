import type { OrgPlacement, RoleBinding } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { failJob, JobProgress, succeedJob, type JobError } from '../../jobs/jobs.js';
import type { FileKind } from '../../spreadsheets/read.js';
import { readSheet } from '../../roster/read.js';
import { placementOfUnit } from '../../org/placement.js';
import type { ServiceContext } from '../../services/context.js';
import { getScreeningSettings } from '../settings.js';
import { evaluateSubmission } from '../submission/evaluate.js';
import { loadPinned } from '../submission/pinned.js';
import { findSubmission, storeSubmissionIn } from '../submission/store.js';
import { PAPER_RESPONDENT, type ClassUnit } from './class-sheet.js';
import { paperLayout, STUDENT_NO_HEADER } from './columns.js';
import { paperMessage } from './messages.js';
import { validatePaper, type PaperRecord } from './validate.js';

export const PAPER_IMPORT_KIND = 'paper_import';

export interface PaperImport {
  jobId: string;
  campaignId: string;
  klass: ClassUnit;
  kind: FileKind;
  file: Buffer;
  /** Who entered the answers, and how their acts are audited; the job outlives the upload request. */
  actor: Pick<ServiceContext, 'actorId' | 'audit' | 'auditEntry'>;
  binding: RoleBinding;
}

/** A row lost to a concurrent submission between validation and the store: the whole file is refused. */
class RowTaken extends Error {
  constructor(readonly record: PaperRecord) {
    super('assignment no longer open');
  }
}

/**
 * parsing → validating → applying, like the roster import: any bad row fails the job with every problem
 * listed and nothing stored. Otherwise every row is stored in one transaction through the online
 * submission's store (scores, tier suggestion, crisis alert, audit), marked as paper.
 */
export async function runPaperImport(db: Kysely<Database>, job: PaperImport): Promise<void> {
  const progress = new JobProgress(db, job.jobId);
  const placement: OrgPlacement = placementOfUnit(job.klass);
  const audit = (tx: Kysely<Database>, outcome: 'success' | 'failure', detail: Record<string, unknown>) =>
    job.actor.audit(tx, {
      action: 'paper.import',
      targetType: 'class',
      targetId: job.klass.id,
      placement,
      binding: job.binding,
      outcome,
      detail: { campaignId: job.campaignId, jobId: job.jobId, ...detail },
    });
  const fail = async (errors: JobError[], rows: number) => {
    await progress.flush();
    await failJob(db, job.jobId, errors);
    await audit(db, 'failure', { rows, errors: errors.length });
  };

  progress.report('parsing', 0, 0);
  // The columns the class's template has: every instrument its students' assignments pin.
  const pinned = await db
    .selectFrom('screening_assignment')
    .select('instruments')
    .distinct()
    .where('campaign_id', '=', job.campaignId)
    .where('class_id', '=', job.klass.id)
    .where('respondent', '=', PAPER_RESPONDENT)
    .execute();
  const versions = pinned.flatMap((p) => p.instruments as Array<{ code: string; version: number }>);
  const defs = await loadPinned(db, [...new Map(versions.map((p) => [`${p.code}@${p.version}`, p])).values()]);
  const sheet = await readSheet(job.file, job.kind, (rows) => progress.report('parsing', rows, 0), paperLayout(defs));
  if ('errors' in sheet) return fail(sheet.errors, 0);
  const total = sheet.rows.length;

  progress.report('validating', 0, total);
  const checked = await validatePaper(
    db,
    { campaignId: job.campaignId, klass: job.klass },
    sheet.header,
    sheet.rows,
    (done) => progress.report('validating', done, total),
  );
  if (checked.errors.length) return fail(checked.errors, total);

  progress.report('applying', 0, total);
  const settings = await getScreeningSettings(db, job.klass.city_id);
  const userId = job.actor.actorId;
  let result;
  try {
    result = await db.transaction().execute(async (tx) => {
      let applied = 0;
      let unchanged = checked.unchanged;
      let alerts = 0;
      for (const record of checked.records) {
        const a = record.assignment;
        // Paper carries no answering time, so the too-fast check has nothing to judge.
        const evaluation = evaluateSubmission(record.defs, record.answers, {
          durationMs: null,
          tierRules: settings.tierRules,
          minSecondsPerItem: settings.minSecondsPerItem,
        });
        const outcome = await storeSubmissionIn(tx, {
          assignment: a,
          submissionId: record.submissionId,
          durationMs: null,
          submittedBy: userId,
          source: 'paper',
          evaluation,
          ruleSetVersion: `${settings.tierRules.id}@${settings.tierRules.version}`,
          audit: ({ responseIds }) =>
            job.actor.auditEntry({
              action: 'screening.submit',
              targetType: 'screening_assignment',
              targetId: a.id,
              placement: { cityId: a.city_id, districtId: a.district_id, schoolId: a.school_id },
              binding: job.binding,
              detail: {
                campaignId: a.campaign_id,
                submissionId: record.submissionId,
                source: 'paper',
                jobId: job.jobId,
                instruments: record.defs.map((d) => `${d.code}@${d.version}`),
                responseIds,
              },
            }),
        });
        if (outcome.kind === 'stored') {
          applied++;
          if (outcome.alertId) alerts++;
        } else if (await findSubmission(tx, a.id, record.submissionId)) unchanged++;
        else throw new RowTaken(record);
        progress.report('applying', applied + unchanged, total);
      }
      const counts = { applied, unchanged, skipped: checked.skipped, alerts };
      await audit(tx, 'success', { rows: total, ...counts });
      return counts;
    });
  } catch (err) {
    if (!(err instanceof RowTaken)) throw err;
    const field = sheet.header.written.studentNo ?? STUDENT_NO_HEADER(sheet.header.locale);
    const studentNo = await db
      .selectFrom('student')
      .select('student_no')
      .where('id', '=', err.record.assignment.student_id)
      .executeTakeFirstOrThrow();
    return fail(
      [{ row: err.record.row, field, message: paperMessage('assignment.online', { value: studentNo.student_no }) }],
      total,
    );
  }
  await progress.flush();
  await succeedJob(db, job.jobId, result, total);
}
