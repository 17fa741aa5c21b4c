import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { resetManagedTwoFactor } from '../accounts/account-care.js';
import { auditRequest } from '../audit/request-audit.js';
import { createSession, revokeSession, SESSION_COOKIE } from '../auth/sessions.js';
import {
  backoffRetryAfter,
  clearBackoff,
  delayedProblem,
  findBackoff,
  recordBackoffFailure,
  type BackoffPolicy,
} from '../auth/throttle.js';
import {
  beginEnrolment,
  cityRequiresTwoFactorForAllStaff,
  confirmOwnEnrolment,
  saveTwoFactorForAllStaff,
  verifySecondFactor,
} from '../auth/two-factor.js';
import type { Api } from '../http/api.js';
import { fieldProblem, Problem } from '../http/problem.js';
import { Problem as ProblemSchema } from '../http/schemas.js';
import { Uuid } from '../http/schemas.js';
import { buildSessionView, SessionView } from '../auth/session-view.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../services/context.js';
import { changeCitySetting } from '../settings/city-settings.js';

const CodeBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 20, pattern: '^[0-9A-Za-z -]+$' }) },
  { additionalProperties: false },
);

export async function twoFactorRoutes(api: Api, { db, config }: AppDeps) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  const codePolicy: BackoffPolicy = {
    freeFailures: config.twoFactorFreeFailures,
    maxDelaySeconds: config.signInMaxDelaySeconds,
  };
  // Wrong codes count per account from every address: whoever types them already has the password.
  const codeKey = (userId: string) => `2fa:${userId}`;
  const ANY_CLIENT = '*';

  async function requireNotDelayed(userId: string) {
    const row = await findBackoff(db, codeKey(userId), ANY_CLIENT);
    const wait = backoffRetryAfter(row, codePolicy);
    if (wait > 0) throw delayedProblem(wait);
    return !!row;
  }

  async function wrongCode(req: FastifyRequest, action: string): Promise<never> {
    const userId = req.signedIn!.account.id;
    await recordBackoffFailure(db, codeKey(userId), ANY_CLIENT, codePolicy);
    await auditRequest(db, req, { action, targetType: 'account', targetId: userId, outcome: 'failure' });
    throw fieldProblem('/code', 'two-factor.code-wrong');
  }

  /** The second factor settled: the password-only session ends and a full one, with new tokens, begins. */
  async function upgradeSession(req: FastifyRequest, reply: FastifyReply, action: string, method: string) {
    const signedIn = req.signedIn!;
    await revokeSession(db, req.session!.tokenHash);
    const { token, csrfToken } = await createSession(
      db,
      signedIn.account.id,
      { absoluteHours: config.sessionAbsoluteHours, ip: req.ip, userAgent: req.headers['user-agent'] },
      {
        userId: signedIn.account.id,
        username: signedIn.account.username,
        bindingId: null,
        role: null,
        action,
        targetType: 'account',
        targetId: signedIn.account.id,
        cityId: signedIn.account.city_id,
        districtId: signedIn.account.district_id,
        schoolId: signedIn.account.school_id,
        outcome: 'success',
        requestId: req.id,
        detail: { method },
      },
    );
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: config.sessionAbsoluteHours * 3600 });
    return buildSessionView(db, signedIn, csrfToken);
  }

  api.post(
    '/v1/auth/two-factor/verify',
    {
      config: { policy: 'authenticated', allowBeforeSecondFactor: true, allowDuringPasswordChange: true },
      schema: {
        tags: ['auth'],
        body: CodeBody,
        response: { 200: SessionView, 400: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (req, reply) => {
      if (req.session!.secondFactor !== 'verify') throw new Problem('conflict', { key: 'two-factor.not-pending' });
      const userId = req.signedIn!.account.id;
      const hadFailures = await requireNotDelayed(userId);
      const method = await verifySecondFactor(db, userId, req.body.code);
      if (!method) return wrongCode(req, 'auth.two_factor');
      if (hadFailures) await clearBackoff(db, codeKey(userId), ANY_CLIENT);
      return upgradeSession(req, reply, 'auth.two_factor', method);
    },
  );

  const Enrolment = Type.Object({ secret: Type.String(), otpauthUri: Type.String() });
  api.post(
    '/v1/auth/two-factor/enrolment',
    {
      config: { policy: 'authenticated', allowBeforeSecondFactor: true, allowDuringPasswordChange: true },
      schema: { tags: ['auth'], response: { 200: Enrolment, 403: ProblemSchema, 409: ProblemSchema } },
    },
    async (req, reply) => {
      const account = req.signedIn!.account;
      // Students and guardians stay on passwords; a session owing a code proves it before changing anything.
      if (account.kind !== 'staff' || req.session!.secondFactor === 'verify') throw new Problem('forbidden');
      const begun = await beginEnrolment(db, account);
      if (begun === 'already-enrolled') throw new Problem('conflict', { key: 'two-factor.already-enrolled' });
      reply.header('cache-control', 'no-store');
      return begun;
    },
  );

  const Confirmed = Type.Object({ ...SessionView.properties, recoveryCodes: Type.Array(Type.String()) });
  api.post(
    '/v1/auth/two-factor/enrolment/confirm',
    {
      config: { policy: 'authenticated', allowBeforeSecondFactor: true, allowDuringPasswordChange: true },
      schema: {
        tags: ['auth'],
        body: CodeBody,
        response: { 200: Confirmed, 400: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (req, reply) => {
      const account = req.signedIn!.account;
      if (account.kind !== 'staff' || req.session!.secondFactor === 'verify') throw new Problem('forbidden');
      const hadFailures = await requireNotDelayed(account.id);
      const confirmed = await confirmOwnEnrolment(requestContext(req, db), req.body.code);
      if (confirmed === 'no-enrolment') throw new Problem('conflict', { key: 'two-factor.no-enrolment' });
      if (confirmed === 'wrong-code') return wrongCode(req, 'auth.two_factor_enrol');
      if (hadFailures) await clearBackoff(db, codeKey(account.id), ANY_CLIENT);
      reply.header('cache-control', 'no-store');
      const view = req.session!.secondFactor
        ? await upgradeSession(req, reply, 'auth.two_factor', 'enrolment')
        : await buildSessionView(db, req.signedIn!, req.session!.csrfToken);
      return { ...view, recoveryCodes: confirmed.recoveryCodes };
    },
  );

  api.post(
    '/v1/staff/:userId/two-factor/reset',
    {
      config: { policy: 'staff.manage' },
      schema: { tags: ['staff'], params: Type.Object({ userId: Uuid }) },
    },
    async (req, reply) => {
      await resetManagedTwoFactor(requestContext(req, db), req.params.userId);
      return reply.code(204).send();
    },
  );

  const Setting = Type.Object({ allStaff: Type.Boolean() }, { additionalProperties: false });
  api.get(
    '/v1/settings/two-factor',
    { config: { policy: 'staff.manage' }, schema: { tags: ['settings'], response: { 200: Setting } } },
    async (req) => {
      const cityId = req.signedIn!.account.city_id;
      // A city-wide rule: only a city-level administrator reads or sets it.
      req.access.require('staff.manage', { cityId });
      return { allStaff: await cityRequiresTwoFactorForAllStaff(db, cityId) };
    },
  );
  api.put(
    '/v1/settings/two-factor',
    { config: { policy: 'staff.manage' }, schema: { tags: ['settings'], body: Setting, response: { 200: Setting } } },
    async (req) => {
      const cityId = req.signedIn!.account.city_id;
      const binding = req.access.require('staff.manage', { cityId });
      await changeCitySetting(requestContext(req, db), {
        cityId,
        binding,
        action: 'settings.two_factor',
        detail: { allStaff: req.body.allStaff },
        save: (tx) => saveTwoFactorForAllStaff(tx, cityId, req.body.allStaff),
      });
      return { allStaff: req.body.allStaff };
    },
  );
}
