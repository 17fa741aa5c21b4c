import type { RoleBinding } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import type { ElsewhereRow } from '../roster/apply.js';
import type { ServiceContext } from '../services/context.js';
import { noticeIncoming, noticeSummaryRequested } from './notices.js';
import { defaultKind } from './requests.js';
import { openCaseOf } from './store.js';

/**
 * A roster import names students of another school (a 升学 class list, a transfer): instead of refusing
 * the file, the importing school asks for each of them, in the import's transaction. The sending school's
 * psychology teachers are asked for the hand-over summary, the receiving ones told a request is waiting;
 * an open case is to be handed over, never dropped. A student already asked for is not asked for twice.
 */
export async function raiseImportTransfers(
  tx: Kysely<Database>,
  job: {
    school: Pick<OrgUnit, 'id' | 'city_id' | 'district_id'>;
    actor: Pick<ServiceContext, 'audit' | 'actorId'>;
    binding: RoleBinding;
    jobId: string;
  },
  rows: readonly ElsewhereRow[],
): Promise<number> {
  let raised = 0;
  for (const { record, student } of rows) {
    const waiting = await tx
      .selectFrom('transfer')
      .select(['id', 'to_school_id'])
      .where('student_id', '=', student.id)
      .where('status', '=', 'requested')
      .executeTakeFirst();
    if (waiting) {
      if (waiting.to_school_id === job.school.id) raised++;
      continue;
    }
    const openCase = await openCaseOf(tx, student.id);
    const t = await tx
      .insertInto('transfer')
      .values({
        city_id: student.city_id,
        student_id: student.id,
        kind: await defaultKind(tx, student),
        via: 'import',
        case_disposition: openCase ? 'hand_over' : null,
        from_district_id: student.district_id,
        from_school_id: student.school_id,
        from_grade_id: student.grade_id,
        from_class_id: student.class_id,
        to_district_id: job.school.district_id!,
        to_school_id: job.school.id,
        to_class_id: record.classId,
        requested_by: job.actor.actorId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await job.actor.audit(tx, {
      action: 'transfer.request',
      targetType: 'transfer',
      targetId: t.id,
      placement: { cityId: job.school.city_id, districtId: job.school.district_id, schoolId: job.school.id },
      binding: job.binding,
      detail: {
        studentId: student.id,
        fromSchoolId: student.school_id,
        via: 'import',
        jobId: job.jobId,
        row: record.row,
      },
    });
    await noticeIncoming(tx, t);
    await noticeSummaryRequested(tx, t);
    raised++;
  }
  return raised;
}
