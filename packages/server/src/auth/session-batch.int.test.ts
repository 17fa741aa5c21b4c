import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, type AuditEntry } from '../audit/audit.js';
import { verifyAuditChains } from '../audit/verify.js';
import { accountIdOf } from '../testing/account-fixtures.js';
import { startTestApp, type TestContext } from '../testing/harness.js';
import { createSession, hashToken } from './sessions.js';

let ctx: TestContext;
let userId: string;
let schoolId: string;

beforeAll(async () => {
  ctx = await startTestApp();
  userId = await accountIdOf(ctx.db, 'psych07');
  const account = await ctx.db
    .selectFrom('user_account')
    .select('school_id')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  schoolId = account.school_id!;
});
afterAll(() => ctx?.close());

const audit = (schoolId: string | null = null): AuditEntry => ({
  userId,
  username: 'psych07',
  bindingId: null,
  role: null,
  action: 'auth.login',
  targetType: 'account',
  targetId: userId,
  cityId: null,
  districtId: null,
  schoolId,
  outcome: 'success',
  requestId: randomUUID(),
});

const sessionRow = (token: string) =>
  ctx.db.selectFrom('user_session').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();

describe('sign-ins written together', () => {
  it('opens every session of a burst with its audit entry, and the chains still verify', async () => {
    const before = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const opened = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        createSession(ctx.appDb, userId, { absoluteHours: 1, ip: '10.0.0.1' }, audit(i % 2 ? schoolId : null)),
      ),
    );
    for (const { token, csrfToken } of opened) expect((await sessionRow(token))?.csrf_token).toBe(csrfToken);
    const after = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(60);
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });

  it('wins the race for a new chain’s first entry against a writer still in its transaction', async () => {
    // The school is new, so its chain has no head to lock: the other writer's first entry is not committed
    // when the batch reads the heads, and the batch's own first entry then collides with it on commit.
    const entry = { ...audit(randomUUID()), requestId: 'race' };
    let opening: Promise<unknown> = Promise.resolve();
    await ctx.appDb.transaction().execute(async (tx) => {
      await appendAudit(tx, { ...entry, action: 'student.read' });
      opening = createSession(ctx.appDb, userId, { absoluteHours: 1 }, entry);
      await new Promise((r) => setTimeout(r, 300));
    });
    await opening;
    const chain = await ctx.db
      .selectFrom('audit_log')
      .select(['seq', 'action'])
      .where('request_id', '=', 'race')
      .orderBy('seq')
      .execute();
    expect(chain).toEqual([
      { seq: expect.anything(), action: 'student.read' },
      { seq: expect.anything(), action: 'auth.login' },
    ]);
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });

  it('fails only the sign-in whose row cannot be written, not the others of its batch', async () => {
    const results = await Promise.allSettled([
      createSession(ctx.appDb, userId, { absoluteHours: 1 }, audit()),
      createSession(ctx.appDb, randomUUID(), { absoluteHours: 1 }, audit()),
      createSession(ctx.appDb, userId, { absoluteHours: 1 }, audit()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    for (const r of results) if (r.status === 'fulfilled') expect(await sessionRow(r.value.token)).toBeDefined();
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);
  });

  it('writes through a caller’s transaction, so a rollback leaves neither session nor entry', async () => {
    const entry = audit();
    let token = '';
    await expect(
      ctx.appDb.transaction().execute(async (tx) => {
        token = (await createSession(tx, userId, { absoluteHours: 1 }, entry)).token;
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await sessionRow(token)).toBeUndefined();
    const logged = await ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('request_id', '=', entry.requestId)
      .executeTakeFirst();
    expect(logged).toBeUndefined();
  });
});
