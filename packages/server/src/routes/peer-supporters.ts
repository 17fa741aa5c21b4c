import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';
import { appointPeerSupporter, listPeerSupporters, removePeerSupporter } from '../staff/peer-supporters.js';

const ClassParams = Type.Object({ classId: Uuid });
const PeerSupporterView = Type.Object({
  studentId: Type.String(),
  name: Type.String(),
  studentNo: Type.String(),
  appointedAt: Type.String({ format: 'date-time' }),
});

export async function peerSupportersRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/classes/:classId/peer-supporters',
    {
      config: { policy: 'peer.appoint' },
      schema: { tags: ['staff'], params: ClassParams, response: { 200: Type.Array(PeerSupporterView) } },
    },
    (req) => listPeerSupporters(requestContext(req, db), req.params.classId),
  );

  api.post(
    '/v1/classes/:classId/peer-supporters',
    {
      config: { policy: 'peer.appoint' },
      schema: {
        tags: ['staff'],
        params: ClassParams,
        body: Type.Object({ studentId: Uuid }, { additionalProperties: false }),
        description:
          "Appoints a student of the class as its peer supporter (心理委员): the student's account gets the peer_supporter role on the class. Appointing one who already is answers 200.",
        response: { 200: Type.Array(PeerSupporterView), 201: Type.Array(PeerSupporterView) },
      },
    },
    async (req, reply) => {
      const ctx = requestContext(req, db);
      const { created } = await appointPeerSupporter(ctx, req.params.classId, req.body.studentId);
      return reply.code(created ? 201 : 200).send(await listPeerSupporters(ctx, req.params.classId));
    },
  );

  api.delete(
    '/v1/classes/:classId/peer-supporters/:studentId',
    {
      config: { policy: 'peer.appoint' },
      schema: { tags: ['staff'], params: Type.Object({ classId: Uuid, studentId: Uuid }) },
    },
    async (req, reply) => {
      await removePeerSupporter(requestContext(req, db), req.params.classId, req.params.studentId);
      return reply.code(204).send();
    },
  );
}
