import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { loadAccount, requireMayTakeOver, resetAccountPassword, unlockAccount } from '../accounts/account-admin.js';
import { issueClassCredentials } from '../accounts/class-credentials.js';
import { attachmentHeader, chinaDate } from '../accounts/content-disposition.js';
import { ta } from '../accounts/messages.js';
import { renderSlipsPdf } from '../accounts/slips-pdf.js';
import { renderSlipsXlsx } from '../accounts/slips-xlsx.js';
import type { SlipSheet } from '../accounts/slips.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound } from '../http/problem.js';
import { PageQuery, paged, Uuid } from '../http/schemas.js';
import { placementOfUnit } from '../org/placement.js';
import { placementOf } from '../org/placement.js';

const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const UserParams = Type.Object({ userId: Uuid });

const LockedItem = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  lockedUntil: Type.String(),
  failedAttempts: Type.Integer(),
});

export async function accountsRoutes(api: Api, { db }: AppDeps) {
  const CredentialsBody = Type.Object(
    {
      format: Type.Union([Type.Literal('pdf'), Type.Literal('xlsx')]),
      scope: Type.Union([Type.Literal('new'), Type.Literal('all')]),
    },
    { additionalProperties: false },
  );
  api.post(
    '/v1/accounts/classes/:classId/credentials',
    {
      config: { policy: 'account.print' },
      schema: { tags: ['accounts'], params: Type.Object({ classId: Uuid }), body: CredentialsBody },
    },
    async (req, reply) => {
      const { format, scope } = req.body;
      const klass = await db
        .selectFrom('org_unit')
        .selectAll()
        .where('id', '=', req.params.classId)
        .where('kind', '=', 'class')
        .executeTakeFirst();
      if (!klass) throw notFound();
      const placement = placementOfUnit(klass);
      const binding = req.access.require('account.print', placement);
      const locale = requestLocale(req);
      const [school, grade] = await Promise.all([
        db
          .selectFrom('org_unit')
          .select(['name_zh', 'name_en'])
          .where('id', '=', klass.school_id!)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('org_unit')
          .select(['name_zh', 'name_en'])
          .where('id', '=', klass.grade_id!)
          .executeTakeFirstOrThrow(),
      ]);
      const en = locale === 'en';
      const className = en
        ? `${grade.name_en ?? grade.name_zh} ${klass.name_en ?? klass.name_zh}`
        : `${grade.name_zh}${klass.name_zh}`;

      // The file is produced inside the transaction: passwords change only if the caller gets them.
      const file = await db.transaction().execute(async (tx) => {
        const issued = await issueClassCredentials(tx, klass, scope, req.signedIn!.account.id);
        const sheet: SlipSheet = {
          schoolName: en ? (school.name_en ?? school.name_zh) : school.name_zh,
          className,
          signInUrl: `${req.protocol}://${req.host}/login`,
          locale,
          slips: issued.slips,
        };
        const bytes = format === 'pdf' ? await renderSlipsPdf(sheet) : await renderSlipsXlsx(sheet);
        await auditRequest(tx, req, {
          action: 'account.print',
          targetType: 'class',
          targetId: klass.id,
          placement,
          binding,
          detail: {
            count: issued.slips.length,
            format,
            scope,
            created: issued.created,
            reset: issued.reset,
            skipped: issued.skipped,
          },
        });
        return bytes;
      });

      const date = chinaDate();
      const filename = `${className}-${ta('file.accounts', locale)}-${date}.${format}`;
      return reply
        .header('content-type', FILE_TYPES[format])
        .header('content-disposition', attachmentHeader(filename, `class-accounts-${date}.${format}`))
        .header('cache-control', 'no-store')
        .send(file);
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
