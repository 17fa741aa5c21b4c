/// <reference types="vite/client" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, demoFixtures, startTestApp, type TestContext } from '../testing/harness.js';
import {
  actorUsernames,
  MATRIX_ACTORS,
  type Fixtures,
  type MatrixActor,
  type MatrixCase,
  type MatrixRow,
} from '../testing/matrix.js';

// Every route module keeps its rows beside it in `<module>.matrix.ts`.
const modules = import.meta.glob<{ rows: MatrixRow[] }>('../routes/*.matrix.ts', { eager: true });
const rows = Object.values(modules).flatMap((m) => m.rows);
const SESSION_ENDING = new Set(['POST /api/v1/auth/logout', 'POST /api/v1/auth/logout-all']);
/** Sign-in routes answer a wrong secret with 401 to everyone, signed in or not. */
const SIGN_IN = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/screening-code']);

let ctx: TestContext;
let fixtures: Fixtures;
const agents = new Map<MatrixActor, Agent>();

beforeAll(async () => {
  ctx = await startTestApp();
  fixtures = await demoFixtures(ctx.db);
  const usernames = actorUsernames(ctx.demo);
  agents.set('anonymous', ctx.anonymous());
  for (const [actor, username] of Object.entries(usernames))
    agents.set(actor as MatrixActor, await ctx.signIn(username));
});
afterAll(() => ctx?.close());

async function send(agent: Agent, method: string, c: MatrixCase) {
  const req = await c.request(fixtures);
  if (req.payload !== undefined) {
    return agent.app.inject({
      method: method as 'POST',
      url: req.url,
      payload: req.payload,
      headers: {
        ...(agent.cookie ? { cookie: agent.cookie } : {}),
        ...(agent.csrf ? { 'x-csrf-token': agent.csrf } : {}),
        ...req.headers,
      },
    });
  }
  return agent.request(method as 'GET', req.url, method === 'GET' ? undefined : (req.body ?? {}), req.headers);
}

function expectOutcome(
  route: string,
  c: MatrixCase,
  actor: MatrixActor,
  status: number,
  contentType: string | undefined,
) {
  const label = `${route} [${c.name}] as ${actor} → ${status}`;
  if (c.allow.includes(actor)) {
    expect(c.okStatus ?? [200, 201, 202, 204], label).toContain(status);
    return;
  }
  if (SIGN_IN.has(route)) {
    expect(status, label).toBe(401);
    return;
  }
  if (actor === 'anonymous') expect(status, label).toBe(401);
  else expect([403, 404], label).toContain(status);
  // A refusal is a problem document, never data.
  expect(contentType ?? '', label).toContain('application/problem+json');
}

describe('role × route matrix', () => {
  it('has a row for every registered API route, and a cross-school case for every route that takes an id', () => {
    const registered = new Set(
      ctx.app.yuxinRoutes.filter((r) => !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`),
    );
    const covered = new Set(rows.map((r) => r.route));
    expect(
      [...registered].filter((r) => !covered.has(r)),
      'routes without a matrix row',
    ).toEqual([]);
    expect(
      [...covered].filter((r) => !registered.has(r)),
      'matrix rows for routes that do not exist',
    ).toEqual([]);
    const scoped = ctx.app.yuxinRoutes.filter(
      (r) => r.url.includes('/:') && r.policy !== 'public' && r.policy !== 'authenticated',
    );
    const missingCross = scoped
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !rows.find((row) => row.route === key)?.cases.some((c) => c.crossSchool));
    expect(missingCross, 'id routes without a cross-school case').toEqual([]);
  });

  const ordinary = rows.filter((r) => !SESSION_ENDING.has(r.route));
  for (const row of ordinary) {
    for (const c of row.cases) {
      it(`${row.route} — ${c.name}`, async () => {
        const method = row.route.split(' ')[0]!;
        for (const actor of MATRIX_ACTORS) {
          const res = await send(agents.get(actor)!, method, c);
          expectOutcome(row.route, c, actor, res.statusCode, res.headers['content-type'] as string | undefined);
        }
      });
    }
  }

  for (const row of rows.filter((r) => SESSION_ENDING.has(r.route))) {
    for (const c of row.cases) {
      it(`${row.route} — ${c.name} (fresh sessions)`, async () => {
        const usernames = actorUsernames(ctx.demo);
        const method = row.route.split(' ')[0]!;
        for (const actor of MATRIX_ACTORS) {
          const agent = actor === 'anonymous' ? ctx.anonymous() : await ctx.signIn(usernames[actor]);
          const res = await send(agent, method, c);
          expectOutcome(row.route, c, actor, res.statusCode, res.headers['content-type'] as string | undefined);
          if (actor !== 'anonymous') expect((await agent.get('/api/v1/session')).statusCode).toBe(401);
        }
      });
    }
  }
});

// A session opened with a screening code reaches its one questionnaire and nothing else of the account:
// every row is tried again with such a session of the demo student, for the demo assignment.
const CODE_ROUTES = new Set([
  'GET /api/v1/session',
  'GET /api/v1/my/screenings',
  'GET /api/v1/my/screenings/:assignmentId',
  'PUT /api/v1/my/screenings/:assignmentId/draft',
  'POST /api/v1/my/screenings/:assignmentId/submit',
]);

describe('role × route matrix: a screening-code session', () => {
  let code: Agent;
  let assignmentId: string;
  const policies = new Map<string, string>();

  beforeAll(async () => {
    for (const r of ctx.app.yuxinRoutes) policies.set(`${r.method} ${r.url}`, r.policy);
    assignmentId = fixtures.demoAssignment!.id;
    const teacher = await ctx.signIn(actorUsernames(ctx.demo).head_teacher);
    const issued = await teacher.post(
      `/api/v1/campaigns/${fixtures.demoAssignment!.campaign_id}/classes/${fixtures.homeClass.id}/screening-codes`,
      {},
    );
    expect(issued.statusCode, issued.body).toBe(200);
    const slip = issued
      .json<{ slips: Array<{ assignmentId: string; code: string }> }>()
      .slips.find((s) => s.assignmentId === assignmentId)!;
    code = ctx.anonymous();
    const signedIn = await code.post('/api/v1/auth/screening-code', { code: slip.code });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
  });

  for (const row of rows.filter((r) => !SESSION_ENDING.has(r.route))) {
    for (const c of row.cases) {
      it(`${row.route} — ${c.name}`, async () => {
        const method = row.route.split(' ')[0]!;
        const req = await c.request(fixtures);
        const res = await send(code, method, c);
        const label = `${row.route} [${c.name}] with a screening code → ${res.statusCode}`;
        if (SIGN_IN.has(row.route)) return expect(res.statusCode, label).toBe(401);
        const reachable =
          c.allow.includes('student') &&
          (policies.get(row.route) === 'public' ||
            (CODE_ROUTES.has(row.route) && (!row.route.includes(':assignmentId') || req.url.includes(assignmentId))));
        if (reachable) {
          expect(c.okStatus ?? [200, 201, 202, 204], label).toContain(res.statusCode);
        } else {
          expect([403, 404], label).toContain(res.statusCode);
          expect((res.headers['content-type'] as string | undefined) ?? '', label).toContain(
            'application/problem+json',
          );
        }
      });
    }
  }
});
