import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { verifyPassword } from '../auth/passwords.js';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { CitySetupRefused, setupCity } from '../org/city-setup.js';
import { signInTo, TEST_DATA_KEY } from '../testing/harness.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.js';
import { parseSetupArgs, runSetup } from './setup.js';

// First start of a real city (issue 14): an empty database gets its city and first administrator, who signs
// in with the printed one-time password, must replace it, and can then build the city in the app.
let handle: TestDatabase;
const work = mkdtempSync(join(tmpdir(), 'yuxin-setup-'));
beforeAll(async () => {
  handle = await createTestDatabase();
  await migrate(handle.db);
});
afterAll(async () => {
  await handle?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run setup', () => {
  it('reads its arguments and names the missing ones', () => {
    expect(
      parseSetupArgs(['--city', '济宁市', '--admin', 'jn.admin', '--name', '张主任', '--centre-staff', 'jn.centre']),
    ).toMatchObject({ city: '济宁市', admin: 'jn.admin', name: '张主任', centreStaff: 'jn.centre' });
    expect(() => parseSetupArgs(['--city', '济宁市'])).toThrow(/Usage: npm run setup/);
    // Without the centre's member nobody could ever approve a role that reads psychological data.
    expect(() => parseSetupArgs(['--city', '济宁市', '--admin', 'jn.admin'])).toThrow(/--centre-staff/);
  });

  it('creates the city and its administrator with a one-time password, then refuses a second run', async () => {
    const result = await setupCity(handle.db, { city: '济宁市', admin: 'jn.admin', name: '张主任' });
    expect(result.password).toMatch(/^[A-Za-z2-9]{12}$/);
    const city = await handle.db
      .selectFrom('org_unit')
      .selectAll()
      .where('kind', '=', 'city')
      .executeTakeFirstOrThrow();
    expect(city).toMatchObject({ id: result.cityId, name_zh: '济宁市', city_id: result.cityId, parent_id: null });
    const account = await handle.db
      .selectFrom('user_account')
      .selectAll()
      .where('id', '=', result.adminId)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ username: 'jn.admin', display_name: '张主任', must_change_password: true });
    expect(account.password_hash).not.toContain(result.password);
    expect(await verifyPassword(account.password_hash, result.password)).toBe(true);
    const binding = await handle.db
      .selectFrom('role_binding')
      .selectAll()
      .where('user_id', '=', result.adminId)
      .execute();
    expect(binding).toMatchObject([{ role: 'system_admin', scope_level: 'city', scope_id: result.cityId }]);
    const audit = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'org.city_setup')
      .executeTakeFirstOrThrow();
    expect(audit.target_id).toBe(result.cityId);
    expect(JSON.stringify(audit)).not.toContain(result.password);

    await expect(setupCity(handle.db, { city: '济宁市', admin: 'other.admin' })).rejects.toThrow(CitySetupRefused);
    await expect(setupCity(handle.db, { city: '济南市', admin: 'other.admin' })).rejects.toThrow(
      /already holds the city 济宁市/,
    );
    expect(
      await handle.db.selectFrom('user_account').select('id').where('username', '=', 'other.admin').execute(),
    ).toEqual([]);

    // The administrator signs in with the printed password, must replace it, then builds the city.
    const app = await buildApp(
      {
        db: handle.db,
        config: { ...loadConfig({}), seedDemo: false, webDist: '/nonexistent', dataKey: TEST_DATA_KEY },
      },
      { logger: false },
    );
    try {
      const agent = await signInTo(app, handle.db, 'jn.admin', result.password);
      const session = await agent.get('/api/v1/session');
      expect(session.json()).toMatchObject({ user: { mustChangePassword: true } });
      const blocked = await agent.post('/api/v1/org/units', {
        kind: 'district',
        parentId: result.cityId,
        name: '任城区',
      });
      expect(blocked.statusCode).toBe(403);
      const changed = await agent.post('/api/v1/auth/change-password', {
        currentPassword: result.password,
        newPassword: 'Jining2027ok',
      });
      expect(changed.statusCode).toBeLessThan(300);
      const district = await agent.post('/api/v1/org/units', {
        kind: 'district',
        parentId: result.cityId,
        name: '任城区',
      });
      expect(district.statusCode).toBe(201);
      expect(district.json()).toMatchObject({
        kind: 'district',
        name: '任城区',
        centreName: '任城区学生心理健康指导中心',
      });
    } finally {
      await app.close();
    }
  });

  it("creates the city centre's first member, whose approval lets a district centre member read", async () => {
    const fresh = await createTestDatabase();
    try {
      await migrate(fresh.db);
      await expect(setupCity(fresh.db, { city: '济宁市', admin: 'jn.admin', centreStaff: 'JN.ADMIN' })).rejects.toThrow(
        /another person/,
      );
      const result = await setupCity(fresh.db, { city: '济宁市', admin: 'jn.admin', centreStaff: 'jn.centre' });
      expect(result.centreStaff!.password).toMatch(/^[A-Za-z2-9]{12}$/);
      expect(result.centreStaff!.password).not.toBe(result.password);
      const bindings = await fresh.db
        .selectFrom('role_binding')
        .innerJoin('user_account', 'user_account.id', 'role_binding.user_id')
        .select(['username', 'role', 'scope_level', 'must_change_password'])
        .orderBy('username')
        .execute();
      expect(bindings).toEqual([
        { username: 'jn.admin', role: 'system_admin', scope_level: 'city', must_change_password: true },
        { username: 'jn.centre', role: 'city_staff', scope_level: 'city', must_change_password: true },
      ]);
      const audit = await fresh.db
        .selectFrom('audit_log')
        .select('payload')
        .where('action', '=', 'org.city_setup')
        .executeTakeFirstOrThrow();
      expect(audit.payload).toContain('jn.centre');
      expect(audit.payload).not.toContain(result.centreStaff!.password);
    } finally {
      await fresh.close();
    }
  });

  it('works on the embedded database in YUXIN_DATA_DIR: migrates, sets up once, refuses again', async () => {
    const config = {
      ...loadConfig({}),
      databaseUrl: undefined,
      dataDir: join(work, 'data'),
      embeddedUnsafeNoFsync: true,
    };
    const first = await runSetup(config, { city: '济宁市', admin: 'jn.admin' });
    expect(first.username).toBe('jn.admin');
    await expect(runSetup(config, { city: '济宁市', admin: 'jn.admin2' })).rejects.toThrow(/already holds the city/);
  });

  it.skipIf(!process.env.YUXIN_TEST_PG)(
    'works on PostgreSQL: migrates as DATABASE_MIGRATION_URL, writes the city as the app role of DATABASE_URL',
    async () => {
      const fresh = await createTestDatabase();
      try {
        const owner = new URL(fresh.appUrl!);
        const admin = new URL(process.env.YUXIN_TEST_PG!);
        owner.username = admin.username;
        owner.password = admin.password;
        const config = {
          ...loadConfig({}),
          databaseUrl: fresh.appUrl,
          databaseMigrationUrl: owner.toString(),
        };
        const result = await runSetup(config, { city: '济宁市', admin: 'jn.pg' });
        const account = await fresh.db
          .selectFrom('user_account')
          .select(['username', 'must_change_password'])
          .where('id', '=', result.adminId)
          .executeTakeFirstOrThrow();
        expect(account).toEqual({ username: 'jn.pg', must_change_password: true });
        await expect(runSetup(config, { city: '济宁市', admin: 'jn.pg2' })).rejects.toThrow(/already holds the city/);
      } finally {
        await fresh.close();
      }
    },
  );
});
