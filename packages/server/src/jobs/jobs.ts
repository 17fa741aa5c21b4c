import type { Action } from '@yuxin/core';
import { sql, type Kysely, type Selectable } from 'kysely';
import { Type, type Static } from 'typebox';
import type { Database, JobTable } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { JOB_MESSAGES, localized, type Localized } from './messages.js';

export type JobRow = Selectable<JobTable>;

/**
 * What each kind of job reports on success, counts by outcome: the API documents these shapes so the web
 * reads them from the contract. A roster import, a paper import, a year-end rollover.
 */
export const JobResultSchema = Type.Union([
  Type.Object({
    created: Type.Integer(),
    updated: Type.Integer(),
    moved: Type.Integer(),
    unchanged: Type.Integer(),
    transfersRequested: Type.Optional(
      Type.Integer({ description: "Rows naming another school's student: a transfer request was raised instead" }),
    ),
  }),
  Type.Object({
    applied: Type.Integer({ description: 'Answer sheets stored' }),
    unchanged: Type.Integer({ description: 'Already stored by an earlier import of the same sheet' }),
    skipped: Type.Integer({ description: 'Rows of absent students, left empty' }),
    alerts: Type.Integer({ description: 'Crisis alerts raised' }),
  }),
  Type.Object({
    promoted: Type.Integer({ description: 'Students moved up a grade' }),
    graduated: Type.Integer({ description: "Students who finished their school's final grade" }),
    unplaced: Type.Integer({ description: 'Students left where they were: their grade has no level in the stage' }),
    classesCreated: Type.Integer({ description: 'Grades and classes created for the students moving up' }),
  }),
]);
export type JobResult = Static<typeof JobResultSchema>;

/** One problem found by a job, kept in both languages so the report can be read in either. */
export interface JobError {
  /** Spreadsheet row as the user sees it (header = 1); 0 for a problem with the whole job. */
  row: number;
  /** The column header as written in the uploaded file; empty for the whole job. */
  field: string;
  message: Localized;
}

/**
 * Who besides the creator may read a job: holders of the action that starts it, in a scope containing
 * the job's school. Kinds not listed here are readable by their creator only.
 */
export const JOB_KIND_ACTION: Record<string, Action> = {
  roster_import: 'roster.import',
  paper_import: 'paper.import',
  year_rollover: 'org.manage',
};

/**
 * A job not touched for this long while queued or running has lost its process: progress is written at
 * least every 1,000 rows and live jobs are touched every HEARTBEAT_MS, so a live job never gets this old.
 */
export const STALE_AFTER_MS = 10 * 60 * 1000;
export const HEARTBEAT_MS = 60 * 1000;

export async function createJob(
  db: Kysely<Database>,
  job: {
    kind: string;
    createdBy: string;
    cityId: string;
    districtId: string | null;
    schoolId: string | null;
    /** The process that will run it: JobRunner.owner. */
    owner: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('job')
    .values({
      kind: job.kind,
      status: 'queued',
      created_by: job.createdBy,
      city_id: job.cityId,
      district_id: job.districtId,
      school_id: job.schoolId,
      owner: job.owner,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function succeedJob(db: Kysely<Database>, id: string, result: JobResult, total: number) {
  await db
    .updateTable('job')
    .set({
      status: 'succeeded',
      phase: 'done',
      processed: total,
      total,
      result: JSON.stringify(result),
      errors: null,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function failJob(db: Kysely<Database>, id: string, errors: JobError[]) {
  await db
    .updateTable('job')
    .set({ status: 'failed', errors: JSON.stringify(errors), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export function jobFailure(message: Localized, params?: Record<string, string | number>): JobError {
  return { row: 0, field: '', message: localized(message, params) };
}

/**
 * Progress for pollers. Writes are fired, not awaited, and coalesced to the latest numbers: the caller
 * may be inside a long transaction, and on PGlite (one session) awaiting a write from there would wait
 * for that very transaction. `flush()` resolves once every report so far is stored.
 */
export class JobProgress {
  private pending: { phase: string; processed: number; total: number } | null = null;
  private chain: Promise<void> = Promise.resolve();
  private writing = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly id: string,
  ) {}

  report(phase: string, processed: number, total: number) {
    this.pending = { phase, processed, total };
    if (this.writing) return;
    this.writing = true;
    this.chain = this.chain.then(() => this.writeLatest());
  }

  flush(): Promise<void> {
    return this.chain;
  }

  private async writeLatest() {
    while (this.pending) {
      const p = this.pending;
      this.pending = null;
      try {
        await this.db
          .updateTable('job')
          .set({ status: 'running', phase: p.phase, processed: p.processed, total: p.total, updated_at: new Date() })
          .where('id', '=', this.id)
          .where('status', 'in', ['queued', 'running'])
          .execute();
      } catch {
        // Progress is advisory; the job's outcome is written separately and reports its own errors.
      }
    }
    this.writing = false;
  }
}

export function findJob(db: Kysely<Database>, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A job queued or running that no process has touched for STALE_AFTER_MS lost its process: it is
 * recorded as failed (nothing was applied: the apply is one transaction) and returned as such.
 */
export async function retireIfStale(
  db: Kysely<Database>,
  job: JobRow,
  isLiveHere: (id: string) => boolean,
): Promise<JobRow> {
  if ((job.status !== 'queued' && job.status !== 'running') || isLiveHere(job.id)) return job;
  if (Date.now() - job.updated_at.getTime() < STALE_AFTER_MS) return job;
  await db
    .updateTable('job')
    .set({ status: 'failed', errors: JSON.stringify([jobFailure(JOB_MESSAGES.interrupted)]), updated_at: new Date() })
    .where('id', '=', job.id)
    .where('status', 'in', ['queued', 'running'])
    .where('updated_at', '<', new Date(Date.now() - STALE_AFTER_MS))
    .execute();
  return (await findJob(db, job.id)) ?? job;
}

/** Keeps jobs this process holds from looking abandoned to other nodes while they wait or work. */
/**
 * At start: jobs an earlier process of this node left queued or running died with it (nothing was applied:
 * an apply is one transaction), so they are failed now, telling the uploader to upload again, rather than
 * showing "running" until they go stale. With `soleNode` (the embedded database, which one process owns)
 * every job not this process's own is such a job. Returns how many were failed.
 */
export async function failInterruptedJobs(
  db: Kysely<Database>,
  me: { node: string; owner: string; soleNode: boolean },
): Promise<number> {
  const rows = await db
    .updateTable('job')
    .set({ status: 'failed', errors: JSON.stringify([jobFailure(JOB_MESSAGES.interrupted)]), updated_at: new Date() })
    .where('status', 'in', ['queued', 'running'])
    .where((eb) =>
      me.soleNode
        ? eb.or([eb('owner', 'is', null), eb('owner', '!=', me.owner)])
        : eb.and([eb('owner', 'like', `${me.node.replace(/[\\%_]/g, '\\$&')}/%`), eb('owner', '!=', me.owner)]),
    )
    .returning('id')
    .execute();
  return rows.length;
}

export async function touchJobs(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .updateTable('job')
    .set({ updated_at: sql<Date>`now()` })
    .where('id', 'in', ids)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

export function jobView(job: JobRow, locale: Locale) {
  const errors = Array.isArray(job.errors) ? (job.errors as JobError[]) : null;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    phase: job.phase,
    processed: job.processed,
    total: job.total,
    result: (job.result as JobResult | null) ?? null,
    errors: errors
      ? errors.map((e) => ({ row: e.row, field: e.field, message: e.message[locale] ?? e.message['zh-CN'] }))
      : null,
  };
}
