import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * One line per request: method, route pattern, status, timing and request id. Never the URL as sent, whose
 * query string carries student-name searches and whose path carries record ids, and never a body. Fastify's
 * own request logging is switched off in app.ts because it logs `req.url` whole.
 */
export function installRequestLog(app: FastifyInstance) {
  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: routePattern(req),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
}

/** The registered pattern (`/api/v1/students/:id`); an unmatched request is only said to be API or not. */
export function routePattern(req: FastifyRequest): string {
  const url = req.routeOptions.url;
  if (url) return url;
  return req.url.startsWith('/api') ? '(unmatched /api)' : '(unmatched)';
}

/**
 * Serializers for anything that still logs a request or reply object (an error logged with its request):
 * the pattern, never the raw URL, headers or body.
 */
export const safeSerializers = {
  req: (req: FastifyRequest) => ({ method: req.method, route: routePattern(req), id: req.id }),
  res: (res: { statusCode: number }) => ({ status: res.statusCode }),
};
