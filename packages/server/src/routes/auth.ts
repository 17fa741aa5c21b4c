import type { Api } from '../http/api.js';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import { appendAudit } from '../audit/audit.js';
import { burnVerification, verifyPassword } from '../auth/passwords.js';
import { changeOwnPassword, setOwnLocale } from '../auth/own-account.js';
import { requestContext } from '../services/context.js';
import { createSession, revokeAllSessions, revokeSession, SESSION_COOKIE } from '../auth/sessions.js';
import {
  backoffRetryAfter,
  clearBackoff,
  delayedProblem,
  recordBackoffFailure,
  recordClientFailure,
  retryAfterOf,
  usernameKey,
} from '../auth/throttle.js';
import { secondFactorOwed } from '../auth/two-factor.js';
import { findSignIn } from '../auth/sign-in-lookup.js';
import { toSignedIn } from '../auth/actor.js';
import { Problem } from '../http/problem.js';
import { Problem as ProblemSchema } from '../http/schemas.js';
import { buildSessionView, SessionView } from '../auth/session-view.js';

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export async function authRoutes(api: Api, { db, config }: AppDeps) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  const backoffPolicy = { freeFailures: config.signInFreeFailures, maxDelaySeconds: config.signInMaxDelaySeconds };

  api.post(
    '/v1/auth/login',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        body: LoginBody,
        response: { 200: SessionView, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const clientKey = `ip:${req.ip}`;
      const key = usernameKey(username);
      const found = await findSignIn(db, key, clientKey);
      const retryAfter = retryAfterOf(found.throttle, config.clientFailureLimit, config.clientWindowMinutes);
      if (retryAfter > 0) {
        throw new Problem('rate-limited', {
          params: { seconds: retryAfter },
          extra: { retryAfter },
          headers: { 'retry-after': String(retryAfter) },
        });
      }
      const account = found.account;
      const auditBase = {
        userId: account?.id ?? null,
        username: account?.username ?? username.slice(0, 64),
        bindingId: null,
        role: null,
        action: 'auth.login',
        targetType: 'account',
        targetId: account?.id ?? null,
        cityId: account?.city_id ?? null,
        districtId: account?.district_id ?? null,
        schoolId: account?.school_id ?? null,
        requestId: req.id,
      };
      // Growing delays per (username, client address), the same for names that exist and names that do
      // not: the answer never tells which, and a stranger's guesses never delay the owner elsewhere.
      const delay = backoffRetryAfter(found.backoff, backoffPolicy);
      if (delay > 0) {
        await appendAudit(db, { ...auditBase, outcome: 'denied', detail: { reason: 'delayed', seconds: delay } });
        throw delayedProblem(delay);
      }
      const ok = account
        ? await verifyPassword(account.password_hash, password)
        : (await burnVerification(password), false);
      if (!account || !ok) {
        await recordClientFailure(db, clientKey, config.clientWindowMinutes);
        await recordBackoffFailure(db, key, clientKey, backoffPolicy);
        await appendAudit(db, {
          ...auditBase,
          outcome: 'failure',
          detail: { reason: account ? 'wrong_password' : 'unknown_user' },
        });
        throw new Problem('invalid-credentials');
      }
      const signedIn = toSignedIn(account);
      if (!signedIn) {
        await appendAudit(db, { ...auditBase, outcome: 'denied', detail: { reason: 'disabled' } });
        throw new Problem('account-disabled');
      }
      if (found.backoff) await clearBackoff(db, key, clientKey);
      const secondFactor = await secondFactorOwed(
        db,
        account,
        signedIn.actor.bindings.map((b) => b.role),
      );
      const { token, csrfToken } = await createSession(
        db,
        account.id,
        {
          absoluteHours: config.sessionAbsoluteHours,
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          secondFactor,
          // Most sign-ins follow a clean one: the account row is written only when there is something to reset.
          resetAccount: account.failed_attempts !== 0 || account.locked_until !== null || account.activated_at === null,
        },
        { ...auditBase, outcome: 'success', ...(secondFactor ? { detail: { secondFactor } } : {}) },
      );
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: config.sessionAbsoluteHours * 3600 });
      return buildSessionView(db, signedIn, csrfToken, secondFactor);
    },
  );

  api.get(
    '/v1/session',
    {
      config: {
        policy: 'authenticated',
        allowDuringPasswordChange: true,
        allowBeforeSecondFactor: true,
        allowScreeningCode: true,
      },
      schema: { tags: ['auth'], response: { 200: SessionView, 401: ProblemSchema } },
    },
    async (req) => buildSessionView(db, req.signedIn!, req.session!.csrfToken, req.session!.secondFactor),
  );

  api.post(
    '/v1/auth/logout',
    {
      config: {
        policy: 'authenticated',
        allowDuringPasswordChange: true,
        allowBeforeSecondFactor: true,
        allowScreeningCode: true,
      },
      schema: { tags: ['auth'] },
    },
    async (req, reply) => {
      await revokeSession(db, req.session!.tokenHash);
      await auditRequest(db, req, { action: 'auth.logout', targetType: 'account', targetId: req.signedIn!.account.id });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send();
    },
  );

  api.post(
    '/v1/auth/logout-all',
    { config: { policy: 'authenticated', allowDuringPasswordChange: true }, schema: { tags: ['auth'] } },
    async (req, reply) => {
      await revokeAllSessions(db, req.signedIn!.account.id);
      await auditRequest(db, req, {
        action: 'auth.logout_all',
        targetType: 'account',
        targetId: req.signedIn!.account.id,
      });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send();
    },
  );

  const ChangePasswordBody = Type.Object(
    {
      currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
      newPassword: Type.String({ minLength: 1, maxLength: 200 }),
    },
    { additionalProperties: false },
  );
  api.post(
    '/v1/auth/change-password',
    {
      config: { policy: 'authenticated', allowDuringPasswordChange: true },
      schema: { tags: ['auth'], body: ChangePasswordBody },
    },
    async (req, reply) => {
      await changeOwnPassword(requestContext(req, db), req.session!.tokenHash, req.body);
      return reply.code(204).send();
    },
  );

  const LocaleBody = Type.Object(
    { locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]) },
    { additionalProperties: false },
  );
  api.put(
    '/v1/me/locale',
    {
      config: { policy: 'authenticated', allowDuringPasswordChange: true, allowBeforeSecondFactor: true },
      schema: { tags: ['auth'], body: LocaleBody },
    },
    async (req, reply) => {
      await setOwnLocale(requestContext(req, db), req.body.locale);
      return reply.code(204).send();
    },
  );
}
