import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestContext } from '../testing/harness.js';

let ctx: TestContext;
let psych: Agent;
beforeAll(async () => {
  ctx = await startTestApp();
  psych = await ctx.signIn('psych03');
});
afterAll(() => ctx?.close());

async function inBoth(url: string, send: (agent: Agent, url: string) => ReturnType<Agent['get']>) {
  const answers: Record<string, { status: number; type: string; field: string; detail: string }> = {};
  for (const locale of ['zh-CN', 'en']) {
    psych.locale = locale;
    const res = await send(psych, url);
    const json = res.json();
    answers[locale] = { status: res.statusCode, type: json.type, field: json.errors?.[0]?.field, detail: json.detail };
  }
  psych.locale = 'zh-CN';
  return answers;
}

describe('bounded input', () => {
  it('answers out-of-range and non-finite page numbers with a 400 naming the field', async () => {
    for (const page of ['1e309', '99999999999999999999', '-1e309', '100001', '0']) {
      const { en, 'zh-CN': zh } = await inBoth(`/api/v1/students?page=${page}`, (a, u) => a.get(u));
      expect(en!.status, page).toBe(400);
      expect(en!.type).toBe('urn:yuxin:problem:validation');
      expect(en!.field).toBe('/page');
      expect(en!.detail).toMatch(/page/);
      expect(zh!.detail).toMatch(/页码/);
    }
    expect((await psych.get('/api/v1/alerts?pageSize=1e309')).statusCode).toBe(400);
    expect((await psych.get('/api/v1/students?page=2')).statusCode).toBe(200);
  });

  it('refuses NUL and lone surrogates in query, path and JSON, in both languages', async () => {
    const query = await inBoth('/api/v1/students?q=a%00b', (a, u) => a.get(u));
    expect(query.en).toMatchObject({ status: 400, field: '/q' });
    expect(query.en!.detail).toContain('not allowed');
    expect(query['zh-CN']!.detail).toContain('不允许的字符');
    // A lone surrogate cannot travel as UTF-8 in a URL; it can inside JSON as an escape.
    const body = await inBoth('/api/v1/me/locale', (a, u) => a.put(u, { locale: 'en\ud800' }));
    expect(body.en).toMatchObject({ status: 400, field: '/locale' });
    const nested = await psych.post('/api/v1/auth/change-password', {
      currentPassword: 'x',
      newPassword: 'ok\u0000ok1234',
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errors[0].field).toBe('/newPassword');
    const key = await psych.put('/api/v1/me/locale', { ['lo\u0000cale']: 'en' });
    expect(key.statusCode).toBe(400);
    expect(key.json().errors[0].field).toBe('/lo\ufffdcale');
    const path = await psych.get('/api/v1/students/%00');
    expect(path.statusCode).toBe(400);
    expect(path.json().errors[0].field).toBe('/id');
    // Tab, line feed and carriage return stay allowed: notes have lines.
    expect((await psych.get('/api/v1/students?q=a%0Ab')).statusCode).toBe(200);
  });

  it('never turns a JSON number into a string or a string into a number', async () => {
    const numberForString = await psych.post('/api/v1/auth/change-password', {
      currentPassword: 12345678,
      newPassword: 'Another2026pass',
    });
    expect(numberForString.statusCode).toBe(400);
    expect(numberForString.json().errors[0].field).toBe('/currentPassword');
    const grant = await ctx.signIn('admin');
    const res = await grant.request('GET', '/api/v1/staff?page=1&pageSize=5');
    expect(res.statusCode).toBe(200);
    // In a query string numbers are text by nature, so "5" is read as 5 there (and only there).
    expect(res.json().pageSize).toBe(5);
  });
});
