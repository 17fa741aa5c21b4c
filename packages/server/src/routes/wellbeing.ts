import { STAFF_WELLBEING_INSTRUMENTS, WELLBEING_LEVELS } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable, Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';
import { listCallbacks, markCallbackDone } from '../wellbeing/callbacks.js';
import { wellbeingCounts } from '../wellbeing/counts.js';
import {
  myWellbeing,
  readMyResult,
  requestCallback,
  takeSelfScreening,
  wellbeingInstrument,
} from '../wellbeing/self.js';

const Instrument = Type.Enum([...STAFF_WELLBEING_INSTRUMENTS]);
const Level = Nullable(
  Type.Enum([...WELLBEING_LEVELS], { description: 'A neutral level, never a clinical label; null: incomplete' }),
);
const Day = Type.String({ format: 'date', description: 'A China calendar day, YYYY-MM-DD' });
const Hotline = Type.Object({ name: Type.String(), number: Type.String() });

const Result = Type.Object({
  id: Type.String(),
  instrument: Instrument,
  shortName: Type.String(),
  takenAt: Type.String(),
  total: Nullable(Type.Integer()),
  level: Level,
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
    }),
  ),
  footer: Nullable(Type.String()),
});

/**
 * Teachers' own wellbeing (教师心理健康自评): a staff member's confidential self-screening, read back by
 * them alone; the guidance centres' call-back queue; counts for schools and districts, suppressed.
 */
export async function wellbeingRoutes(api: Api, { db, readDb }: AppDeps) {
  api.get(
    '/v1/my/wellbeing',
    {
      config: { policy: 'wellbeing.self' },
      schema: {
        tags: ['wellbeing'],
        response: {
          200: Type.Object({
            instruments: Type.Array(
              Type.Object({
                code: Instrument,
                version: Type.Integer(),
                shortName: Type.String(),
                name: Type.String(),
                itemCount: Type.Integer(),
              }),
            ),
            results: Type.Array(Result),
            callbacks: Type.Array(
              Type.Object({ id: Type.String(), requestedAt: Type.String(), doneAt: Nullable(Type.String()) }),
            ),
            hotlines: Type.Array(Hotline),
          }),
        },
      },
    },
    (req) => myWellbeing(requestContext(req, db)),
  );

  api.get(
    '/v1/my/wellbeing/instruments/:code',
    {
      config: { policy: 'wellbeing.self' },
      schema: {
        tags: ['wellbeing'],
        params: Type.Object({ code: Instrument }),
        response: { 200: InstrumentView },
      },
    },
    (req) => wellbeingInstrument(requestContext(req, db), req.params.code),
  );

  api.get(
    '/v1/my/wellbeing/results/:id',
    {
      config: { policy: 'wellbeing.self' },
      schema: { tags: ['wellbeing'], params: IdParams, response: { 200: Result } },
    },
    (req) => readMyResult(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/my/wellbeing',
    {
      config: { policy: 'wellbeing.self' },
      schema: {
        tags: ['wellbeing'],
        body: Type.Object(
          {
            clientId: Uuid,
            instrument: Instrument,
            answers: Type.Array(
              Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: -1000, maximum: 1000 }),
              {
                maxItems: 50,
                description: 'One entry per item in order: the option code chosen, or null for a blank',
              },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Intersect([
            Result,
            Type.Object({
              critical: Type.Boolean({ description: 'A critical answer: show the hotline at once' }),
              offerCallback: Type.Boolean({ description: 'Offer a confidential call-back; the teacher decides' }),
              hotlines: Type.Array(Hotline),
            }),
          ]),
          201: Type.Intersect([
            Result,
            Type.Object({ critical: Type.Boolean(), offerCallback: Type.Boolean(), hotlines: Type.Array(Hotline) }),
          ]),
        },
      },
    },
    async (req, reply) => {
      const { created, result } = await takeSelfScreening(requestContext(req, db), req.body);
      reply.code(created ? 201 : 200);
      return result;
    },
  );

  api.post(
    '/v1/my/wellbeing/callback',
    {
      config: { policy: 'wellbeing.self' },
      schema: {
        tags: ['wellbeing'],
        body: Type.Object(
          {
            clientId: Uuid,
            phone: Type.String({ minLength: 3, maxLength: 20, description: 'Where the centre calls back' }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), requestedAt: Type.String() }),
          201: Type.Object({ id: Type.String(), requestedAt: Type.String() }),
        },
      },
    },
    async (req, reply) => {
      const { created, ...callback } = await requestCallback(requestContext(req, db), req.body);
      reply.code(created ? 201 : 200);
      return callback;
    },
  );

  api.get(
    '/v1/wellbeing/callbacks',
    {
      config: { policy: 'wellbeing.callback' },
      schema: {
        tags: ['wellbeing'],
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['open', 'done'], { default: 'open' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                phone: Type.String(),
                requestedAt: Type.String(),
                doneAt: Nullable(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    (req) => listCallbacks(requestContext(req, db), req.query.status ?? 'open'),
  );

  api.post(
    '/v1/wellbeing/callbacks/:id/done',
    {
      config: { policy: 'wellbeing.callback' },
      schema: {
        tags: ['wellbeing'],
        params: IdParams,
        response: { 200: Type.Object({ id: Type.String(), doneAt: Type.String() }) },
      },
    },
    (req) => markCallbackDone(requestContext(req, db), req.params.id),
  );

  api.get(
    '/v1/wellbeing/counts',
    {
      config: { policy: 'wellbeing.counts' },
      schema: {
        tags: ['wellbeing'],
        querystring: Type.Object(
          { instrument: Instrument, from: Type.Optional(Day), to: Type.Optional(Day) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            instrument: Instrument,
            from: Type.String(),
            to: Type.String(),
            levels: Type.Array(Type.Enum([...WELLBEING_LEVELS])),
            rows: Type.Array(
              Type.Object({
                unitId: Nullable(Type.String({ description: 'null: staff above school level' })),
                name: Type.String(),
                counts: Type.Array(Nullable(Type.Integer()), { description: 'Per level; null: suppressed' }),
                total: Nullable(Type.Integer()),
              }),
            ),
            totals: Type.Array(Nullable(Type.Integer())),
            total: Nullable(Type.Integer()),
          }),
        },
      },
    },
    (req) => wellbeingCounts(requestContext(req, db, readDb), req.query),
  );
}
