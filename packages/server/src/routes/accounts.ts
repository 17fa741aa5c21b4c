import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { loadAccount, requireMayTakeOver, resetAccountPassword, unlockAccount } from '../accounts/account-admin.js';
import { issueClassCredentials } from '../accounts/class-credentials.js';
import { BATCH_KEPT_DAYS, keepBatch, latestBatch, slipsOf } from '../accounts/credential-batches.js';
import { attachmentHeader } from '../accounts/content-disposition.js';
import { renderSlipFile, SLIP_FILE_TYPES, type SlipFile, type SlipFormat } from '../accounts/slip-file.js';
import { ta } from '../accounts/messages.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound, Problem } from '../http/problem.js';
import { PageQuery, paged, Uuid } from '../http/schemas.js';
import { placementOfUnit } from '../org/placement.js';
import { placementOf } from '../org/placement.js';

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

  /** The class, or a 404 that does not say whether it exists elsewhere; with the caller's print binding. */
  async function printableClass(req: FastifyRequest, classId: string) {
    const klass = await db
      .selectFrom('org_unit')
      .selectAll()
      .where('id', '=', classId)
      .where('kind', '=', 'class')
      .executeTakeFirst();
    if (!klass) throw notFound();
    const placement = placementOfUnit(klass);
    const binding = req.access.require('account.print', placement);
    return { klass, placement, binding };
  }

  const fileAudience = (req: FastifyRequest) => ({
    locale: requestLocale(req),
    signInUrl: `${req.protocol}://${req.host}/login`,
  });

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
      const { format, scope } = req.body;
      const { klass, placement, binding } = await printableClass(req, req.params.classId);
      // Issuing and rendering share the transaction: passwords change only if the caller gets them. The slips
      // are kept (encrypted) so the other format, or the same file again, comes from this batch unchanged.
      const { file, batchId } = await db.transaction().execute(async (tx) => {
        const issued = await issueClassCredentials(tx, klass, scope, req.signedIn!.account.id);
        const file = await renderSlipFile(tx, klass, issued.slips, format, fileAudience(req));
        const batchId = await keepBatch(tx, klass, {
          scope,
          slips: issued.slips,
          issuedBy: req.signedIn!.account.id,
          now: new Date(),
        });
        await auditRequest(tx, req, {
          action: 'account.print',
          targetType: 'class',
          targetId: klass.id,
          placement,
          binding,
          detail: {
            batchId,
            count: issued.slips.length,
            format,
            scope,
            created: issued.created,
            reset: issued.reset,
            skipped: issued.skipped,
          },
        });
        return { file, batchId };
      });
      return sendFile(reply, format, file, batchId);
    },
  );

  const noBatch = (req: FastifyRequest) =>
    new Problem('not-found', { detail: ta('batch.none', requestLocale(req), { days: BATCH_KEPT_DAYS }) });

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
      await printableClass(req, req.params.classId);
      const batch = await latestBatch(db, req.params.classId, new Date());
      if (!batch) throw noBatch(req);
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
      const { klass, placement, binding } = await printableClass(req, req.params.classId);
      const batch = await latestBatch(db, klass.id, new Date());
      if (!batch) throw noBatch(req);
      const file = await renderSlipFile(db, klass, await slipsOf(db, batch.id), format, fileAudience(req));
      // Handing out passwords again is a disclosure like the first: audited with the batch it came from.
      await auditRequest(db, req, {
        action: 'account.print',
        targetType: 'class',
        targetId: klass.id,
        placement,
        binding,
        detail: { batchId: batch.id, count: batch.count, format, scope: batch.scope, again: true },
      });
      return sendFile(reply, format, file, batch.id);
    },
  );

  const LockedQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
  api.get(
    '/v1/accounts/locked',
    {
      config: { policy: 'account.manage' },
      schema: { tags: ['accounts'], querystring: LockedQuery, response: { 200: paged(LockedItem) } },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const query = db
        .selectFrom('user_account')
        .where('locked_until', '>', new Date())
        .where(
          req.access.filter('account.manage', {
            city: 'city_id',
            district: 'district_id',
            school: 'school_id',
            person: 'student_id',
          }),
        );
      const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
      const rows = await query
        .select(['id', 'username', 'display_name', 'locked_until', 'failed_attempts'])
        .orderBy('locked_until', 'desc')
        .orderBy('username')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        items: rows.map((r) => ({
          userId: r.id,
          username: r.username,
          displayName: r.display_name,
          lockedUntil: r.locked_until!.toISOString(),
          failedAttempts: r.failed_attempts,
        })),
        total: Number(total),
        page,
        pageSize,
      };
    },
  );

  api.post(
    '/v1/accounts/:userId/unlock',
    { config: { policy: 'account.manage' }, schema: { tags: ['accounts'], params: UserParams } },
    async (req, reply) => {
      const account = await loadAccount(db, req.params.userId);
      if (!account) throw notFound();
      const placement = placementOf(account);
      const binding = req.access.require('account.manage', placement);
      await db.transaction().execute(async (tx) => {
        await unlockAccount(tx, account.id);
        await auditRequest(tx, req, {
          action: 'account.unlock',
          targetType: 'account',
          targetId: account.id,
          placement,
          binding,
        });
      });
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
      const account = await loadAccount(db, req.params.userId);
      if (!account) throw notFound();
      const placement = placementOf(account);
      const binding = req.access.require('account.manage', placement);
      await requireMayTakeOver(db, req.access.actor, account.id, 'password');
      const temporaryPassword = await db.transaction().execute(async (tx) => {
        const password = await resetAccountPassword(tx, account.id);
        await auditRequest(tx, req, {
          action: 'account.reset_password',
          targetType: 'account',
          targetId: account.id,
          placement,
          binding,
        });
        return password;
      });
      reply.header('cache-control', 'no-store');
      return { temporaryPassword };
    },
  );
}
