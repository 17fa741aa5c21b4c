import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../testing/harness.js';

const ASSET = 'export const hello = "你好";\n'.repeat(200);
const HTML = '<!doctype html><title>t</title><div id="root"></div>';

let ctx: TestContext;
let webDist: string;
beforeAll(async () => {
  // A stand-in web build as packages/web/scripts/compress.mjs leaves it: each text file with .br and .gz siblings.
  webDist = mkdtempSync(join(tmpdir(), 'yuxin-web-'));
  mkdirSync(join(webDist, 'assets'));
  const put = (name: string, body: string) => {
    writeFileSync(join(webDist, name), body);
    writeFileSync(join(webDist, `${name}.br`), brotliCompressSync(body));
    writeFileSync(join(webDist, `${name}.gz`), gzipSync(body));
  };
  put('assets/index-Abc123.js', ASSET);
  put('index.html', HTML);
  ctx = await startTestApp({ webDist });
});
afterAll(async () => {
  await ctx?.close();
  rmSync(webDist, { recursive: true, force: true });
});

describe('the web build over HTTP', () => {
  it('sends a hashed asset pre-compressed as the browser accepts, varying on Accept-Encoding', async () => {
    const url = '/assets/index-Abc123.js';
    const br = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(ASSET);

    const gz = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(String(gz.headers.vary).toLowerCase()).toContain('accept-encoding');

    const plain = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(ASSET);
  });

  it('lets browsers keep hashed assets for a year and revalidate the HTML every time', async () => {
    const asset = await ctx.app.inject({
      method: 'GET',
      url: '/assets/index-Abc123.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/login', '/my/screenings/some-assignment']) {
      const res = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('keeps API answers out of the static caching rules', async () => {
    const res = await ctx.anonymous().get('/api/v1/no-such-route');
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toMatch(/no-store/);
  });
});
