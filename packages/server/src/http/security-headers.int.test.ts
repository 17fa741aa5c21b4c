import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startTestApp, type TestContext } from '../testing/harness.js';

let ctx: TestContext;
let webDist: string;
beforeAll(async () => {
  // A stand-in web build, so the HTML answers (file and client-side route fallback) are served.
  webDist = mkdtempSync(join(tmpdir(), 'yuxin-web-'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>t</title><div id="root"></div>');
  ctx = await startTestApp({ webDist, apiDocsPublic: false });
});
afterAll(async () => {
  await ctx?.close();
  rmSync(webDist, { recursive: true, force: true });
});

function csp(header: unknown): Map<string, string> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
  );
}

function expectBrowserHeaders(headers: Record<string, unknown>) {
  const policy = csp(headers['content-security-policy']);
  expect(policy.get('default-src')).toBe("'self'");
  expect(policy.get('script-src')).toBe("'self'");
  expect(policy.get('script-src-attr')).toBe("'none'");
  expect(policy.get('object-src')).toBe("'none'");
  expect(policy.get('frame-ancestors')).toBe("'none'");
  for (const [, values] of [...policy].filter(([name]) => name.startsWith('script'))) {
    expect(values).not.toContain('unsafe-inline');
    expect(values).not.toContain('unsafe-eval');
  }
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

describe('security headers', () => {
  it('guard the HTML of the web app, including client-side routes', async () => {
    for (const url of ['/', '/index.html', '/login', '/students/some-client-route']) {
      const res = await ctx.anonymous().get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expectBrowserHeaders(res.headers);
    }
  });

  it('mark every API answer no-store: signed-in data, problems, sign-in and unknown routes', async () => {
    const psych = await ctx.signIn('psych03');
    const answers = [
      await psych.get('/api/v1/session'),
      await psych.get('/api/v1/students?pageSize=1'),
      await psych.get('/api/v1/alerts'),
      await psych.get('/api/v1/cases'),
      await ctx.anonymous().get('/api/v1/students'),
      await ctx.anonymous().post('/api/v1/auth/login', { username: 'psych03', password: 'wrong-password-1' }),
      await ctx.anonymous().get('/api/v1/no-such-route'),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 401, 401, 404]);
    for (const res of answers) {
      expect(res.headers['cache-control']).toBe('no-store');
      expectBrowserHeaders(res.headers);
    }
  });

  it('send no HSTS or upgrade over plain HTTP, and both when the deployment says HTTPS', async () => {
    const plain = await ctx.anonymous().get('/');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(csp(plain.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(false);
    const tls = await startTestApp({ webDist, secureCookies: true });
    try {
      const res = await tls.anonymous().get('/');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(csp(res.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
    } finally {
      await tls.close();
    }
  });
});

describe('API docs', () => {
  it('need a sign-in when configured so, and the OpenAPI document is then served', async () => {
    for (const url of ['/api/docs', '/api/docs/json', '/api/docs/static/index.html']) {
      const res = await ctx.anonymous().get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().type).toBe('urn:yuxin:problem:unauthenticated');
    }
    const signedIn = await ctx.signIn('psych03');
    const doc = await signedIn.get('/api/docs/json');
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/students/{id}');
    expect((await signedIn.get('/api/docs')).statusCode).toBe(200);
  });

  it('are signed-in only by default in production, public by default elsewhere, and configurable', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).apiDocsPublic).toBe(false);
    expect(loadConfig({}).apiDocsPublic).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', YUXIN_API_DOCS: 'public' }).apiDocsPublic).toBe(true);
    expect(loadConfig({ YUXIN_API_DOCS: 'signed-in' }).apiDocsPublic).toBe(false);
    expect(() => loadConfig({ YUXIN_API_DOCS: 'yes' })).toThrow(/YUXIN_API_DOCS/);
  });
});
