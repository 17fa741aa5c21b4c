import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type TestContext } from '../testing/harness.js';
import { TEST_APP_ROLE } from '../testing/test-db.js';

// Roles exist only on PostgreSQL; the embedded PGlite database has its one user.
const onPostgres = Boolean(process.env.YUXIN_TEST_PG);

describe.skipIf(!onPostgres)('the app role on PostgreSQL', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  }, 240_000);
  afterAll(() => ctx?.close());

  /** The SQLSTATE a statement run as the app role fails with. */
  const refusal = async (statement: string) => {
    const err = await sql
      .raw(statement)
      .execute(ctx.appDb)
      .then(
        () => null,
        (e: { code?: string; message: string }) => e,
      );
    expect(err, `${statement} must fail`).not.toBeNull();
    return { code: err!.code, message: err!.message };
  };

  it('connects as a login role of yuxin_app that is no superuser and owns nothing', async () => {
    const { rows } = await sql<{ who: string; superuser: boolean; member: boolean; owns: number }>`
      select current_user as who, r.rolsuper as superuser, pg_has_role(current_user, 'yuxin_app', 'member') as member,
             (select count(*)::int from pg_class c where c.relowner = r.oid) as owns
        from pg_roles r where r.rolname = current_user`.execute(ctx.appDb);
    expect(rows[0]).toEqual({ who: TEST_APP_ROLE, superuser: false, member: true, owns: 0 });
  });

  it('may only add and read audit entries: no UPDATE, DELETE, TRUNCATE, trigger switch or replica mode', async () => {
    const before = await ctx.db
      .selectFrom('audit_log')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(before.n).toBeGreaterThan(0);
    for (const statement of [
      `update audit_log set action = 'forged'`,
      `delete from audit_log`,
      `truncate audit_log`,
      `alter table audit_log disable trigger all`,
      `set session_replication_role = replica`,
    ]) {
      // 42501 insufficient_privilege; ALTER answers "must be owner of table audit_log".
      expect((await refusal(statement)).code, statement).toBe('42501');
    }
    const after = await ctx.db
      .selectFrom('audit_log')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    const grants = await sql<{ privilege_type: string }>`
      select privilege_type from information_schema.role_table_grants
       where grantee = 'yuxin_app' and table_name = 'audit_log' order by 1`.execute(ctx.db);
    expect(grants.rows.map((g) => g.privilege_type)).toEqual(['INSERT', 'SELECT']);
  });

  it('cannot change the schema or the migration record', async () => {
    expect((await refusal(`create table intruder (id int)`)).code).toBe('42501');
    expect((await refusal(`drop table student`)).code).toBe('42501');
    expect((await refusal(`delete from schema_migration`)).code).toBe('42501');
    expect((await refusal(`update schema_migration set checksum = null`)).code).toBe('42501');
  });

  it('does the normal work of the app through its routes: sign-in, audited writes, reads', async () => {
    const seqBefore = await ctx.db
      .selectFrom('audit_log')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // Sign-in writes a session and audit entries (and, for staff, the authenticator enrolment).
    const admin = await ctx.signIn('sadmin03');
    expect((await admin.get('/api/v1/session')).statusCode).toBe(200);
    // Accounts, role bindings and the printout's audit entry, in one transaction.
    const f = await demoFixtures(ctx.db);
    const printed = await admin.post(`/api/v1/accounts/classes/${f.otherClassInHome.id}/credentials`, {
      format: 'xlsx',
      scope: 'new',
    });
    expect(printed.statusCode, printed.body).toBe(200);
    const after = await ctx.db
      .selectFrom('audit_log')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBeGreaterThan(seqBefore.n);
    const printouts = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'account.print').execute();
    expect(printouts).toHaveLength(1);
    expect(await ctx.db.selectFrom('user_session').select('user_id').execute()).not.toHaveLength(0);
  });
});
