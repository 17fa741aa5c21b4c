import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../audit/verify.js';
import { startTestApp, type TestContext } from '../testing/harness.js';
import { verifyAuditCommand } from './verify-audit.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await startTestApp();
  // A few entries on more than one chain: sign-ins of staff in two districts and one at city level.
  for (const username of ['psych03', 'psych07', 'admin']) await ctx.signIn(username);
});
afterAll(() => ctx?.close());

async function run() {
  const lines: string[] = [];
  const code = await verifyAuditCommand(ctx.db, (l) => lines.push(l));
  return { code, lines };
}

describe('audit chain verifier', () => {
  it('passes a clean log and says so', async () => {
    const { code, lines } = await run();
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^audit chains: [3-9]\d*, entries: \d+, problems: 0$/);
    expect(lines.at(-1)).toBe('audit log intact');
  });

  it('keeps the log append-only while its trigger is on', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/);
  });

  it('detects an edited column and an edited payload', async () => {
    const victim = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const other = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '!=', victim.chain)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(ctx.db);
    try {
      await sql`update audit_log set action = 'auth.logout' where id = ${victim.id}`.execute(ctx.db);
      await sql`update audit_log set payload = replace(payload, '"success"', '"failure"') where id = ${other.id}`.execute(
        ctx.db,
      );
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(ctx.db);
    }
    const report = await verifyAuditChains(ctx.db);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { chain: victim.chain, seq: victim.seq, problem: 'column_mismatch' },
        { chain: other.chain, seq: other.seq, problem: 'hash_mismatch' },
      ]),
    );
    const { code, lines } = await run();
    expect(code).toBe(1);
    expect(lines).toContain(`  ${victim.chain} #${victim.seq}: column_mismatch`);
    expect(lines.at(-1)).toBe('AUDIT LOG TAMPERED OR DAMAGED');
  });

  it('detects a removed entry', async () => {
    const last = await ctx.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const middle = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', last.chain)
      .where('seq', '<', last.seq)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(ctx.db);
    try {
      await sql`delete from audit_log where id = ${middle.id}`.execute(ctx.db);
    } finally {
      await sql`alter table audit_log enable trigger audit_log_no_update`.execute(ctx.db);
    }
    const report = await verifyAuditChains(ctx.db);
    expect(report.problems).toEqual(expect.arrayContaining([{ chain: last.chain, seq: middle.seq, problem: 'gap' }]));
  });
});
