import { SWEEP_SEASONS } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { checkSweepItem, listSweeps, readSweep, startSweep } from '../cases/sweeps.js';
import type { Api } from '../http/api.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

const SweepSummary = Type.Object({
  id: Type.String(),
  schoolId: Type.String(),
  season: Type.Enum([...SWEEP_SEASONS]),
  createdAt: Type.String(),
  items: Type.Integer(),
  checked: Type.Integer(),
});
const SweepItem = Type.Object({
  id: Type.String(),
  student: Type.Object({
    id: Type.String(),
    name: Type.String(),
    studentNo: Type.String(),
    className: Type.String(),
    gradeName: Type.String(),
  }),
  reasons: Type.Array(Type.String({ description: 'tier_2 | tier_3 | open_case | care_tags' })),
  checkedAt: Type.Union([Type.String(), Type.Null()]),
});

/**
 * 季节性排查: before exams, at the start of the year, in spring and before graduation, the school lists
 * every student at tier 2–3, with an active case or with care tags, and head teachers check their own.
 */
export async function sweepsRoutes(api: Api, { db }: AppDeps) {
  api.post(
    '/v1/sweeps',
    {
      config: { policy: 'sweep.manage' },
      schema: {
        tags: ['sweeps'],
        body: Type.Object(
          { schoolId: Uuid, season: Type.Union(SWEEP_SEASONS.map((s) => Type.Literal(s))) },
          { additionalProperties: false },
        ),
        response: { 201: SweepSummary },
      },
    },
    async (req, reply) => {
      const sweep = await startSweep(requestContext(req, db), req.body.schoolId, req.body.season);
      reply.code(201);
      return sweep;
    },
  );

  api.get(
    '/v1/sweeps',
    {
      config: { policy: 'sweep.read' },
      schema: { tags: ['sweeps'], response: { 200: Type.Object({ items: Type.Array(SweepSummary) }) } },
    },
    (req) => listSweeps(requestContext(req, db)),
  );

  api.get(
    '/v1/sweeps/:id',
    {
      config: { policy: 'sweep.read' },
      schema: {
        tags: ['sweeps'],
        params: IdParams,
        response: { 200: Type.Object({ ...SweepSummary.properties, list: Type.Array(SweepItem) }) },
      },
    },
    (req) => readSweep(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/sweep-items/:id/check',
    {
      config: { policy: 'sweep.check' },
      schema: {
        tags: ['sweeps'],
        params: IdParams,
        body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), checkedAt: Type.String() }) },
      },
    },
    (req) => checkSweepItem(requestContext(req, db), req.params.id, req.body.note),
  );
}
