import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { listLockedAccounts, resetManagedPassword, unlockManagedAccount } from '../accounts/account-care.js';
import { currentClassBatch, issueClassSlips, reissueClassSlips } from '../accounts/class-slips.js';
import { attachmentHeader } from '../accounts/content-disposition.js';
import { SLIP_FILE_TYPES, type SlipFile, type SlipFormat } from '../accounts/slip-file.js';
import type { Api } from '../http/api.js';
import { PageQuery, paged, Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

const UserParams = Type.Object({ userId: Uuid });

const LockedItem = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  lockedUntil: Type.String(),
  failedAttempts: Type.Integer(),
});

export async function accountsRoutes(api: Api, { db }: AppDeps) {
  const SlipFormatSchema = Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]);
  const CredentialsBody = Type.Object(
    {
      format: SlipFormatSchema,
      scope: Type.Union([Type.Literal('new'), Type.Literal('all')]),
    },
    { additionalProperties: false },
  );
  const ClassParams = Type.Object({ classId: Uuid });

  const audience = (req: FastifyRequest) => ({ signInUrl: `${req.protocol}://${req.host}/login` });

  const sendFile = (reply: FastifyReply, format: SlipFormat, file: SlipFile, batchId: string) =>
    reply
      .header('content-type', SLIP_FILE_TYPES[format])
      .header('content-disposition', attachmentHeader(file.filename, file.asciiName))
      .header('cache-control', 'no-store')
      .header('x-credential-batch', batchId)
      .send(file.bytes);

  api.post(
    '/v1/accounts/classes/:classId/credentials',
    {
      config: { policy: 'account.print' },
      schema: { tags: ['accounts'], params: ClassParams, body: CredentialsBody },
    },
    async (req, reply) => {
      const { file, batchId } = await issueClassSlips(
        requestContext(req, db),
        req.params.classId,
        req.body,
        audience(req),
      );
      return sendFile(reply, req.body.format, file, batchId);
    },
  );

  api.get(
    '/v1/accounts/classes/:classId/credential-batch',
    {
      config: { policy: 'account.print' },
      schema: {
        tags: ['accounts'],
        params: ClassParams,
        response: {
          200: Type.Object({
            id: Type.String(),
            scope: Type.Union([Type.Literal('new'), Type.Literal('all')]),
            count: Type.Integer(),
            issuedAt: Type.String(),
            expiresAt: Type.String(),
            issuedBy: Type.Object({ id: Type.String(), name: Type.String() }),
          }),
        },
      },
    },
    async (req) => {
      const batch = await currentClassBatch(requestContext(req, db), req.params.classId);
      return { ...batch, issuedAt: batch.issuedAt.toISOString(), expiresAt: batch.expiresAt.toISOString() };
    },
  );

  api.get(
    '/v1/accounts/classes/:classId/credential-batch/file',
    {
      config: { policy: 'account.print' },
      schema: {
        tags: ['accounts'],
        params: ClassParams,
        querystring: Type.Object({ format: SlipFormatSchema }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      const { file, batchId } = await reissueClassSlips(
        requestContext(req, db),
        req.params.classId,
        format,
        audience(req),
      );
      return sendFile(reply, format, file, batchId);
    },
  );

  const LockedQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
  api.get(
    '/v1/accounts/locked',
    {
      config: { policy: 'account.manage' },
      schema: { tags: ['accounts'], querystring: LockedQuery, response: { 200: paged(LockedItem) } },
    },
    async (req) => listLockedAccounts(requestContext(req, db), req.query.page ?? 1, req.query.pageSize ?? 20),
  );

  api.post(
    '/v1/accounts/:userId/unlock',
    { config: { policy: 'account.manage' }, schema: { tags: ['accounts'], params: UserParams } },
    async (req, reply) => {
      await unlockManagedAccount(requestContext(req, db), req.params.userId);
      return reply.code(204).send();
    },
  );

  api.post(
    '/v1/accounts/:userId/reset-password',
    {
      config: { policy: 'account.manage' },
      schema: {
        tags: ['accounts'],
        params: UserParams,
        response: { 200: Type.Object({ temporaryPassword: Type.String() }) },
      },
    },
    async (req, reply) => {
      const temporaryPassword = await resetManagedPassword(requestContext(req, db), req.params.userId);
      reply.header('cache-control', 'no-store');
      return { temporaryPassword };
    },
  );
}
