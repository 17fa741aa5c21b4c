import { authorize, canApprove, type Role, type ScopeLevel } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { RequestAccess } from '../access/request-access.js';
import type { AuditFacts } from '../audit/request-audit.js';
import type { Database } from '../db/types.js';
import { notFound, Problem } from '../http/problem.js';
import { scopeNames } from '../access/scope-names.js';
import { resolveBindingScope, type ResolvedScope } from './scope-resolver.js';
import { grantBinding } from './staff-writes.js';

/** What a grant decision needs: the one deciding, the database, and how to record the act. */
export interface GrantContext {
  db: Kysely<Database>;
  access: RequestAccess;
  audit: (tx: Kysely<Database>, facts: AuditFacts) => Promise<void>;
}

export type GrantStatus = 'pending' | 'approved' | 'rejected';

export interface GrantRequestView {
  id: string;
  userId: string;
  username: string;
  name: string;
  role: string;
  scope: { level: string; id: string; name: string };
  requestedBy: string;
  requestedAt: string;
  status: GrantStatus;
  /** Whether the one asking may approve or reject it (the second person of four-eyes). */
  mayDecide: boolean;
}

/** Opens a four-eyes request, or answers the open one for the same grant (asking twice changes nothing). */
export async function openGrantRequest(
  tx: Kysely<Database>,
  grant: { userId: string; role: Role; target: ResolvedScope; requestedBy: string },
): Promise<{ id: string; created: boolean }> {
  const open = () =>
    tx
      .selectFrom('role_grant_request')
      .select('id')
      .where('user_id', '=', grant.userId)
      .where('role', '=', grant.role)
      .where('scope_level', '=', grant.target.scope.level)
      .where('scope_id', '=', grant.target.scope.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
  const existing = await open();
  if (existing) return { id: existing.id, created: false };
  const row = await tx
    .insertInto('role_grant_request')
    .values({
      user_id: grant.userId,
      role: grant.role,
      scope_level: grant.target.scope.level,
      scope_id: grant.target.scope.id,
      city_id: grant.target.placement.cityId,
      district_id: grant.target.placement.districtId ?? null,
      school_id: grant.target.placement.schoolId ?? null,
      requested_by: grant.requestedBy,
      decided_by: null,
      decided_at: null,
      binding_id: null,
    })
    // Two administrators asking at once: the partial unique index keeps one open request. The predicate is
    // a literal because PostgreSQL infers a partial index only from a predicate it can prove at plan time,
    // and a bound parameter is not one (PGlite accepted it, PostgreSQL answered 42P10).
    .onConflict((oc) =>
      oc.columns(['user_id', 'role', 'scope_level', 'scope_id']).where('status', '=', sql.lit('pending')).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, created: true };
  return { id: (await open())!.id, created: false };
}

const VIEW_COLUMNS = [
  'g.id',
  'g.user_id',
  'g.role',
  'g.scope_level',
  'g.scope_id',
  'g.city_id',
  'g.district_id',
  'g.school_id',
  'g.requested_by',
  'g.requested_at',
  'g.status',
  'u.username',
  'u.display_name',
  'r.username as requester',
] as const;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('role_grant_request as g')
    .innerJoin('user_account as u', 'u.id', 'g.user_id')
    .innerJoin('user_account as r', 'r.id', 'g.requested_by');
}

interface Row {
  id: string;
  user_id: string;
  role: string;
  scope_level: string;
  scope_id: string;
  city_id: string;
  district_id: string | null;
  school_id: string | null;
  requested_by: string;
  requested_at: Date;
  status: GrantStatus;
  username: string;
  display_name: string;
  requester: string;
}

function pendingGrantOf(row: Row) {
  return {
    granteeUserId: row.user_id,
    requestedBy: row.requested_by,
    role: row.role as Role,
    scope: { level: row.scope_level as ScopeLevel, id: row.scope_id },
    // The approvers sit at school, district or city level: the stored ancestry is all the rule reads.
    placement: { cityId: row.city_id, districtId: row.district_id, schoolId: row.school_id },
  };
}

function viewOf(row: Row, access: RequestAccess, names: Map<string, string>): GrantRequestView {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    name: row.display_name,
    role: row.role,
    scope: { level: row.scope_level, id: row.scope_id, name: names.get(row.scope_id) ?? '' },
    requestedBy: row.requester,
    requestedAt: row.requested_at.toISOString(),
    status: row.status,
    mayDecide: row.status === 'pending' && canApprove(access.actor, pendingGrantOf(row)).allowed,
  };
}

/** Grant requests inside the actor's staff.read scopes, newest first. */
export async function listGrantRequests(
  db: Kysely<Database>,
  access: RequestAccess,
  query: { status: GrantStatus; page: number; pageSize: number },
) {
  const base = baseQuery(db)
    .where('g.status', '=', query.status)
    .where(access.filter('staff.read', { city: 'g.city_id', district: 'g.district_id', school: 'g.school_id' }));
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = (await base
    .select(VIEW_COLUMNS)
    .orderBy('g.requested_at', 'desc')
    .orderBy('g.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute()) as Row[];
  const names = await scopeNames(
    db,
    rows.map((r) => ({ level: r.scope_level as ScopeLevel, id: r.scope_id })),
  );
  return {
    items: rows.map((r) => viewOf(r, access, names)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * The second person's decision. Out of the actor's sight (another school's request) answers 404; the
 * requester or the grantee, or anyone in sight who is not an approver of that scope, 403; a request
 * already decided, 409. Approval creates the binding in the same transaction as the decision and its audit.
 */
export async function decideGrantRequest(
  ctx: GrantContext,
  id: string,
  verdict: 'approve' | 'reject',
): Promise<GrantRequestView> {
  const row: Row | undefined = await baseQuery(ctx.db).select(VIEW_COLUMNS).where('g.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const grant = pendingGrantOf(row);
  const decision = canApprove(ctx.access.actor, grant);
  if (!decision.allowed) {
    const inSight = authorize(ctx.access.actor, 'staff.read', grant.placement).allowed;
    if (decision.reason === 'self') throw new Problem('forbidden', { key: 'grant.self' });
    if (!inSight) throw notFound();
    throw new Problem('forbidden', { key: 'grant.not-approver' });
  }
  const target = await resolveBindingScope(ctx.db, grant.scope.level, grant.scope.id);
  if (!target) throw notFound();
  const decidedBy = ctx.access.actor.userId;
  await ctx.db.transaction().execute(async (tx) => {
    const decided = await tx
      .updateTable('role_grant_request')
      .set({ status: verdict === 'approve' ? 'approved' : 'rejected', decided_by: decidedBy, decided_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    if (!decided) throw new Problem('conflict', { key: 'grant.decided' });
    let bindingId: string | null = null;
    if (verdict === 'approve') {
      // granted_by keeps the requester; the approver is on the request and in the audit log.
      bindingId = (await grantBinding(tx, row.user_id, grant.role, target, row.requested_by)).id;
      await tx.updateTable('role_grant_request').set({ binding_id: bindingId }).where('id', '=', id).execute();
    }
    await ctx.audit(tx, {
      action: verdict === 'approve' ? 'staff.grant_approve' : 'staff.grant_reject',
      targetType: 'role_grant_request',
      targetId: id,
      placement: target.placement,
      binding: decision.binding,
      detail: {
        userId: row.user_id,
        role: grant.role,
        scope: grant.scope,
        requestedBy: row.requested_by,
        ...(bindingId ? { bindingId } : {}),
      },
    });
  });
  const names = await scopeNames(ctx.db, [grant.scope]);
  return {
    ...viewOf({ ...row, status: verdict === 'approve' ? 'approved' : 'rejected' }, ctx.access, names),
    mayDecide: false,
  };
}
