import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App, type AppDeps } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import type { DemoCity } from '../seed/demo.js';
import { DEMO_PASSWORD } from './seed-snapshot.js';
import { createSeededTestDatabase } from './test-db.js';
import { totpCode } from './totp.js';
import { screeningMatrixFixtures } from './screening-factory.js';
import { counselingMatrixFixtures } from './counseling-factory.js';
import { mailboxMatrixFixtures } from './mailbox-factory.js';
import { parentSchoolMatrixFixtures } from './parent-school-factory.js';
import { activityMatrixFixtures } from './activity-factory.js';
import { caseMatrixFixtures } from './case-factory.js';
import { warningMatrixFixtures } from './warning-factory.js';
import { grantMatrixFixtures } from './grant-factory.js';
import { hotlineMatrixFixtures } from './hotline-factory.js';
import { wellbeingMatrixFixtures } from './wellbeing-factory.js';
import { transferMatrixFixtures } from './transfer-factory.js';

export { DEMO_PASSWORD };
/** Encrypts this test process's notes; a fresh key per run, never a file in the working tree. */
export const TEST_DATA_KEY = randomBytes(32).toString('base64');

export interface TestContext {
  app: App;
  handle: DatabaseHandle;
  /** The owner's connection: migrations, seeding and fixtures that no route makes. */
  db: DatabaseHandle['db'];
  /**
   * The connection the app runs on: on PostgreSQL the least-privileged app role (README, "On PostgreSQL"),
   * so every route is tested with the rights it has in production; on PGlite the same as db.
   */
  appDb: DatabaseHandle['db'];
  demo: DemoCity;
  config: Config;
  /** Signs in through the real login route and returns a client carrying its cookie and CSRF token. */
  signIn(username: string, password?: string): Promise<Agent>;
  anonymous(): Agent;
  close(): Promise<void>;
}

/**
 * `deps.warning` gives the app a fake clock or channel adapters; tests that tick by hand pass intervalMs 0.
 * `deps.readDb` opens the app's report reads on a pool of the caller's, given the app's own database URL.
 */
export async function startTestApp(
  overrides: Partial<Config> = {},
  deps: Pick<AppDeps, 'warning'> & { readDb?: (appUrl: string) => AppDeps['readDb'] } = {},
): Promise<TestContext> {
  const { handle, demo } = await createSeededTestDatabase();
  let app: App;
  let appHandle: DatabaseHandle = handle;
  const config = {
    ...loadConfig({}),
    seedDemo: false,
    webDist: '/nonexistent',
    dataKey: TEST_DATA_KEY,
    // Tests fire bursts on purpose and run on busy machines; admission.int.test.ts turns it on itself.
    admission: { maxInFlight: 0, maxSignInsInFlight: 0, maxEventLoopDelayMs: 0, retryAfterSeconds: 2 },
    ...overrides,
  };
  try {
    if (handle.appUrl)
      appHandle = await openDatabase({ url: handle.appUrl, poolSize: 10, onIdleConnectionError: () => undefined });
    const readDb = handle.appUrl ? deps.readDb?.(handle.appUrl) : undefined;
    app = await buildApp({ db: appHandle.db, config, warning: deps.warning, readDb }, { logger: false });
    await app.ready();
  } catch (err) {
    // Drop the fresh database even when setup fails, so a broken run leaves nothing behind.
    if (appHandle !== handle) await appHandle.close();
    await handle.close();
    throw err;
  }
  return {
    app,
    handle,
    db: handle.db,
    appDb: appHandle.db,
    demo,
    config,
    signIn: (username, password = DEMO_PASSWORD) => signInTo(app, handle.db, username, password),
    anonymous: () => new Agent(app),
    async close() {
      await app.close();
      if (appHandle !== handle) await appHandle.close();
      await handle.close();
    },
  };
}

/**
 * Signs a user in to a given app, second factor included. Tests that build a second app over the same
 * database (a restarted process, a failing gateway) sign in through this.
 */
export async function signInTo(app: App, db: DatabaseHandle['db'], username: string, password = DEMO_PASSWORD) {
  const agent = new Agent(app);
  const res = await agent.post('/api/v1/auth/login', { username, password });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  await settleSecondFactor(agent, db, username, res.json<LoginView>());
  return agent;
}

// A Buffer is a raw body already encoded by the caller (multipart uploads).
type Body = Record<string, unknown> | unknown[] | Buffer | undefined;

interface LoginView {
  user: { id: string; secondFactor: 'verify' | 'enrol' | null };
}

/**
 * Staff who must use a second factor set up an authenticator through the real routes the first time they
 * sign in (the test city is seeded without any), and give a code computed from that secret afterwards.
 * Tests sign the same account in many times within one 30-second step, and a code is good once: before it
 * computes a code the harness forgets the account's last accepted step. totp.int.test.ts checks the replay
 * refusal itself, without this helper.
 */
const secondFactorSecrets = new WeakMap<DatabaseHandle['db'], Map<string, string>>();
async function settleSecondFactor(agent: Agent, db: DatabaseHandle['db'], username: string, view: LoginView) {
  const owed = view.user.secondFactor;
  if (!owed) return;
  const secrets = secondFactorSecrets.get(db) ?? new Map<string, string>();
  secondFactorSecrets.set(db, secrets);
  const fail = (step: string, res: LightMyRequestResponse) => {
    throw new Error(`second factor of ${username} (${step}) failed: ${res.statusCode} ${res.body}`);
  };
  if (owed === 'enrol') {
    const begun = await agent.post('/api/v1/auth/two-factor/enrolment');
    if (begun.statusCode !== 200) fail('enrolment', begun);
    const secret = begun.json<{ secret: string }>().secret;
    const confirmed = await agent.post('/api/v1/auth/two-factor/enrolment/confirm', {
      code: await totpCode(secret),
    });
    if (confirmed.statusCode !== 200) fail('confirmation', confirmed);
    secrets.set(username, secret);
    return;
  }
  const secret = secrets.get(username);
  if (!secret) throw new Error(`${username} has an authenticator this test harness did not set up`);
  await db.updateTable('staff_two_factor').set({ last_step: null }).where('user_id', '=', view.user.id).execute();
  const verified = await agent.post('/api/v1/auth/two-factor/verify', { code: await totpCode(secret) });
  if (verified.statusCode !== 200) fail('code', verified);
}

/** A browser-like client over app.inject: keeps the session cookie and sends the CSRF header. */
export class Agent {
  cookie: string | undefined;
  csrf: string | undefined;
  locale = 'zh-CN';

  constructor(readonly app: App) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        'accept-language': this.locale,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'yx_sid');
    if (set) this.cookie = set.value ? `yx_sid=${set.value}` : undefined;
    if (
      res.statusCode === 200 &&
      /\/auth\/login$|\/auth\/screening-code$|\/session$|\/auth\/two-factor\/(verify|enrolment\/confirm)$/.test(url)
    ) {
      const json = res.json<{ csrfToken?: string }>();
      if (json.csrfToken) this.csrf = json.csrfToken;
    }
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  put(url: string, body?: Body) {
    return this.request('PUT', url, body ?? {});
  }
  patch(url: string, body?: Body) {
    return this.request('PATCH', url, body ?? {});
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

/** Looks up demo fixtures by their role in the demo cast. */
export async function demoFixtures(db: DatabaseHandle['db']) {
  const schools = await db
    .selectFrom('org_unit')
    .select(['id', 'name_zh', 'district_id'])
    .where('kind', '=', 'school')
    .orderBy('district_id')
    .execute();
  const home = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('name_zh', '=', '东城第一初级中学')
    .executeTakeFirstOrThrow();
  const other = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('name_zh', '=', '西城第二初级中学')
    .executeTakeFirstOrThrow();
  const homeClass = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('school_id', '=', home.id)
    .where('kind', '=', 'class')
    .where('grade_level', '=', 8)
    .where('class_no', '=', 1)
    .executeTakeFirstOrThrow();
  const otherClassInHome = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('school_id', '=', home.id)
    .where('kind', '=', 'class')
    .where('grade_level', '=', 8)
    .where('class_no', '=', 2)
    .executeTakeFirstOrThrow();
  const otherClass = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('school_id', '=', other.id)
    .where('kind', '=', 'class')
    .limit(1)
    .executeTakeFirstOrThrow();
  const studentIn = (classId: string) =>
    db
      .selectFrom('student')
      .selectAll()
      .where('class_id', '=', classId)
      .orderBy('student_no')
      .limit(1)
      .executeTakeFirstOrThrow();
  const homeStudent = await studentIn(homeClass.id);
  const homeOtherClassStudent = await studentIn(otherClassInHome.id);
  const otherStudent = await studentIn(otherClass.id);
  const otherDistrictSchool = schools.find((s) => s.district_id !== home.district_id)!;
  // The student who signs in as the demo cast's `student`, whose guardian signs in as `guardian`: in the
  // seed the only account holder of the class who is not its peer supporter and has a guardian account.
  const demoStudent = await db
    .selectFrom('student as s')
    .innerJoin('user_account as u', 'u.student_id', 's.id')
    .selectAll('s')
    .where('s.class_id', '=', homeClass.id)
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb
              .selectFrom('role_binding as rb')
              .select('rb.id')
              .whereRef('rb.user_id', '=', 'u.id')
              .where('rb.role', '=', 'peer_supporter'),
          ),
        ),
        eb.exists(
          eb
            .selectFrom('role_binding as gb')
            .select('gb.id')
            .whereRef('gb.scope_id', '=', 's.id')
            .where('gb.role', '=', 'guardian'),
        ),
      ]),
    )
    .orderBy('u.created_at')
    .orderBy('s.student_no')
    .limit(1)
    .executeTakeFirstOrThrow();
  // The demo student's self-report in the seeded campaign, once seed/demo-screening.ts provides one.
  const demoAssignment = await db
    .selectFrom('screening_assignment')
    .select(['id', 'campaign_id', 'status', 'consent_status'])
    .where('student_id', '=', demoStudent.id)
    .where('respondent', '=', 'self')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  // Screening records made on first use, for builders that need an assignment, response, tier or alert.
  const screening = screeningMatrixFixtures(db, { demoStudent, otherStudent });
  return {
    schools,
    home,
    other,
    homeClass,
    otherClassInHome,
    otherClass,
    homeStudent,
    homeOtherClassStudent,
    otherStudent,
    otherDistrictSchool,
    demoStudent,
    demoAssignment,
    screening,
    warning: warningMatrixFixtures(db),
    grants: grantMatrixFixtures(db),
    cases: caseMatrixFixtures(db, { demoStudent, otherStudent }),
    hotline: hotlineMatrixFixtures(db, { demoStudent, otherStudent }),
    counseling: counselingMatrixFixtures(db, { home: demoStudent, other: otherStudent }),
    wellbeing: wellbeingMatrixFixtures(db, { home, other }),
    transfers: transferMatrixFixtures(db, {
      home: home.id,
      other: other.id,
      excludedClasses: [homeClass.id, otherClassInHome.id, otherClass.id],
    }),
    parentSchool: parentSchoolMatrixFixtures(db, { home: demoStudent, other: otherStudent }),
    mailbox: mailboxMatrixFixtures(db, {
      home: demoStudent,
      classmate: homeOtherClassStudent,
      other: otherStudent,
    }),
    activities: activityMatrixFixtures(db, { home: homeClass, otherClassInHome, other: otherClass }),
  };
}
