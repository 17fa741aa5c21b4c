import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCampaignId } from '../seed/demo-screening.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { openDatabase } from './connect.js';
import { caughtUpReadDb } from './replica.js';
import type { Database } from './types.js';

// Needs two connections to a real server; PGlite has one in-process database and no replica.
const pgUrl = process.env.YUXIN_TEST_PG;

describe.skipIf(!pgUrl)('DATABASE_REPLICA_URL: report and export reads on the replica', () => {
  let ctx: TestContext;
  let replica: Kysely<Database>;
  let replicaPool: pg.Pool;
  const replicaSql: string[] = [];
  let district: Agent;
  let campaignId: string;
  let districtId: string;
  let schoolId: string;

  beforeAll(async () => {
    ctx = await startTestApp(
      {},
      {
        // The same database under a second pool that, like a hot standby, refuses every write: a write the
        // app wrongly sent here would fail the request. Its statements are recorded.
        readDb: (appUrl) => {
          replicaPool = new pg.Pool({
            connectionString: appUrl,
            max: 4,
            options: '-c default_transaction_read_only=on',
          });
          replica = new Kysely<Database>({
            dialect: new PostgresDialect({ pool: replicaPool }),
            log: (event) => void replicaSql.push(event.query.sql),
          });
          return replica;
        },
      },
    );
    const f = await demoFixtures(ctx.db);
    campaignId = demoCampaignId(f.home.city_id);
    districtId = f.home.district_id!;
    schoolId = f.home.id;
    district = await ctx.signIn('district01');
  }, 180_000);

  afterAll(async () => {
    await replica?.destroy();
    await ctx?.close();
  });

  it('reads the report counts from the replica, and folds and audits on the primary', async () => {
    replicaSql.length = 0;
    const auditBefore = await exports(ctx);
    const res = await district.get(`/api/v1/reports/campaigns/${campaignId}?unitId=${districtId}`);
    expect(res.statusCode).toBe(200);
    expect(replicaSql.some((q) => /from report_cell/.test(q))).toBe(true);
    // The fold writes; had it run on the replica, the read-only pool would have refused it.
    expect(replicaSql.some((q) => /report_fold/.test(q))).toBe(false);

    replicaSql.length = 0;
    const file = await district.get(`/api/v1/reports/campaigns/${campaignId}/report.xlsx?unitId=${districtId}`);
    expect(file.statusCode).toBe(200);
    expect(replicaSql.some((q) => /from report_cell/.test(q))).toBe(true);
    // The export's audit entry is written on the primary.
    expect(await exports(ctx)).toBe(auditBefore + 1);
  });

  it('reads the compliance report from the replica', async () => {
    const admin = await ctx.signIn('sadmin03');
    replicaSql.length = 0;
    const res = await admin.get(`/api/v1/compliance/report?unitId=${schoolId}`);
    expect(res.statusCode).toBe(200);
    expect(replicaSql.some((q) => /from audit_log/.test(q))).toBe(true);
  });

  it('falls back to the primary when the replica is unreachable or behind', async () => {
    const down = await openDatabase({
      url: 'postgres://nobody@127.0.0.1:1/none',
      timeouts: { connectMs: 500, statementMs: 0, queryMs: 0 },
      onIdleConnectionError: () => undefined,
    });
    try {
      expect(await caughtUpReadDb(ctx.appDb, down.db)).toBe(ctx.appDb);
    } finally {
      await down.close();
    }
    // A server that is not in recovery has nothing to replay: it is used as it is.
    expect(await caughtUpReadDb(ctx.appDb, replica)).toBe(replica);
    // Without a replica nothing is asked.
    expect(await caughtUpReadDb(ctx.appDb, ctx.appDb)).toBe(ctx.appDb);
  });

  it('without DATABASE_REPLICA_URL the handle reads where it writes', async () => {
    const handle = await openDatabase({ url: pgUrl!, poolSize: 1 });
    try {
      expect(handle.readDb).toBe(handle.db);
    } finally {
      await handle.close();
    }
  });
});

describe.skipIf(!pgUrl)('YUXIN_DB_PREPARED_STATEMENTS', () => {
  /** Named statements the one connection of a fresh one-connection pool holds after a parameterised query. */
  async function preparedAfterQuery(preparedStatements: boolean | undefined) {
    const handle = await openDatabase({ url: pgUrl!, poolSize: 1, preparedStatements });
    try {
      await sql`select ${1}::int as one`.execute(handle.db);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(
        handle.db,
      );
      return rows[0]!.n;
    } finally {
      await handle.close();
    }
  }

  it('names statements by default, and none when switched off (PgBouncer in transaction mode)', async () => {
    expect(await preparedAfterQuery(undefined)).toBe(1);
    expect(await preparedAfterQuery(false)).toBe(0);
  });
});

async function exports(ctx: TestContext) {
  const { n } = await ctx.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'report.export')
    .executeTakeFirstOrThrow();
  return n;
}
