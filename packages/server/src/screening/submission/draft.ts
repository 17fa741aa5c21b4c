import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import type { AnswerMap } from './answers.js';
import type { AssignmentRow } from './assignment.js';

export interface DraftPosition {
  instrument: string;
  item: number;
}

/** A day: the most answering time one questionnaire can add up to (the submit schema's bound). */
export const MAX_ACTIVE_MS = 86_400_000;

/** The answering time the drafts added up, for the "too fast" check at submit. */
export async function draftActiveMs(db: Kysely<Database>, assignmentId: string): Promise<number | null> {
  const row = await db
    .selectFrom('response_draft')
    .select('active_ms')
    .where('assignment_id', '=', assignmentId)
    .executeTakeFirst();
  return row?.active_ms ?? null;
}

/**
 * Autosave in one statement: upsert the draft and mark the assignment started. Runs every few seconds per
 * student during a city-wide screening, so it is neither audited nor split into round trips. A save racing
 * a submit cannot resurrect the draft of a completed assignment.
 */
export async function saveDraft(
  db: Kysely<Database>,
  a: Pick<AssignmentRow, 'id' | 'district_id' | 'school_id'>,
  answers: AnswerMap,
  position: DraftPosition | null,
  activeMs = 0,
): Promise<Date | null> {
  const result = await sql<{ updated_at: Date }>`
    with started as (
      update screening_assignment set status = 'in_progress', started_at = coalesce(started_at, now())
       where id = ${a.id} and status = 'pending'
    )
    insert into response_draft (assignment_id, answers, position, district_id, school_id, updated_at, active_ms)
    select ${a.id}, ${JSON.stringify(answers)}::jsonb, ${position === null ? null : JSON.stringify(position)}::jsonb, ${a.district_id}, ${a.school_id}, now(), ${activeMs}::int
     where exists (select 1 from screening_assignment where id = ${a.id} and status in ('pending', 'in_progress'))
    on conflict (assignment_id) do update set answers = excluded.answers, position = excluded.position, updated_at = excluded.updated_at,
      active_ms = least(response_draft.active_ms + excluded.active_ms, ${MAX_ACTIVE_MS}::int)
    returning updated_at
  `.execute(db);
  return result.rows[0]?.updated_at ?? null;
}
