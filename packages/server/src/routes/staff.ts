import { STAFF_ROLES } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable, PageQuery, paged, Uuid } from '../http/schemas.js';
import { decideGrantRequest, listGrantRequests } from '../staff/grant-requests.js';
import { findStaff } from '../staff/staff-list.js';
import { updateStaffRegistry } from '../staff/registry.js';
import { importStaffRegistry } from '../staff/registry-import.js';
import { registryImportText, registryTemplateFileName, registryTemplateXlsx } from '../staff/registry-import-sheet.js';
import { sheetImportRoutes } from '../http/sheet-import-routes.js';
import { requestContext } from '../services/context.js';
import { createStaffAccount, grantStaffRole, revokeStaffRole, type GrantResult } from '../staff/role-grants.js';

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

const pendingView = ({ requestId, role, target }: Extract<GrantResult, { kind: 'pending' }>) => ({
  requestId,
  role,
  scope: { level: target.scope.level, id: target.scope.id, name: target.name },
  status: 'pending' as const,
});

const bindingView = ({ bindingId, role, target }: Extract<GrantResult, { kind: 'granted' }>) => ({
  id: bindingId,
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
    async (req) =>
      findStaff(
        requestContext(req, db),
        { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 },
        req.signedIn!.account.city_id,
      ),
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
      const { username, name, fullTime, certificateLevel, qualification } = req.body;
      const { userId, grant, schoolYear } = await createStaffAccount(requestContext(req, db), {
        ...req.body,
      });
      // An account whose role waits for a second person exists at once, holding nothing yet: 202.
      return reply.code(grant.kind === 'granted' ? 201 : 202).send({
        userId,
        username,
        name,
        disabled: false,
        fullTime: fullTime ?? null,
        certificateLevel: certificateLevel ?? null,
        qualification: qualification?.trim() || null,
        training: { schoolYear, hours: null, supervisionHours: null },
        bindings: grant.kind === 'granted' ? [bindingView(grant)] : [],
        pending: grant.kind === 'pending' ? [pendingView(grant)] : [],
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
      const grant = await grantStaffRole(requestContext(req, db), req.params.userId, {
        role: req.body.role,
        scopeId: req.body.scopeId,
      });
      if (grant.kind === 'pending') return reply.code(202).send(pendingView(grant));
      // Granting what is already held changes nothing and says so.
      return reply.code(grant.created ? 201 : 200).send(bindingView(grant));
    },
  );

  api.delete(
    '/v1/role-bindings/:id',
    { config: { policy: 'staff.manage' }, schema: { tags: ['staff'], params: IdParams } },
    async (req, reply) => {
      await revokeStaffRole(requestContext(req, db), req.params.id);
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
      async (req) => decideGrantRequest(requestContext(req, db), req.params.id, verdict),
    );
  }
}
