import { startOfChinaYear } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';

/** Audit actions that read records about people: what "who accessed which kinds of records" counts. */
const ACCESS = /\.(read|list|search|students|subjects|trajectory|due)$/;
/** Audit actions by which data left the system as a file or another format. */
const EXPORT = /\.(export|export_fhir|print)$/;
const RETENTION = /^retention\./;

export interface ComplianceReport {
  unit: { id: string; kind: string; name: string; nameEn: string | null };
  year: number;
  from: string;
  to: string;
  /**
   * Per staff account: how many reads of each kind of record, with the roles it acted in. Students and
   * guardians reading their own records are not listed: the report names staff only.
   */
  access: { username: string; roles: string[]; targetType: string; events: number }[];
  exports: { action: string; role: string; events: number; users: number }[];
  consents: { kind: string; decision: string; count: number }[];
  /** Consents in force at the end of the period: the latest guardian decision per campaign and student is "granted". */
  consentsHeld: number;
  disclosures: { told: string; count: number }[];
  retention: { action: string; events: number }[];
  accountsDisabled: { kind: string; count: number }[];
  /** Refused operations: failed sign-ins (`failure`) and policy refusals (`denied`), per action. */
  refusals: { action: string; outcome: string; events: number }[];
}

const unitColumn = (u: Pick<OrgUnit, 'kind'>) =>
  u.kind === 'city' ? 'city_id' : u.kind === 'district' ? 'district_id' : 'school_id';

/**
 * A year's compliance evidence for a city, district or school, from the audit log and the records it points
 * at. Only counts and staff usernames: no student appears in it. The year runs in China time.
 */
export async function buildComplianceReport(
  db: Kysely<Database>,
  unit: OrgUnit,
  year: number,
): Promise<ComplianceReport> {
  const from = startOfChinaYear(year);
  const to = startOfChinaYear(year + 1);
  const col = unitColumn(unit);
  const inUnit = (alias: string) => sql`${sql.ref(`${alias}.${col}`)} = ${unit.id}`;
  const audit = await sql<{
    username: string | null;
    role: string | null;
    account_kind: string | null;
    action: string;
    target_type: string | null;
    outcome: string;
    events: number;
    users: number;
  }>`
    select a.username, a.role, u.kind as account_kind, a.action, a.target_type, a.outcome,
           -- A refusal entry stands for every refusal of its actor and action in that minute.
           sum(coalesce(t.count, 1))::int as events, count(distinct a.user_id)::int as users
      from audit_log a
      left join audit_refusal_tally t on a.outcome = 'denied' and t.chain = a.chain and t.seq = a.seq
      left join user_account u on u.id = a.user_id
     where a.at >= ${from}::timestamptz and a.at < ${to}::timestamptz and ${inUnit('a')}
     group by a.username, a.role, u.kind, a.action, a.target_type, a.outcome
  `.execute(db);
  const rows = audit.rows;
  const access = new Map<string, { username: string; roles: Set<string>; targetType: string; events: number }>();
  const exports = new Map<string, ComplianceReport['exports'][number]>();
  const retention = new Map<string, number>();
  const refusals = new Map<string, number>();
  for (const r of rows) {
    if (r.outcome !== 'success') {
      const key = `${r.action}|${r.outcome}`;
      refusals.set(key, (refusals.get(key) ?? 0) + r.events);
    }
    if (r.outcome !== 'success') continue;
    if (ACCESS.test(r.action) && r.username && r.account_kind === 'staff') {
      // One row per account and kind of record: lists are audited without the binding, reads with it, and
      // splitting them showed the same account twice, once without a role.
      const key = `${r.username}|${r.target_type}`;
      const row = access.get(key) ?? {
        username: r.username,
        roles: new Set<string>(),
        targetType: r.target_type ?? '',
        events: 0,
      };
      if (r.role) row.roles.add(r.role);
      row.events += r.events;
      access.set(key, row);
    }
    if (EXPORT.test(r.action)) {
      const key = `${r.action}|${r.role}`;
      const row = exports.get(key) ?? { action: r.action, role: r.role ?? '', events: 0, users: 0 };
      row.events += r.events;
      row.users += r.users;
      exports.set(key, row);
    }
    if (RETENTION.test(r.action)) retention.set(r.action, (retention.get(r.action) ?? 0) + r.events);
  }

  const [consents, held, disclosures, disabled] = await Promise.all([
    sql<{ kind: string; decision: string; count: number }>`
      select c.kind, c.decision, count(*)::int as count from consent_record c
       where c.recorded_at >= ${from}::timestamptz and c.recorded_at < ${to}::timestamptz and ${inUnit('c')}
       group by c.kind, c.decision order by 1, 2`.execute(db),
    sql<{ n: number }>`
      select count(*)::int as n from (
        select distinct on (c.campaign_id, c.student_id) c.decision from consent_record c
         where c.kind = 'guardian_consent' and c.recorded_at < ${to}::timestamptz and ${inUnit('c')}
         order by c.campaign_id, c.student_id, c.recorded_at desc) latest
       where latest.decision = 'granted'`.execute(db),
    sql<{ told: string; count: number }>`
      select told, sum(n)::int as count from (
        select t.told, count(*) as n from case_disclosure d cross join lateral unnest(d.told) as t (told)
         where d.disclosed_at >= ${from}::timestamptz and d.disclosed_at < ${to}::timestamptz and ${inUnit('d')}
         group by t.told
        -- A counseling room's 重点反馈 tells the head teacher: a disclosure like a case's.
        union all
        select 'head_teacher', count(*) from counseling_feedback f
         where f.sent_at >= ${from}::timestamptz and f.sent_at < ${to}::timestamptz and ${inUnit('f')}
      ) d where n > 0 group by told order by 2 desc, 1`.execute(db),
    sql<{ kind: string; count: number }>`
      select u.kind, count(*)::int as count from user_account u
       where u.disabled_at >= ${from}::timestamptz and u.disabled_at < ${to}::timestamptz and ${inUnit('u')}
       group by u.kind order by 1`.execute(db),
  ]);
  const byCount = <T extends { events: number }>(xs: Iterable<T>) => [...xs].sort((a, b) => b.events - a.events);
  const rolesNow = await accountRoles(
    db,
    [...access.values()].filter((a) => a.roles.size === 0).map((a) => a.username),
  );
  return {
    unit: { id: unit.id, kind: unit.kind, name: unit.name_zh, nameEn: unit.name_en },
    year,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    access: byCount(
      [...access.values()].map((a) => ({
        ...a,
        roles: a.roles.size > 0 ? [...a.roles].sort() : (rolesNow.get(a.username) ?? []),
      })),
    ),
    exports: byCount(exports.values()),
    consents: consents.rows,
    consentsHeld: held.rows[0]?.n ?? 0,
    disclosures: disclosures.rows,
    retention: byCount([...retention].map(([action, events]) => ({ action, events }))),
    accountsDisabled: disabled.rows,
    refusals: byCount(
      [...refusals].map(([key, events]) => {
        const [action, outcome] = key.split('|') as [string, string];
        return { action, outcome, events };
      }),
    ),
  };
}

/** The roles an account holds now: for rows whose audit entries carry no binding (lists, searches). */
async function accountRoles(db: Kysely<Database>, usernames: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (usernames.length === 0) return out;
  const rows = await db
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as u', 'u.id', 'rb.user_id')
    .select(['u.username', 'rb.role'])
    .distinct()
    .where('u.username', 'in', usernames)
    .orderBy('rb.role')
    .execute();
  for (const r of rows) out.set(r.username, [...(out.get(r.username) ?? []), r.role]);
  return out;
}
