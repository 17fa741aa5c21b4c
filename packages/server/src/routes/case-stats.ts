import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { Uuid } from '../http/schemas.js';
import { caseStatistics } from '../cases/case-statistics.js';
import { requestContext } from '../services/context.js';

const Counts = Type.Record(Type.String(), Type.Integer());
const SchoolRow = Type.Object({
  schoolId: Type.String(),
  schoolName: Type.String(),
  districtId: Type.String(),
  active: Type.Integer(),
  byState: Counts,
  byTier: Counts,
  overdueFollowUps: Type.Integer(),
});

export async function caseStatsRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/case-stats',
    {
      config: { policy: 'case.stats' },
      schema: {
        tags: ['cases'],
        querystring: Type.Object(
          { districtId: Type.Optional(Uuid), schoolId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            schools: Type.Array(SchoolRow),
            total: Type.Object({
              active: Type.Integer(),
              overdueFollowUps: Type.Integer(),
              byState: Counts,
              byTier: Counts,
            }),
          }),
        },
      },
    },
    async (req) => caseStatistics(requestContext(req, db), req.query),
  );
}
