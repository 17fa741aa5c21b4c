import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.js';
import { generateInitialPassword, hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/types.js';

/**
 * First start of a real city (issue 14): the city's org unit, its first system administrator and the first
 * member of the city guidance centre — the rows that cannot be made in the app. The administrator because
 * somebody has to sign in first; the centre's member because every role that reads psychological data takes
 * effect only when a second person holding an approver role above it agrees (core `approversFor`), and the
 * chain of approvers (city centre → district centre → school leader → psychology teacher) has to start with
 * someone nobody in the app could approve. Everything else is built in the web app.
 */
export interface CitySetup {
  city: string;
  cityEn?: string;
  admin: string;
  /** The administrator's display name; defaults to "系统管理员". */
  name?: string;
  /** The city guidance centre's first member (city_staff), who approves the district centres' staff. */
  centreStaff?: string;
  /** Their display name; defaults to "市心理健康指导中心". */
  centreName?: string;
}

export interface CitySetupResult {
  cityId: string;
  adminId: string;
  username: string;
  /** Shown once by the command and never stored: the administrator must replace it at first sign-in. */
  password: string;
  centreStaff: { userId: string; username: string; password: string } | null;
}

/** Why a setup is refused; the command prints the message and exits non-zero. */
export class CitySetupRefused extends Error {}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

export async function setupCity(db: Kysely<Database>, input: CitySetup): Promise<CitySetupResult> {
  const city = input.city.trim();
  const username = input.admin.trim();
  const name = input.name?.trim() || '系统管理员';
  if (!city) throw new CitySetupRefused("--city is required: the city's name, e.g. --city 济宁市");
  if (city.length > 100) throw new CitySetupRefused('--city is longer than 100 characters');
  if (!USERNAME.test(username))
    throw new CitySetupRefused(
      '--admin must be a username of 2–64 letters, digits and . _ @ -, starting with a letter or digit',
    );
  if (name.length > 100) throw new CitySetupRefused('--name is longer than 100 characters');
  const centreUsername = input.centreStaff?.trim();
  const centreName = input.centreName?.trim() || '市心理健康指导中心';
  if (centreUsername !== undefined) {
    if (!USERNAME.test(centreUsername))
      throw new CitySetupRefused(
        '--centre-staff must be a username of 2–64 letters, digits and . _ @ -, starting with a letter or digit',
      );
    // Two people are the point: one account holding both would approve its own administrator's grants.
    if (centreUsername.toLowerCase() === username.toLowerCase())
      throw new CitySetupRefused('--centre-staff must be another person than --admin');
    if (centreName.length > 100) throw new CitySetupRefused('--centre-name is longer than 100 characters');
  }
  const password = generateInitialPassword(12);
  const passwordHash = await hashPassword(password);
  const centrePassword = centreUsername !== undefined ? generateInitialPassword(12) : null;
  const centrePasswordHash = centrePassword ? await hashPassword(centrePassword) : null;

  return db.transaction().execute(async (tx) => {
    // One setup per database, ever: two runs at once wait for each other here, and the second sees the city.
    await sql`select pg_advisory_xact_lock(hashtext('yuxin.city_setup'))`.execute(tx);
    const existing = await tx
      .selectFrom('org_unit')
      .select('name_zh')
      .where('kind', '=', 'city')
      .limit(1)
      .executeTakeFirst();
    if (existing)
      throw new CitySetupRefused(
        `This database already holds the city ${existing.name_zh}: setup runs once. Sign in as its administrator ` +
          'to build the city; a lost administrator password is reset by another administrator.',
      );
    for (const wanted of [username, centreUsername]) {
      if (wanted === undefined) continue;
      const taken = await tx
        .selectFrom('user_account')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['username']), '=', wanted.toLowerCase()))
        .executeTakeFirst();
      if (taken) throw new CitySetupRefused(`The username ${wanted} is already taken.`);
    }

    const cityId = randomUUID();
    await tx
      .insertInto('org_unit')
      .values({
        id: cityId,
        kind: 'city',
        parent_id: null,
        city_id: cityId,
        district_id: null,
        school_id: null,
        grade_id: null,
        code: null,
        name_zh: city,
        name_en: input.cityEn?.trim() || null,
        stage: null,
        grade_level: null,
        class_no: null,
        sort: 0,
      })
      .execute();
    const admin = await tx
      .insertInto('user_account')
      .values({
        kind: 'staff',
        username,
        display_name: name,
        password_hash: passwordHash,
        student_id: null,
        guardian_id: null,
        city_id: cityId,
        district_id: null,
        school_id: null,
        full_time: null,
        // The password was printed on a console: its owner replaces it at first sign-in, and as an
        // administrator also sets up a two-step authenticator before doing anything else.
        must_change_password: true,
        activated_at: null,
        disabled_at: null,
        locked_until: null,
        password_changed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const binding = await tx
      .insertInto('role_binding')
      .values({
        user_id: admin.id,
        role: 'system_admin',
        scope_level: 'city',
        scope_id: cityId,
        city_id: cityId,
        district_id: null,
        school_id: null,
        granted_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let centreStaff: CitySetupResult['centreStaff'] = null;
    let centreBindingId: string | null = null;
    if (centreUsername !== undefined && centrePassword && centrePasswordHash) {
      const centre = await tx
        .insertInto('user_account')
        .values({
          kind: 'staff',
          username: centreUsername,
          display_name: centreName,
          password_hash: centrePasswordHash,
          student_id: null,
          guardian_id: null,
          city_id: cityId,
          district_id: null,
          school_id: null,
          full_time: null,
          must_change_password: true,
          activated_at: null,
          disabled_at: null,
          locked_until: null,
          password_changed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      centreBindingId = (
        await tx
          .insertInto('role_binding')
          .values({
            user_id: centre.id,
            role: 'city_staff',
            scope_level: 'city',
            scope_id: cityId,
            city_id: cityId,
            district_id: null,
            school_id: null,
            granted_by: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      centreStaff = { userId: centre.id, username: centreUsername, password: centrePassword };
    }
    await appendAudit(tx, {
      userId: null,
      username: 'setup',
      bindingId: null,
      role: null,
      action: 'org.city_setup',
      targetType: 'city',
      targetId: cityId,
      cityId,
      districtId: null,
      schoolId: null,
      outcome: 'success',
      requestId: null,
      detail: {
        city,
        admin: username,
        adminId: admin.id,
        bindingId: binding.id,
        ...(centreStaff
          ? { centreStaff: centreStaff.username, centreStaffId: centreStaff.userId, centreBindingId }
          : {}),
      },
    });
    return { cityId, adminId: admin.id, username, password, centreStaff };
  });
}
