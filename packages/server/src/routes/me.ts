import type { Api } from '../http/api.js';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { readOwnProfiles } from '../org/student-profile.js';
import { requestContext } from '../services/context.js';

const ChildView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  studentNo: Type.String(),
  schoolName: Type.String(),
  gradeName: Type.String(),
  className: Type.String(),
});

export async function meRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/me/profile',
    {
      config: { policy: 'self.read' },
      schema: { tags: ['me'], response: { 200: Type.Object({ children: Type.Array(ChildView) }) } },
    },
    async (req) => readOwnProfiles(requestContext(req, db)),
  );
}
