import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { startTestApp, type TestContext } from '../testing/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(() => ctx?.close());

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('request logs', () => {
  it('hold the route pattern, status, timing and request id, never query values, bodies or ids', async () => {
    const student = await ctx.db
      .selectFrom('student')
      .select(['id', 'name', 'student_no'])
      .where(
        'school_id',
        '=',
        (
          await ctx.db
            .selectFrom('org_unit')
            .select('id')
            .where('name_zh', '=', '东城第一初级中学')
            .executeTakeFirstOrThrow()
        ).id,
      )
      .executeTakeFirstOrThrow();
    // A session from the shared database, used against a second app instance whose logs are captured.
    const psych = await ctx.signIn('psych03');
    const { lines, stream } = capture();
    const app = await buildApp({ db: ctx.db, config: { ...ctx.config, logLevel: 'trace' } }, { logStream: stream });
    try {
      const headers = { cookie: psych.cookie!, 'x-csrf-token': psych.csrf!, 'accept-language': 'en' };
      const search = await app.inject({
        method: 'GET',
        url: `/api/v1/students?q=${encodeURIComponent(student.name)}&pageSize=5`,
        headers,
      });
      expect(search.statusCode).toBe(200);
      expect(search.json().items.map((s: { id: string }) => s.id)).toContain(student.id);
      const one = await app.inject({ method: 'GET', url: `/api/v1/students/${student.id}`, headers });
      expect(one.statusCode).toBe(200);
      const byNumber = await app.inject({
        method: 'GET',
        url: `/api/v1/students?q=${encodeURIComponent(student.student_no)}`,
        headers,
      });
      expect(byNumber.statusCode).toBe(200);
      // A rejected body is not echoed either.
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: student.name, password: 'Wrong-but-secret-1' },
      });
      expect(bad.statusCode).toBe(401);
    } finally {
      await app.close();
    }
    const all = lines.join('');
    expect(all).not.toContain(student.name);
    expect(all).not.toContain(encodeURIComponent(student.name));
    expect(all).not.toContain(student.student_no);
    expect(all).not.toContain(student.id);
    expect(all).not.toContain('Wrong-but-secret-1');
    expect(all).not.toContain('?q=');

    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(4);
    expect(requests[0]).toMatchObject({ method: 'GET', route: '/api/v1/students', status: 200 });
    expect(requests[1]).toMatchObject({ method: 'GET', route: '/api/v1/students/:id', status: 200 });
    expect(requests[3]).toMatchObject({ method: 'POST', route: '/api/v1/auth/login', status: 401 });
    for (const r of requests) {
      expect(typeof r.ms).toBe('number');
      expect(r.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(r).not.toHaveProperty('req');
      expect(r).not.toHaveProperty('url');
    }
  });
});
