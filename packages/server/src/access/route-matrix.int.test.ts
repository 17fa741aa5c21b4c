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
  if (route === 'POST /api/v1/auth/login') {
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
