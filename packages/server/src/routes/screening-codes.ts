import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { appendAudit } from '../audit/audit.js';
import { limitToAssignment, toSignedIn } from '../auth/actor.js';
import { createSession, SESSION_COOKIE } from '../auth/sessions.js';
import { buildSessionView, SessionView } from '../auth/session-view.js';
import { findThrottle, recordClientFailure, retryAfterOf } from '../auth/throttle.js';
import type { Api } from '../http/api.js';
import { Problem } from '../http/problem.js';
import { Nullable, Problem as ProblemSchema, Uuid } from '../http/schemas.js';
import { codeFinder, hashCode, normalizeCode } from '../screening/codes/codes.js';
import { classCodeStatus, issueCodesForClass, revokeCodesForClass } from '../screening/codes/service.js';
import { requestContext } from '../services/context.js';

const CodeBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64, description: 'The code from the slip, with or without dashes' }),
    birthDate: Type.Optional(
      Type.String({ format: 'date', description: "The student's birth date, when the slip asks for it" }),
    ),
  },
  { additionalProperties: false },
);

const ClassCampaignParams = Type.Object({ campaignId: Uuid, classId: Uuid });

const Slip = Type.Object({
  assignmentId: Type.String(),
  studentNo: Type.String(),
  studentName: Type.String(),
  code: Type.String(),
  /** Opens the sign-in page with the code filled in: what the slip's QR code holds. */
  url: Type.String(),
});

/** Codes are printed once and never shown again, so no copy may stay in a cache on the way. */
const NO_STORE = 'no-store';

/**
 * Screening codes (issue 16): the cheap sign-in for a screening day, and the class routes that hand the
 * codes out and take them back.
 */
export async function screeningCodeRoutes(api: Api, { db, config }: AppDeps) {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
  const codes = codeFinder(db);

  api.post(
    '/v1/auth/screening-code',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['auth'],
        body: CodeBody,
        response: { 200: SessionView, 401: ProblemSchema, 403: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (req, reply) => {
      // Throttled per client address like a password sign-in, under its own key: a class behind one school
      // address mistyping codes must not lock out the same address's password sign-ins, nor the reverse.
      const clientKey = `code-ip:${req.ip}`;
      const canonical = normalizeCode(req.body.code);
      const found = canonical ? await codes.load({ codeHash: hashCode(canonical), clientKey }) : undefined;
      // A known code brought its client's throttle along; an unknown one (the rare path) reads it on its own.
      const throttle = found
        ? found.throttle_failures === null || found.throttle_window_started_at === null
          ? null
          : { failures: found.throttle_failures, window_started_at: found.throttle_window_started_at }
        : await findThrottle(db, clientKey);
      const retryAfter = retryAfterOf(throttle, config.clientFailureLimit, config.clientWindowMinutes);
      if (retryAfter > 0) {
        throw new Problem('rate-limited', {
          params: { seconds: retryAfter },
          extra: { retryAfter },
          headers: { 'retry-after': String(retryAfter) },
        });
      }
      // The code never reaches the audit log or the request log: only which assignment it opened.
      const auditBase = {
        userId: found?.id ?? null,
        username: found?.username ?? null,
        bindingId: null,
        role: null,
        action: 'auth.screening_code',
        targetType: 'screening_assignment',
        targetId: found?.assignment_id ?? null,
        cityId: found?.city_id ?? null,
        districtId: found?.district_id ?? null,
        schoolId: found?.school_id ?? null,
        requestId: req.id,
      };
      const birthDateWrong =
        found?.confirm_birth_date && (!req.body.birthDate || req.body.birthDate !== String(found.birth_date));
      if (!found || found.revoked_at || birthDateWrong) {
        await recordClientFailure(db, clientKey, config.clientWindowMinutes);
        await appendAudit(db, {
          ...auditBase,
          outcome: 'failure',
          detail: { reason: !found ? 'unknown_code' : found.revoked_at ? 'revoked' : 'birth_date' },
        });
        throw new Problem('invalid-credentials', {
          key:
            found?.confirm_birth_date && !found.revoked_at
              ? 'screening-code.invalid-or-birth-date'
              : 'screening-code.invalid',
        });
      }
      const now = new Date();
      if (found.campaign_status !== 'published' || now < found.opens_at || now >= found.closes_at) {
        await appendAudit(db, { ...auditBase, outcome: 'denied', detail: { reason: 'outside_window' } });
        throw new Problem('forbidden', { key: 'screening-code.outside-window' });
      }
      const signedIn = toSignedIn(found);
      if (!signedIn) {
        await appendAudit(db, { ...auditBase, outcome: 'denied', detail: { reason: 'disabled' } });
        throw new Problem('account-disabled');
      }
      // A code session lasts at most until the campaign closes.
      const hours = Math.min(config.sessionAbsoluteHours, (found.closes_at.getTime() - now.getTime()) / 3600_000);
      const { token, csrfToken } = await createSession(
        db,
        found.id,
        {
          absoluteHours: hours,
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          screeningCode: { id: found.code_id, assignmentId: found.assignment_id },
        },
        { ...auditBase, outcome: 'success' },
      );
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: Math.floor(hours * 3600) });
      reply.header('cache-control', NO_STORE);
      // The one binding a code session keeps is the student's own, named with the name the lookup read.
      return buildSessionView(db, limitToAssignment(signedIn, found.assignment_id), csrfToken, null, {
        students: new Map([[found.student_id!, found.student_name]]),
      });
    },
  );

  api.get(
    '/v1/campaigns/:campaignId/classes/:classId/screening-codes',
    {
      config: { policy: 'screening_code.manage' },
      schema: {
        tags: ['campaigns'],
        params: ClassCampaignParams,
        response: { 200: Type.Object({ active: Type.Integer(), lastIssuedAt: Nullable(Type.String()) }) },
      },
    },
    async (req) => {
      const status = await classCodeStatus(requestContext(req, db), req.params.campaignId, req.params.classId);
      return { active: status.active, lastIssuedAt: status.lastIssuedAt?.toISOString() ?? null };
    },
  );

  api.post(
    '/v1/campaigns/:campaignId/classes/:classId/screening-codes',
    {
      config: { policy: 'screening_code.manage' },
      schema: {
        tags: ['campaigns'],
        params: ClassCampaignParams,
        body: Type.Object(
          {
            confirmBirthDate: Type.Optional(
              Type.Boolean({ description: 'Students also give their birth date when they sign in with the code' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            slips: Type.Array(Slip),
            replaced: Type.Integer(),
            skipped: Type.Integer(),
            confirmBirthDate: Type.Boolean(),
            issuedAt: Type.String(),
          }),
        },
      },
    },
    async (req, reply) => {
      const confirmBirthDate = req.body.confirmBirthDate ?? false;
      const issued = await issueCodesForClass(requestContext(req, db), req.params.campaignId, req.params.classId, {
        confirmBirthDate,
      });
      const origin = `${req.protocol}://${req.host}`;
      reply.header('cache-control', NO_STORE);
      return {
        slips: issued.slips.map((s) => ({
          assignmentId: s.assignmentId,
          studentNo: s.studentNo,
          studentName: s.studentName,
          code: s.code,
          // In the fragment: browsers never send it to a server, so the code stays out of access logs.
          url: `${origin}/login#code=${s.code}`,
        })),
        replaced: issued.replaced,
        skipped: issued.skipped,
        confirmBirthDate,
        issuedAt: issued.issuedAt.toISOString(),
      };
    },
  );

  api.delete(
    '/v1/campaigns/:campaignId/classes/:classId/screening-codes',
    {
      config: { policy: 'screening_code.manage' },
      schema: {
        tags: ['campaigns'],
        params: ClassCampaignParams,
        response: { 200: Type.Object({ revoked: Type.Integer() }) },
      },
    },
    async (req) => revokeCodesForClass(requestContext(req, db), req.params.campaignId, req.params.classId),
  );
}
