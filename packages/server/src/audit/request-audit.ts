import type { OrgPlacement, RoleBinding } from '@yuxin/core';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { appendAudit, type AuditEntry } from './audit.js';

type AuditedAccount = NonNullable<FastifyRequest['signedIn']>['account'];

export interface AuditFacts {
  action: string;
  targetType?: string;
  targetId?: string | null;
  placement?: Partial<OrgPlacement>;
  binding?: RoleBinding | null;
  outcome?: AuditEntry['outcome'];
  detail?: Record<string, unknown>;
  /**
   * Record exactly `placement`, without filling the actor's own district and school in: for a person's own
   * confidential act (a teacher's self-screening) that their school's audit readers must not see.
   */
  exactPlacement?: boolean;
}

/** Records who did what to which record, with the binding that allowed it. Pass the write's transaction. */
export function auditRequest(db: Kysely<Database>, req: FastifyRequest, facts: AuditFacts): Promise<void> {
  return appendAudit(db, requestAuditEntry(req, facts));
}

/** The audit entry of a request's act, for writes that append it in their own statement. */
export function requestAuditEntry(req: FastifyRequest, facts: AuditFacts): AuditEntry {
  return accountAuditEntry(req.signedIn?.account, req.id, facts);
}

/**
 * The audit entry of an account's act, in a request or outside one (a job, the demo seed): `requestId`
 * names where it came from.
 */
export function accountAuditEntry(
  account: Pick<AuditedAccount, 'id' | 'username' | 'city_id' | 'district_id' | 'school_id'> | undefined,
  requestId: string,
  facts: AuditFacts,
): AuditEntry {
  return {
    userId: account?.id ?? null,
    username: account?.username ?? null,
    bindingId: facts.binding?.id ?? null,
    role: facts.binding?.role ?? null,
    action: facts.action,
    targetType: facts.targetType ?? null,
    targetId: facts.targetId ?? null,
    cityId: facts.placement?.cityId ?? account?.city_id ?? null,
    districtId: facts.exactPlacement
      ? (facts.placement?.districtId ?? null)
      : (facts.placement?.districtId ?? account?.district_id ?? null),
    schoolId: facts.exactPlacement
      ? (facts.placement?.schoolId ?? null)
      : (facts.placement?.schoolId ?? account?.school_id ?? null),
    outcome: facts.outcome ?? 'success',
    requestId,
    detail: facts.detail,
  };
}
