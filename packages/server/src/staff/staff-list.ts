import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { RequestAccess } from '../access/request-access.js';
import type { Database } from '../db/types.js';
import { scopeNames } from '../access/scope-names.js';
import { notFound } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { registrySchoolYear, trainingYears, type TrainingYear } from './registry.js';
import { resolveGrantTarget, type ResolvedScope } from './scope-resolver.js';

export interface StaffListQuery {
  org: ResolvedScope | null;
  q: string | undefined;
  page: number;
  pageSize: number;
  /** The school year whose training hours each item carries. */
  schoolYear: string;
}

export interface StaffItem {
  userId: string;
  username: string;
  name: string;
  bindings: Array<{ id: string; role: string; scope: { level: string; id: string; name: string } }>;
  disabled: boolean;
  /** The registry: 专职/兼职 (null: not recorded), certificate level A–D, qualification. */
  fullTime: boolean | null;
  certificateLevel: 'A' | 'B' | 'C' | 'D' | null;
  qualification: string | null;
  /** This school year's training and supervision hours (null hours: not recorded). */
  training: TrainingYear;
}

/**
 * Staff accounts the actor may see: those with a binding inside the actor's staff.read scopes, or whose
 * own school/district lies there (so an account whose roles were all revoked does not vanish). Only
 * the bindings inside the actor's scopes are shown: a school leader does not learn a teacher's roles elsewhere.
 */
export async function listStaff(db: Kysely<Database>, access: RequestAccess, query: StaffListQuery) {
  const bindingInScope = access.filter('staff.read', {
    city: 'rb.city_id',
    district: 'rb.district_id',
    school: 'rb.school_id',
  });
  const accountInScope = access.filter('staff.read', {
    city: 'ua.city_id',
    district: 'ua.district_id',
    school: 'ua.school_id',
  });
  const bindingInOrg = query.org ? bindingUnder(query.org) : sql<SqlBool>`true`;
  const accountInOrg = query.org ? accountUnder(query.org) : sql<SqlBool>`true`;

  let base = db
    .selectFrom('user_account as ua')
    .where('ua.kind', '=', 'staff')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('role_binding as rb')
            .select('rb.id')
            .whereRef('rb.user_id', '=', 'ua.id')
            .where(bindingInScope)
            .where(bindingInOrg),
        ),
        eb.and([accountInScope, accountInOrg]),
      ]),
    );
  const needle = query.q?.trim();
  if (needle) {
    const escaped = needle.replace(/[\\%_]/g, (m) => `\\${m}`);
    base = base.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['ua.username']), 'like', `${escaped.toLowerCase()}%`),
        eb('ua.display_name', 'like', `%${escaped}%`),
      ]),
    );
  }
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const accounts = await base
    .select([
      'ua.id',
      'ua.username',
      'ua.display_name',
      'ua.disabled_at',
      'ua.full_time',
      'ua.certificate_level',
      'ua.qualification',
    ])
    .orderBy('ua.username')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();

  const ids = accounts.map((a) => a.id);
  const bindings = ids.length
    ? await db
        .selectFrom('role_binding as rb')
        .select(['rb.id', 'rb.user_id', 'rb.role', 'rb.scope_level', 'rb.scope_id'])
        .where('rb.user_id', 'in', ids)
        .where(bindingInScope)
        .orderBy('rb.created_at')
        .execute()
    : [];
  const training = await trainingYears(db, ids, query.schoolYear);
  const names = await scopeNames(
    db,
    bindings.map((b) => ({ level: b.scope_level as never, id: b.scope_id })),
  );
  const items: StaffItem[] = accounts.map((a) => ({
    userId: a.id,
    username: a.username,
    name: a.display_name,
    disabled: !!a.disabled_at,
    fullTime: a.full_time,
    certificateLevel: a.certificate_level,
    qualification: a.qualification,
    training: training.get(a.id) ?? { schoolYear: query.schoolYear, hours: null, supervisionHours: null },
    bindings: bindings
      .filter((b) => b.user_id === a.id)
      .map((b) => ({
        id: b.id,
        role: b.role,
        scope: { level: b.scope_level, id: b.scope_id, name: names.get(b.scope_id) ?? '' },
      })),
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** Bindings at or below an org unit (or of a hospital). role_binding keeps no grade column, hence the sub-select. */
function bindingUnder(org: ResolvedScope): Expression<SqlBool> {
  const id = org.scope.id;
  switch (org.scope.level) {
    case 'city':
      return sql<SqlBool>`rb.city_id = ${id}`;
    case 'district':
      return sql<SqlBool>`rb.district_id = ${id}`;
    case 'school':
      return sql<SqlBool>`rb.school_id = ${id}`;
    case 'grade':
      return sql<SqlBool>`(rb.scope_id = ${id} or rb.scope_id in (select id from org_unit where grade_id = ${id}))`;
    default:
      return sql<SqlBool>`rb.scope_id = ${id}`;
  }
}

function accountUnder(org: ResolvedScope): Expression<SqlBool> {
  const id = org.scope.id;
  switch (org.scope.level) {
    case 'city':
      return sql<SqlBool>`ua.city_id = ${id}`;
    case 'district':
      return sql<SqlBool>`ua.district_id = ${id}`;
    case 'school':
      return sql<SqlBool>`ua.school_id = ${id}`;
    default:
      return sql<SqlBool>`false`;
  }
}

/**
 * The staff page's list: everyone in the actor's sight, or inside one unit of it, with this school year's
 * training hours. A unit out of sight is not found.
 */
export async function findStaff(
  ctx: ServiceContext,
  filter: { orgId?: string; q?: string; page: number; pageSize: number },
  cityId: string,
) {
  let org: ResolvedScope | null = null;
  if (filter.orgId) {
    org = await resolveGrantTarget(ctx.db, filter.orgId);
    if (!org) throw notFound();
    ctx.access.require('staff.read', org.placement);
  }
  return listStaff(ctx.db, ctx.access, {
    org,
    q: filter.q,
    page: filter.page,
    pageSize: filter.pageSize,
    schoolYear: await registrySchoolYear(ctx.db, cityId),
  });
}
