import { STAFF_ROLES, type Role, type ScopeLevel } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { loadAccount } from '../accounts/account-admin.js';
import { auditRequest } from '../audit/request-audit.js';
import { hashPassword, isStrongEnough } from '../auth/passwords.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { fieldProblem, notFound } from '../http/problem.js';
import { IdParams, Nullable, PageQuery, paged, Uuid } from '../http/schemas.js';
import { localizedField, requireGrantable, requireRoleFitsAccount } from '../staff/grant-rules.js';
import { resolveBindingScope, resolveGrantTarget, type ResolvedScope } from '../staff/scope-resolver.js';
import { decideGrantRequest, listGrantRequests, openGrantRequest } from '../staff/grant-requests.js';
import { listStaff } from '../staff/staff-list.js';
import { registrySchoolYear, updateStaffRegistry } from '../staff/registry.js';
import { importStaffRegistry } from '../staff/registry-import.js';
import { registryImportText, registryTemplateFileName, registryTemplateXlsx } from '../staff/registry-import-sheet.js';
import { sheetImportRoutes } from '../http/sheet-import-routes.js';
import { requestContext } from '../services/context.js';
import { findBinding, grantBinding, insertStaffAccount, revokeBinding } from '../staff/staff-writes.js';
import { placementOf } from '../org/placement.js';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
// Students and guardians get their accounts from the roster and credentials flows; a peer supporter is a student.
const NEW_STAFF_ROLES = STAFF_ROLES.filter((r) => r !== 'peer_supporter');

const BindingView = Type.Object({
  id: Type.String(),
  role: Type.String(),
  scope: Type.Object({ level: Type.String(), id: Type.String(), name: Type.String() }),
});
const CertificateLevel = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')]);
const RegistryFields = {
  /** 专职 (true) or 兼职 (false); null when not recorded. The staffing indicators count full-time psychology teachers. */
  fullTime: Nullable(Type.Boolean()),
  /** Certificate level A–D (Changchun). */
  certificateLevel: Nullable(CertificateLevel),
  qualification: Nullable(Type.String({ maxLength: 100 })),
};
const Hours = Nullable(Type.Number({ minimum: 0, maximum: 2000 }));
/** One school year's training hours and case supervision (督导) hours; null hours: not recorded. */
const TrainingYear = Type.Object(
  {
    schoolYear: Type.String({ maxLength: 9, pattern: '^\\d{4}-\\d{4}$' }),
    hours: Hours,
    supervisionHours: Hours,
  },
  { additionalProperties: false },
);
const RegistryView = Type.Object({ ...RegistryFields, training: TrainingYear });
const StaffItem = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  name: Type.String(),
  bindings: Type.Array(BindingView),
  disabled: Type.Boolean(),
  ...RegistryFields,
  /** The current school year's hours (null hours: not recorded). */
  training: TrainingYear,
});
const RegistryBody = Type.Object(
  {
    fullTime: Type.Optional(RegistryFields.fullTime),
    certificateLevel: Type.Optional(RegistryFields.certificateLevel),
    qualification: Type.Optional(RegistryFields.qualification),
    training: Type.Optional(TrainingYear),
  },
  { additionalProperties: false, minProperties: 1 },
);

const GrantRequestView = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  username: Type.String(),
  name: Type.String(),
  role: Type.String(),
  scope: Type.Object({ level: Type.String(), id: Type.String(), name: Type.String() }),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  mayDecide: Type.Boolean(),
});
// A grant that waits for its second person: the request, not a binding.
const PendingGrant = Type.Object({
  requestId: Type.String(),
  role: Type.String(),
  scope: Type.Object({ level: Type.String(), id: Type.String(), name: Type.String() }),
  status: Type.Literal('pending'),
});
const CreatedStaff = Type.Object({ ...StaffItem.properties, pending: Type.Array(PendingGrant) });

const pendingView = (requestId: string, role: string, target: ResolvedScope) => ({
  requestId,
  role,
  scope: { level: target.scope.level, id: target.scope.id, name: target.name },
  status: 'pending' as const,
});

const bindingView = (id: string, role: string, target: ResolvedScope) => ({
  id,
  role,
  scope: { level: target.scope.level, id: target.scope.id, name: target.name },
});

const RegistryImportReport = Type.Object({
  /** True once the file's changes were written; a preview, or a file with any error, writes nothing. */
  applied: Type.Boolean(),
  rows: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
  items: Type.Array(
    Type.Object({
      row: Type.Integer(),
      username: Type.String(),
      name: Type.String(),
      changes: Type.Array(
        Type.Union([
          Type.Literal('fullTime'),
          Type.Literal('certificateLevel'),
          Type.Literal('qualification'),
          Type.Literal('hours'),
          Type.Literal('supervisionHours'),
        ]),
      ),
      schoolYear: Nullable(Type.String()),
      status: Type.Union([Type.Literal('update'), Type.Literal('unchanged')]),
    }),
  ),
  counts: Type.Object({ update: Type.Integer(), unchanged: Type.Integer() }),
});

export async function staffRoutes(api: Api, deps: AppDeps) {
  const { db } = deps;
  sheetImportRoutes(api, deps, {
    tag: 'staff',
    policy: 'staff.manage',
    templatePath: '/v1/staff/registry-import/template',
    importPath: '/v1/staff/registry-imports',
    templateDescription:
      'The staff registry import template (xlsx): an empty sheet to fill in, an example sheet that is never imported, and column instructions.',
    importDescription:
      'Upload the staff registry sheet (.xlsx or .csv) in multipart field `file`. Rows name existing staff accounts by username and set registry fields only (never accounts or roles). `preview` lists what each row changes, with every row error; `apply` writes all of it in one transaction, or nothing when any row is wrong.',
    report: RegistryImportReport,
    template: (locale) => ({ name: registryTemplateFileName(locale), xlsx: () => registryTemplateXlsx(locale) }),
    missingFile: (locale) => registryImportText('file.missing', locale),
    run: importStaffRegistry,
  });

  const ListQuery = Type.Object(
    { orgId: Type.Optional(Uuid), q: Type.Optional(Type.String({ maxLength: 50 })), ...PageQuery },
    { additionalProperties: false },
  );
  api.get(
    '/v1/staff',
    {
      config: { policy: 'staff.read' },
      schema: { tags: ['staff'], querystring: ListQuery, response: { 200: paged(StaffItem) } },
    },
    async (req) => {
      let org: ResolvedScope | null = null;
      if (req.query.orgId) {
        org = await resolveGrantTarget(db, req.query.orgId);
        if (!org) throw notFound();
        req.access.require('staff.read', org.placement);
      }
      return listStaff(db, req.access, {
        org,
        q: req.query.q,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
        schoolYear: await registrySchoolYear(db, req.signedIn!.account.city_id),
      });
    },
  );

  const CreateBody = Type.Object(
    {
      username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$' }),
      name: Type.String({ minLength: 1, maxLength: 50 }),
      password: Type.String({ minLength: 1, maxLength: 200 }),
      role: literals(NEW_STAFF_ROLES),
      scopeId: Uuid,
      fullTime: Type.Optional(RegistryFields.fullTime),
      certificateLevel: Type.Optional(RegistryFields.certificateLevel),
      qualification: Type.Optional(RegistryFields.qualification),
    },
    { additionalProperties: false },
  );
  api.post(
    '/v1/staff',
    {
      config: { policy: 'staff.manage' },
      schema: { tags: ['staff'], body: CreateBody, response: { 201: CreatedStaff, 202: CreatedStaff } },
    },
    async (req, reply) => {
      const { username, name, password, scopeId, fullTime, certificateLevel, qualification } = req.body;
      const role = req.body.role as Role;
      if (!isStrongEnough(password)) throw fieldProblem('/password', 'password.weak');
      const target = await resolveGrantTarget(db, scopeId);
      if (!target) throw localizedField('/scopeId', 'grant.unknown-scope', requestLocale(req));
      // The new account is nobody yet, so never the granter: '' stands for it in the self rule.
      const { outcome } = requireGrantable(req.access.actor, '', role, target);
      const binding = req.access.require('staff.manage', target.placement);
      const passwordHash = await hashPassword(password);
      const requestedBy = req.signedIn!.account.id;
      const created = await db.transaction().execute(async (tx) => {
        const userId = await insertStaffAccount(
          tx,
          { username, name, passwordHash, fullTime, certificateLevel, qualification },
          target,
        );
        const granted =
          outcome === 'immediate'
            ? { bindingId: (await grantBinding(tx, userId, role, target, requestedBy)).id, requestId: null }
            : { bindingId: null, requestId: (await openGrantRequest(tx, { userId, role, target, requestedBy })).id };
        await auditRequest(tx, req, {
          action: 'staff.create',
          targetType: 'account',
          targetId: userId,
          placement: target.placement,
          binding,
          detail: { username, role, scope: target.scope, ...granted },
        });
        return { userId, ...granted };
      });
      // An account whose role waits for a second person exists at once, holding nothing yet: 202.
      return reply.code(created.bindingId ? 201 : 202).send({
        userId: created.userId,
        username,
        name,
        disabled: false,
        fullTime: fullTime ?? null,
        certificateLevel: certificateLevel ?? null,
        qualification: qualification?.trim() || null,
        training: {
          schoolYear: await registrySchoolYear(db, target.placement.cityId),
          hours: null,
          supervisionHours: null,
        },
        bindings: created.bindingId ? [bindingView(created.bindingId, role, target)] : [],
        pending: created.requestId ? [pendingView(created.requestId, role, target)] : [],
      });
    },
  );

  api.patch(
    '/v1/staff/:userId/registry',
    {
      config: { policy: 'staff.manage' },
      schema: {
        tags: ['staff'],
        params: Type.Object({ userId: Uuid }),
        body: RegistryBody,
        response: { 200: RegistryView },
      },
    },
    async (req) => updateStaffRegistry(requestContext(req, db), req.params.userId, req.body),
  );

  const GrantBody = Type.Object({ role: literals(STAFF_ROLES), scopeId: Uuid }, { additionalProperties: false });
  api.post(
    '/v1/staff/:userId/bindings',
    {
      config: { policy: 'staff.manage' },
      schema: {
        tags: ['staff'],
        params: Type.Object({ userId: Uuid }),
        body: GrantBody,
        response: { 200: BindingView, 201: BindingView, 202: PendingGrant },
      },
    },
    async (req, reply) => {
      const role = req.body.role as Role;
      const account = await loadAccount(db, req.params.userId);
      if (!account) throw notFound();
      req.access.require('staff.manage', placementOf(account));
      const locale = requestLocale(req);
      const target = await resolveGrantTarget(db, req.body.scopeId);
      if (!target) throw localizedField('/scopeId', 'grant.unknown-scope', locale);
      const studentClass = account.student_id
        ? ((await db.selectFrom('student').select('class_id').where('id', '=', account.student_id).executeTakeFirst())
            ?.class_id ?? null)
        : null;
      requireRoleFitsAccount(account, studentClass, role, target, locale);
      const { outcome } = requireGrantable(req.access.actor, account.id, role, target);
      const binding = req.access.require('staff.manage', target.placement);
      if (outcome === 'pending') {
        const requested = await db.transaction().execute(async (tx) => {
          const held = await tx
            .selectFrom('role_binding')
            .select('id')
            .where('user_id', '=', account.id)
            .where('role', '=', role)
            .where('scope_level', '=', target.scope.level)
            .where('scope_id', '=', target.scope.id)
            .executeTakeFirst();
          if (held) {
            // Granting what is already held changes nothing; it is recorded as the repeated grant it is.
            await auditRequest(tx, req, {
              action: 'staff.grant',
              targetType: 'account',
              targetId: account.id,
              placement: target.placement,
              binding,
              detail: { bindingId: held.id, role, scope: target.scope, created: false },
            });
            return { held: held.id, requestId: null };
          }
          const result = await openGrantRequest(tx, {
            userId: account.id,
            role,
            target,
            requestedBy: req.signedIn!.account.id,
          });
          await auditRequest(tx, req, {
            action: 'staff.grant_request',
            targetType: 'account',
            targetId: account.id,
            placement: target.placement,
            binding,
            detail: { requestId: result.id, role, scope: target.scope, created: result.created },
          });
          return { held: null, requestId: result.id };
        });
        // Already held: nothing to approve, answered as a repeated grant is.
        if (requested.held) return reply.code(200).send(bindingView(requested.held, role, target));
        return reply.code(202).send(pendingView(requested.requestId!, role, target));
      }
      const granted = await db.transaction().execute(async (tx) => {
        const result = await grantBinding(tx, account.id, role, target, req.signedIn!.account.id);
        await auditRequest(tx, req, {
          action: 'staff.grant',
          targetType: 'account',
          targetId: account.id,
          placement: target.placement,
          binding,
          detail: { bindingId: result.id, role, scope: target.scope, created: result.created },
        });
        return result;
      });
      // Granting what is already held changes nothing and says so.
      return reply.code(granted.created ? 201 : 200).send(bindingView(granted.id, role, target));
    },
  );

  api.delete(
    '/v1/role-bindings/:id',
    { config: { policy: 'staff.manage' }, schema: { tags: ['staff'], params: IdParams } },
    async (req, reply) => {
      const found = await findBinding(db, req.params.id);
      if (!found) throw notFound();
      const target: ResolvedScope = (await resolveBindingScope(
        db,
        found.scope_level as ScopeLevel,
        found.scope_id,
      )) ?? {
        scope: { level: found.scope_level as ScopeLevel, id: found.scope_id },
        placement: { cityId: found.city_id, districtId: found.district_id, schoolId: found.school_id },
        name: '',
      };
      const binding = req.access.require('staff.manage', target.placement);
      const role = found.role as Role;
      if (role === 'student' || role === 'guardian')
        throw localizedField('/id', 'grant.roster-managed', requestLocale(req));
      // Revoking is granting undone: the same subtree, level and self rules apply (revoking needs no
      // second person: it only takes access away).
      requireGrantable(req.access.actor, found.user_id, role, target);
      // A repeated revocation finds the binding already gone and answers as the first did.
      if (found.revoked) return reply.code(204).send();
      await db.transaction().execute(async (tx) => {
        await revokeBinding(tx, found, req.signedIn!.account.id);
        await auditRequest(tx, req, {
          action: 'staff.revoke',
          targetType: 'role_binding',
          targetId: found.id,
          placement: target.placement,
          binding,
          detail: { userId: found.user_id, role, scope: target.scope },
        });
      });
      return reply.code(204).send();
    },
  );

  const GrantListQuery = Type.Object(
    {
      status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')])),
      ...PageQuery,
    },
    { additionalProperties: false },
  );
  api.get(
    '/v1/role-grants',
    {
      config: { policy: 'staff.read' },
      schema: { tags: ['staff'], querystring: GrantListQuery, response: { 200: paged(GrantRequestView) } },
    },
    async (req) =>
      listGrantRequests(db, req.access, {
        status: req.query.status ?? 'pending',
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  );

  for (const verdict of ['approve', 'reject'] as const) {
    api.post(
      `/v1/role-grants/:id/${verdict}`,
      {
        config: { policy: 'staff.approve' },
        schema: { tags: ['staff'], params: IdParams, response: { 200: GrantRequestView } },
      },
      async (req) =>
        decideGrantRequest(
          { db, access: req.access, audit: (tx, facts) => auditRequest(tx, req, facts) },
          req.params.id,
          verdict,
        ),
    );
  }
}
