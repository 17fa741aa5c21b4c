import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import type { Locale } from '../http/locale.js';
import { notFound } from '../http/problem.js';
import { loadInstrumentVersion } from '../screening/instrument-store.js';
import { CodeSchema } from '../screening/instruments/definition-schema.js';
import { Nullable, Uuid } from '../http/schemas.js';
import { AnswerMapSchema, checkDraftAnswers } from '../screening/submission/answers.js';
import { assignmentQuery, blockerOf, loadOwnAssignment, respondentScopes } from '../screening/submission/assignment.js';
import { loadDraft, saveDraft, type DraftPosition } from '../screening/submission/draft.js';
import { loadPinned } from '../screening/submission/pinned.js';
import { answersProblem, screeningProblem } from '../screening/submission/problems.js';
import { instrumentView } from '../screening/submission/questionnaire-view.js';
import { ReceiptSchema } from '../screening/submission/receipt.js';
import { submitAsRespondent } from '../screening/submission/submit.js';
import { summarizeAssignment } from '../screening/submission/summary.js';
import { requestContext } from '../services/context.js';

const Position = Type.Object(
  { instrument: Type.String({ maxLength: 32 }), item: Type.Integer({ minimum: 0, maximum: 200 }) },
  { additionalProperties: false },
);

const Summary = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  campaignName: Type.String(),
  notice: Type.String(),
  opensAt: Type.String(),
  closesAt: Type.String(),
  respondent: Type.Union([Type.Literal('self'), Type.Literal('guardian')]),
  student: Type.Object({ id: Type.String(), name: Type.String() }),
  status: Type.Enum(['pending', 'in_progress', 'completed', 'declined']),
  consent: Type.Enum(['not_required', 'pending', 'granted', 'refused']),
  canStart: Type.Boolean(),
  message: Nullable(Type.String({ description: 'Why the questionnaire cannot be answered now, in neutral words' })),
  progress: Type.Object({ answered: Type.Integer(), total: Type.Integer() }),
});

const Option = Type.Object({ code: Type.Integer(), label: Type.String() });
const InstrumentView = Type.Object({
  code: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  shortName: Type.String(),
  instructions: Type.String(),
  options: Type.Array(Option),
  items: Type.Array(
    Type.Object({
      number: Type.Integer(),
      linkId: Type.String(),
      text: Type.String(),
      required: Type.Boolean(),
      options: Type.Optional(Type.Array(Option)),
      askedWhen: Type.Optional(
        Type.Object({
          items: Type.Array(Type.Integer()),
          anyAnswerIn: Type.Array(Type.Integer()),
          orSkipped: Type.Boolean(),
        }),
      ),
    }),
  ),
  footer: Nullable(Type.String()),
});
const Answers = Type.Record(Type.String(), Type.Array(Nullable(Type.Integer())));
const Detail = Type.Intersect([
  Summary,
  Type.Object({
    /**
     * The questionnaire definitions this assignment is answered with, in answering order: immutable URLs a
     * browser or CDN caches for a year. With `?definitions=by-url` the answer leaves `instruments` empty
     * and carries only the student's part.
     */
    definitionUrls: Type.Array(Type.String()),
    instruments: Type.Array(InstrumentView),
    draft: Nullable(Type.Object({ answers: Answers, position: Nullable(Position), updatedAt: Type.String() })),
  }),
]);

const AssignmentParams = Type.Object({ assignmentId: Uuid });
const DetailQuery = Type.Object(
  {
    definitions: Type.Optional(
      Type.Literal('by-url', { description: 'Leave the questions out; fetch them from definitionUrls' }),
    ),
  },
  { additionalProperties: false },
);
const DefinitionParams = Type.Object({
  code: CodeSchema,
  version: Type.Integer({ minimum: 1, maximum: 100_000 }),
  locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
});

const definitionUrl = (code: string, version: number, locale: Locale) =>
  `/api/v1/questionnaire-definitions/${encodeURIComponent(code)}/${version}/${locale}`;

/** The student's (or guardian's) side of screening: what to answer, autosave, submit. */
export async function questionnaireRoutes(api: Api, { db }: AppDeps) {
  /** A definition's rendered body and strong ETag, once per (code, version, locale) of this app's database. */
  const definitionCache = new Map<string, { body: string; etag: string }>();
  api.get(
    '/v1/my/screenings',
    {
      config: { policy: 'screening.take', allowScreeningCode: true },
      schema: { tags: ['screening'], response: { 200: Type.Object({ items: Type.Array(Summary) }) } },
    },
    async (req) => {
      const locale = requestLocale(req);
      const mine = respondentScopes(req.access);
      if (mine.length === 0) return { items: [] };
      const rows = await assignmentQuery(db)
        .leftJoin('response_draft as d', 'd.assignment_id', 'a.id')
        .select(['d.answers as draft_answers'])
        .where((eb) =>
          eb.or(mine.map((m) => eb.and([eb('a.student_id', '=', m.studentId), eb('a.respondent', '=', m.respondent)]))),
        )
        .$if(!!req.access.actor.onlyAssignment, (q) => q.where('a.id', '=', req.access.actor.onlyAssignment!))
        .where('c.status', '=', 'published')
        .where('c.closes_at', '>', sql<Date>`now()`)
        .orderBy('c.opens_at')
        .execute();
      const items = await Promise.all(
        rows.map(async (r) => (await summarizeAssignment(db, r, r.draft_answers, locale)).summary),
      );
      return { items };
    },
  );

  api.get(
    '/v1/my/screenings/:assignmentId',
    {
      config: { policy: 'screening.take', allowScreeningCode: true },
      schema: { tags: ['screening'], params: AssignmentParams, querystring: DetailQuery, response: { 200: Detail } },
    },
    async (req) => {
      const locale = requestLocale(req);
      const byUrl = req.query.definitions === 'by-url';
      const { row } = await loadOwnAssignment(db, req.access, req.params.assignmentId);
      const draft = await loadDraft(db, row.id);
      const { defs, summary } = await summarizeAssignment(db, row, draft?.answers ?? null, locale);
      // Questions only while they can be answered: a completed or blocked questionnaire has nothing to show.
      return {
        ...summary,
        definitionUrls: summary.canStart ? defs.map((d) => definitionUrl(d.code, d.version, locale)) : [],
        instruments: summary.canStart && !byUrl ? defs.map((d) => instrumentView(d, locale)) : [],
        draft:
          summary.canStart && draft
            ? {
                answers: draft.answers,
                position: (draft.position as DraftPosition | null) ?? null,
                updatedAt: draft.updated_at.toISOString(),
              }
            : null,
      };
    },
  );

  // Public: a questionnaire's questions are published instruments, not anyone's data. The same bytes for
  // every student, so a screening day fetches each definition once per browser (or once per CDN edge).
  api.get(
    '/v1/questionnaire-definitions/:code/:version/:locale',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['screening'],
        params: DefinitionParams,
        response: { 200: InstrumentView, 304: Type.Null({ description: 'Not modified: the cached copy is current' }) },
      },
    },
    async (req, reply) => {
      const { code, version, locale } = req.params;
      const key = `${code}@${version}@${locale}`;
      let cached = definitionCache.get(key);
      if (!cached) {
        const def = await loadInstrumentVersion(db, code, version);
        if (!def) throw notFound();
        const body = JSON.stringify(instrumentView(def, locale));
        cached = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
        definitionCache.set(key, cached);
      }
      reply
        .header('etag', cached.etag)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'accept-encoding');
      const match = req.headers['if-none-match'];
      if (match && match.split(',').some((t) => t.trim() === cached.etag || t.trim() === '*'))
        return reply.code(304).send(null);
      // The body was rendered once and hashed for the ETag; it goes out as those bytes, not re-serialized.
      return reply
        .type('application/json; charset=utf-8')
        .serializer((payload) => payload as string)
        .send(cached.body as never);
    },
  );

  api.put(
    '/v1/my/screenings/:assignmentId/draft',
    {
      config: { policy: 'screening.take', allowScreeningCode: true },
      schema: {
        tags: ['screening'],
        params: AssignmentParams,
        body: Type.Object(
          {
            answers: AnswerMapSchema,
            position: Type.Optional(Nullable(Position)),
            activeMs: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 3_600_000,
                description: 'Milliseconds spent answering since the last save; the server adds them up',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ savedAt: Type.String() }) },
      },
    },
    async (req) => {
      const locale = requestLocale(req);
      const { row } = await loadOwnAssignment(db, req.access, req.params.assignmentId);
      const blocker = blockerOf(row);
      if (blocker)
        throw screeningProblem(
          locale,
          'conflict',
          blocker === 'completed' ? 'submit.already-completed' : `availability.${blocker}`,
        );
      const defs = await loadPinned(db, row.instruments);
      const errors = checkDraftAnswers(defs, req.body.answers, locale);
      if (errors.length > 0) throw answersProblem(errors);
      const savedAt = await saveDraft(db, row, req.body.answers, req.body.position ?? null, req.body.activeMs ?? 0);
      if (!savedAt) throw screeningProblem(locale, 'conflict', 'submit.already-completed');
      return { savedAt: savedAt.toISOString() };
    },
  );

  api.post(
    '/v1/my/screenings/:assignmentId/submit',
    {
      config: { policy: 'screening.take', allowScreeningCode: true },
      schema: {
        tags: ['screening'],
        params: AssignmentParams,
        body: Type.Object(
          {
            submissionId: Uuid,
            answers: AnswerMapSchema,
            activeMs: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 3_600_000,
                description: 'Milliseconds spent answering since the last draft save',
              }),
            ),
            durationMs: Type.Optional(
              Nullable(
                Type.Integer({
                  minimum: 0,
                  maximum: 86_400_000,
                  description: 'Deprecated: whole answering time from one tab; used only when activeMs is absent',
                }),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReceiptSchema },
      },
    },
    async (req) => submitAsRespondent(requestContext(req, db), req.params.assignmentId, req.body),
  );
}
