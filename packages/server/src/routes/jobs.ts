import { authorize } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound } from '../http/problem.js';
import { IdParams, Nullable } from '../http/schemas.js';
import { findJob, JOB_KIND_ACTION, JobResultSchema, jobView, retireIfStale, type JobRow } from '../jobs/jobs.js';
import { jobRunnerFor } from '../jobs/runner.js';

const JobView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('failed'),
    Type.Literal('succeeded'),
  ]),
  phase: Nullable(Type.String()),
  processed: Type.Integer(),
  total: Type.Integer(),
  result: Nullable(JobResultSchema),
  errors: Nullable(Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() }))),
});

export async function jobsRoutes(api: Api, { db }: AppDeps) {
  const runner = jobRunnerFor(db);
  api.addHook('onClose', async () => runner.close());

  api.get(
    '/v1/jobs/:id',
    {
      // The gate only asks for a session: who may read a job depends on the job (see mayRead).
      config: { policy: 'authenticated' },
      schema: { tags: ['jobs'], params: IdParams, response: { 200: JobView } },
    },
    async (req) => {
      const job = await findJob(db, req.params.id);
      if (!job || !mayRead(req.signedIn!.account.id, req.access.actor, job)) throw notFound();
      return jobView(await retireIfStale(db, job, (id) => runner.isLive(id)), requestLocale(req));
    },
  );
}

/**
 * The creator, or whoever holds the job's own action over the job's school: a job's report repeats the
 * uploaded students' data, so it is as private as the roster. Anyone else learns nothing, not even that
 * the job exists (404).
 */
function mayRead(userId: string, actor: Parameters<typeof authorize>[0], job: JobRow): boolean {
  if (job.created_by === userId) return true;
  const action = JOB_KIND_ACTION[job.kind];
  if (!action) return false;
  return authorize(actor, action, { cityId: job.city_id, districtId: job.district_id, schoolId: job.school_id })
    .allowed;
}
