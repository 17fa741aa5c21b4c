import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { RequestAccess } from '../access/request-access.js';
import type { AuditEntry } from '../audit/audit.js';
import { appendAudit } from '../audit/audit.js';
import { accountAuditEntry, auditRequest, requestAuditEntry, type AuditFacts } from '../audit/request-audit.js';
import { loadActor } from '../auth/actor.js';
import type { Database } from '../db/types.js';
import { requestLocale } from '../http/error-handler.js';
import type { Locale } from '../http/locale.js';
import { Problem } from '../http/problem.js';

/**
 * What a service needs to act for someone, without the HTTP request: the database, what the actor may do,
 * who they are, how their acts are audited, the time, and the language refusals are written in. A route
 * builds it from its request; a job or a command-line tool can build one of its own.
 */
export interface ServiceContext {
  db: Kysely<Database>;
  /**
   * Where a service sends its heavy report and export reads: the replica when one is configured, else db.
   * It may lag db slightly, so access checks, writes and read-your-own-write reads stay on db.
   */
  readDb: Kysely<Database>;
  access: RequestAccess;
  /** The acting account: recorded as the actor of what the service writes. */
  actorId: string;
  /** The acting account's display name, for answers that say who did it. */
  actorName: string;
  /** The guardian the acting account is, if any: a guardian's consent is recorded in their name. */
  guardianId: string | null;
  /** Appends the actor's audit row in the given transaction. */
  audit: (db: Kysely<Database>, facts: AuditFacts) => Promise<void>;
  /** The actor's audit entry, for writes that append it in their own statement. */
  auditEntry: (facts: AuditFacts) => AuditEntry;
  clock: () => Date;
  locale: Locale;
}

/** The context of a signed-in request; the gate has already refused anyone not signed in. */
export function requestContext(
  req: FastifyRequest,
  db: Kysely<Database>,
  readDb: Kysely<Database> = db,
): ServiceContext {
  const account = req.signedIn?.account;
  if (!account) throw new Problem('unauthenticated');
  return {
    db,
    readDb,
    access: req.access,
    actorId: account.id,
    actorName: account.display_name,
    guardianId: account.guardian_id,
    audit: (tx, facts) => auditRequest(tx, req, facts),
    auditEntry: (facts) => requestAuditEntry(req, facts),
    clock: () => new Date(),
    locale: requestLocale(req),
  };
}

/**
 * The context of an account acting outside a request (the demo seed, a job): the same policy decides what
 * it may do, and its acts are audited under the account with `origin` in place of a request id.
 */
export async function accountContext(
  db: Kysely<Database>,
  userId: string,
  origin: string,
  clock: () => Date = () => new Date(),
): Promise<ServiceContext> {
  const signedIn = await loadActor(db, userId);
  if (!signedIn) throw new Error(`accountContext: no account ${userId}`);
  const { account, actor } = signedIn;
  return {
    db,
    readDb: db,
    access: new RequestAccess(actor),
    actorId: account.id,
    actorName: account.display_name,
    guardianId: account.guardian_id,
    audit: (tx, facts) => appendAudit(tx, accountAuditEntry(account, origin, facts)),
    auditEntry: (facts) => accountAuditEntry(account, origin, facts),
    clock,
    locale: account.locale === 'en' ? 'en' : 'zh-CN',
  };
}
