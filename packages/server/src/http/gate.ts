import type { Action, Actor } from '@yuxin/core';
import { ACTIONS } from '@yuxin/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { RequestAccess } from '../access/request-access.js';
import { auditRefusal } from '../audit/refusal-audit.js';
import { limitToAssignment, type SignedIn } from '../auth/actor.js';
import { findSignedInSession, SESSION_COOKIE, type LiveSession } from '../auth/sessions.js';
import type { Config } from '../config.js';
import type { Database } from '../db/types.js';
import { Problem } from './problem.js';

/**
 * How a route is reached: `public` (no sign-in), `authenticated` (any signed-in person, e.g. their own
 * session), or one policy action decided by @yuxin/core. Every route must say which.
 */
export type RoutePolicy = Action | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** Reachable while the account still has to change its initial password. */
    allowDuringPasswordChange?: boolean;
    /** Reachable by a password-only session that still owes its second factor (settling it, signing out). */
    allowBeforeSecondFactor?: boolean;
    /**
     * Reachable by a session opened with a screening code. Such a session reaches only the routes that
     * say so, and of those only its one assignment: every other route answers 403.
     */
    allowScreeningCode?: boolean;
  }
  interface FastifyRequest {
    signedIn: SignedIn | null;
    session: LiveSession | null;
    actorLocale: string | null;
    access: RequestAccess;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/api/v1/auth/login', '/api/v1/auth/screening-code']);

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RoutePolicy;
  /** Request schemas as declared, for the bounded-input and hostile-input tests. */
  schema?: { querystring?: unknown; body?: unknown; params?: unknown };
}

/** Registered API routes with their policies: the role × route matrix test reads this list. */
export function installGate(
  app: FastifyInstance,
  db: Kysely<Database>,
  appConfig: Config,
  registry: RegisteredRoute[],
) {
  app.decorateRequest('signedIn', null);
  app.decorateRequest('session', null);
  app.decorateRequest('actorLocale', null);
  app.decorateRequest('access', null as unknown as RequestAccess);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    route.config ??= {};
    const config = route.config as { policy?: RoutePolicy };
    // The OpenAPI document maps every route a scanner could try: in production only signed-in people read it.
    if (route.url.startsWith('/api/docs')) config.policy ??= appConfig.apiDocsPublic ? 'public' : 'authenticated';
    const policy = config.policy;
    if (
      !policy ||
      (policy !== 'public' && policy !== 'authenticated' && !(ACTIONS as readonly string[]).includes(policy))
    ) {
      // Fail closed at start-up: an API route without a policy never serves a request.
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access policy`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      const { querystring, body, params } = (route.schema ?? {}) as Record<string, unknown>;
      registry.push({ method, url: route.url, policy, schema: { querystring, body, params } });
    }
  });

  app.addHook('onRequest', async (req) => {
    const policy = req.routeOptions.config?.policy;
    if (!req.url.startsWith('/api') || policy === undefined) return;
    await resolveSignedIn(req, db, appConfig);
    if (policy === 'public') return;
    if (!req.signedIn || !req.session) throw new Problem('unauthenticated');
    if (STATE_CHANGING.has(req.method) && !CSRF_EXEMPT.has(req.routeOptions.url ?? '')) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== req.session.csrfToken) throw new Problem('csrf');
    }
    if (req.session.secondFactor && !req.routeOptions.config?.allowBeforeSecondFactor) {
      throw new Problem('second-factor-required', { extra: { secondFactor: req.session.secondFactor } });
    }
    if (req.session.onlyAssignment) {
      if (!req.routeOptions.config?.allowScreeningCode) throw new Problem('forbidden');
      const params = req.params as { assignmentId?: string } | undefined;
      if (params?.assignmentId !== undefined && params.assignmentId !== req.session.onlyAssignment)
        throw new Problem('not-found');
    } else if (req.signedIn.account.must_change_password && !req.routeOptions.config?.allowDuringPasswordChange) {
      throw new Problem('password-change-required');
    }
    if (policy !== 'authenticated' && !req.access.can(policy)) throw new Problem('forbidden');
  });

  // Every refusal by the policy leaves a trace: a 403 for an action the actor never has, and a 404 for a
  // record outside their scope (which by design answers exactly like a record that does not exist).
  app.addHook('onError', async (req, _reply, error) => {
    if (!(error instanceof Problem) || (error.kind !== 'forbidden' && error.kind !== 'not-found')) return;
    const policy = req.routeOptions.config?.policy;
    if (!req.signedIn || !req.session || policy === undefined || policy === 'public') return;
    const action = policy === 'authenticated' ? `${req.method} ${req.routeOptions.url ?? ''}` : policy;
    try {
      await auditRefusal(db, req, { action, status: error.status });
    } catch (err) {
      // The refusal stands either way; a failed audit write is an operator's alarm, not the caller's error.
      req.log.error({ err }, 'could not audit a refusal');
    }
  });
}

async function resolveSignedIn(req: FastifyRequest, db: Kysely<Database>, config: Config) {
  const token = req.cookies?.[SESSION_COOKIE];
  const emptyActor: Actor = { userId: '', personId: null, bindings: [] };
  req.access = new RequestAccess(emptyActor);
  if (!token) return;
  const found = await findSignedInSession(db, token, config.sessionIdleMinutes);
  if (!found) return;
  const { session, signedIn } = found;
  req.session = session;
  req.signedIn = signedIn;
  req.actorLocale = signedIn.account.locale;
  // A screening code opens one questionnaire; no password was given, so a pending password change does
  // not apply to it (the gate skips that check).
  if (session.onlyAssignment) req.signedIn = limitToAssignment(signedIn, session.onlyAssignment);
  const actor = req.signedIn.actor;
  // A password alone opens nothing: until the second factor is settled the session holds no permission.
  req.access = new RequestAccess(session.secondFactor ? { ...actor, bindings: [] } : actor);
}
