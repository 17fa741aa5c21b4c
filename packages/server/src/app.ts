import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { AppDeps } from './app-deps.js';
import { describeOperations } from './contract/describe.js';
import { installKeyRing } from './crypto/field-crypto.js';
import { loadKeyRing } from './crypto/keys.js';
import { installAdmission } from './http/admission.js';
import { installErrorHandling, requestLocale, sendProblem } from './http/error-handler.js';
import { installGate, type RegisteredRoute } from './http/gate.js';
import { installUploadLimit } from './http/upload.js';
import { t } from './http/messages.js';
import { buildInputValidators, installInputGuard } from './http/input.js';
import { sharedSerializers, sharedValidators } from './http/compiled-schemas.js';
import { installRequestLog, safeSerializers } from './http/request-log.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { webCacheControl } from './http/web-static.js';
import { registerRoutes } from './routes/index.js';
import { failInterruptedJobs } from './jobs/jobs.js';
import { jobRunnerFor } from './jobs/runner.js';
import { WarningLoop } from './warning/loop.js';
import { ReportFoldLoop } from './reports/fold.js';

export type { AppDeps };

export type App = FastifyInstance & { yuxinRoutes: RegisteredRoute[]; warning: WarningLoop };

export async function buildApp(
  deps: AppDeps,
  opts: { logger?: false; logStream?: NodeJS.WritableStream } = {},
): Promise<App> {
  const { config } = deps;
  installKeyRing(loadKeyRing(config));
  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      serializers: safeSerializers,
      // Passwords, session cookies, CSRF tokens and answers never reach the logs.
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.answers',
        ],
        censor: '[redacted]',
      },
    },
    // Fastify's request lines hold the whole URL (query strings with student names); request-log.ts logs instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    // Slow and partial requests are cut (issue #18): without these a client sending a header a minute held
    // its socket, and a graceful shutdown, open indefinitely. Node checks the header and request limits
    // every connectionsCheckingInterval (30 s by default), so the check runs often enough to honour them.
    connectionTimeout: config.httpTimeouts.idleMs,
    requestTimeout: config.httpTimeouts.requestMs,
    keepAliveTimeout: config.httpTimeouts.keepAliveMs,
    http: {
      headersTimeout: config.httpTimeouts.headersMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(config.httpTimeouts.headersMs / 4))),
    },
    trustProxy: true,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    // JSON bodies are validated without type coercion; query strings and path parameters with it (input.ts).
    schemaController: {
      compilersFactory: { buildValidator: sharedValidators(buildInputValidators), buildSerializer: sharedSerializers },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Named before the routes, which share this runner (jobs/runner.ts).
  const jobs = jobRunnerFor(deps.db, config.nodeId);
  const registry: RegisteredRoute[] = [];
  installErrorHandling(app);
  // First of the request hooks: a request turned away costs nothing else.
  installAdmission(app, config.admission);
  installUploadLimit(app, config);
  installRequestLog(app);
  installInputGuard(app);
  await installSecurityHeaders(app, config);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Yuxin 育心 API',
        version: '1',
        description: 'Student mental-health service platform. Errors are RFC 9457 problem+json.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yx_sid' } } },
    },
    // Names, security and problem answers of every operation, from the catalogue in contract/operations.ts.
    transformObject: describeOperations(registry),
  });
  // The gate is installed before the docs UI so that its routes get a policy too (see gate.ts).
  installGate(app, deps.db, config, registry);
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(async (api) => registerRoutes(api.withTypeProvider<TypeBoxTypeProvider>(), deps), {
    prefix: '/api',
  });

  const serveWeb = existsSync(config.webDist);
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  // preCompressed: the build leaves .br and .gz beside each text file (packages/web/scripts/compress.mjs);
  // the one the browser accepts is sent, with Vary: Accept-Encoding, and the plain file otherwise.
  if (serveWeb)
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => void reply.header('cache-control', webCacheControl(path)),
    });
  // The web app routes on the client: unknown non-API GETs get index.html; everything else a problem.
  app.setNotFoundHandler((req, reply) => {
    if (serveWeb && req.method === 'GET' && !req.url.startsWith('/api'))
      return reply.type('text/html').sendFile('index.html');
    return sendProblem(req, reply, 'not-found', t('problem.route-not-found', requestLocale(req)));
  });

  // Jobs this node's earlier process left queued or running died with it: failed at once, before this
  // process takes new ones. The embedded database belongs to one process, so there every such job is.
  app.addHook('onReady', async () => {
    const failed = await failInterruptedJobs(deps.db, {
      node: jobs.node,
      owner: jobs.owner,
      soleNode: config.databaseUrl === undefined,
    });
    if (failed) app.log.warn({ failed }, 'jobs interrupted by a restart marked failed');
  });

  const typed = app as unknown as App;
  typed.yuxinRoutes = registry;
  // Escalation and notification delivery run in the background for as long as the app serves.
  typed.warning = new WarningLoop(deps.db, { ...deps.warning, log: app.log });
  app.addHook('onReady', async () => typed.warning.start());
  app.addHook('onClose', async () => typed.warning.stop());
  // Report counts written by submissions are folded in the background (reports also fold before reading).
  const folding = new ReportFoldLoop(deps.db, { log: app.log });
  app.addHook('onReady', async () => folding.start());
  app.addHook('onClose', async () => folding.stop());
  return typed;
}
