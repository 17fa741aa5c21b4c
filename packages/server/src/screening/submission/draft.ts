import { sql, type Kysely } from 'kysely';
import { batchedLookup } from '../../db/batched-lookup.js';
import { compiledOnce } from '../../db/compiled-once.js';
import type { Database } from '../../db/types.js';
import type { AnswerMap } from './answers.js';
import type { AssignmentRow } from './assignment.js';

export interface DraftPosition {
  instrument: string;
  item: number;
}

/** A day: the most answering time one questionnaire can add up to (the submit schema's bound). */
export const MAX_ACTIVE_MS = 86_400_000;

/**
 * The drafts of questionnaires opened together, by one statement (db/batched-lookup.ts): every questionnaire
 * fetch reads its draft, hundreds a second on a screening morning.
 */
const draftsOf = compiledOnce((db: Kysely<Database>, assignmentIds: string[]) =>
  db
    .selectFrom(
      sql<{
        assignment_id: string;
        turn: string;
      }>`(select * from unnest(${assignmentIds}::uuid[]) with ordinality as u (assignment_id, turn))`.as('q'),
    )
    .innerJoin('response_draft as d', 'd.assignment_id', 'q.assignment_id')
    .select(['q.turn', 'd.answers', 'd.position', 'd.updated_at']),
);
const draftFinder = batchedLookup((db, assignmentIds: readonly string[]) => draftsOf(db, [...assignmentIds]));

/** The saved draft of an assignment (a stored assignment's id), or null. */
export async function loadDraft(db: Kysely<Database>, assignmentId: string) {
  const found = db.isTransaction ? (await draftsOf(db, [assignmentId]))[0] : await draftFinder(db).load(assignmentId);
  if (!found) return null;
  const { turn: _turn, ...draft } = found;
  return draft;
}

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
