import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/**
 * Browser security headers on every answer, and no caching of any API answer.
 *
 * Scripts come only from our own origin: the web build has no inline script, and ECharts draws on a canvas
 * without eval. Styles allow inline because Ant Design writes its CSS-in-JS into <style> elements at run
 * time; an injected style cannot run code. Nobody may frame the app (clickjacking of sign-in and consent).
 */
export async function installSecurityHeaders(app: FastifyInstance, config: Config) {
  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Upgrading only makes sense behind TLS; a loopback or intranet deployment over HTTP would break.
        ...(config.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only where the deployment says it is served over HTTPS.
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });

  // Answers carry screening results, cases and sessions: no browser or proxy keeps a copy. The one
  // exception says so itself: a public questionnaire definition, immutable and meant for every cache.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api') && !String(reply.getHeader('cache-control') ?? '').startsWith('public')) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    return payload;
  });
}

/**
 * The headers helmet sets, worked out once: they are the same on every answer (no nonces), and
 * @fastify/helmet rebuilt helmet and re-parsed the policy on every request, a measurable share of a
 * screening request's CPU (bench:profile).
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  // Helmet 8 throws a bad option itself rather than passing it on, so there is nothing to do when it is done.
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}
