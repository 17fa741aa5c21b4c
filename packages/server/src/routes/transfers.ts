import { CASE_DISPOSITIONS, TRANSFER_KINDS, TRANSFER_STATUSES } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable, Uuid } from '../http/schemas.js';
import { requestContext } from '../services/context.js';
import { acceptTransfer } from '../transfers/accept.js';
import { readSummary, writeSummary } from '../transfers/handover.js';
import { decideTransfer, listTransfers, readTransfer, requestTransfer } from '../transfers/requests.js';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = Type.String({ maxLength: 4000 });

const Transfer = Type.Object({
  id: Type.String(),
  kind: Type.Enum([...TRANSFER_KINDS]),
  status: Type.Enum([...TRANSFER_STATUSES]),
  via: Type.Enum(['request', 'import']),
  direction: Type.Enum(['incoming', 'outgoing']),
  student: Type.Object({
    id: Type.String(),
    name: Nullable(Type.String()),
    studentNo: Nullable(Type.String()),
  }),
  from: Type.Object({ schoolId: Type.String(), schoolName: Type.String(), className: Type.String() }),
  to: Type.Object({
    schoolId: Type.String(),
    schoolName: Type.String(),
    classId: Nullable(Type.String()),
    className: Nullable(Type.String()),
  }),
  caseDisposition: Nullable(Type.Enum([...CASE_DISPOSITIONS])),
  requestedAt: Type.String({ format: 'date-time' }),
  requestedBy: Type.String(),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  summary: Type.Object({
    written: Type.Boolean(),
    signed: Type.Boolean(),
    signedAt: Nullable(Type.String({ format: 'date-time' })),
    signedBy: Nullable(Type.String()),
  }),
  can: Type.Object({
    cancel: Type.Boolean(),
    accept: Type.Boolean(),
    writeSummary: Type.Boolean(),
    readSummary: Type.Boolean(),
  }),
});

const Summary = Type.Object({
  id: Type.String(),
  written: Type.Boolean(),
  tier: Nullable(Type.Integer({ minimum: 1, maximum: 3 })),
  caseOpen: Type.Boolean(),
  followUpNeeds: Type.String({ description: 'Follow-up needs of the open case, if any' }),
  attention: Type.String({ description: 'Recommended attention for the receiving school' }),
  writtenBy: Nullable(Type.String()),
  writtenAt: Nullable(Type.String({ format: 'date-time' })),
  signedBy: Nullable(Type.String()),
  signedAt: Nullable(Type.String({ format: 'date-time' })),
  caseId: Nullable(Type.String()),
});

const Decided = Type.Object({ id: Type.String(), status: Type.Enum([...TRANSFER_STATUSES]) });

/** Transfers between schools (转学, 升学) and the psychology teachers' hand-over summary (心理档案转接). */
export async function transferRoutes(api: Api, { db }: AppDeps) {
  api.post(
    '/v1/transfers',
    {
      config: { policy: 'transfer.request' },
      schema: {
        tags: ['transfers'],
        body: Type.Object(
          {
            studentId: Uuid,
            toSchoolId: Uuid,
            kind: Type.Optional(lit(TRANSFER_KINDS)),
            caseDisposition: Type.Optional(lit(CASE_DISPOSITIONS)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const t = await requestTransfer(requestContext(req, db), req.body);
      reply.code(201);
      return t;
    },
  );

  api.get(
    '/v1/transfers',
    {
      config: { policy: 'transfer.read' },
      schema: {
        tags: ['transfers'],
        querystring: Type.Object(
          {
            direction: Type.Optional(lit(['incoming', 'outgoing'] as const)),
            status: Type.Optional(lit(TRANSFER_STATUSES)),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Transfer),
            schools: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
              description: "The city's active schools a student may be sent to",
            }),
            classes: Type.Array(Type.Object({ id: Type.String(), schoolId: Type.String(), name: Type.String() }), {
              description: 'Active classes of the schools where the actor accepts students',
            }),
          }),
        },
      },
    },
    (req) => listTransfers(requestContext(req, db), req.query),
  );

  api.get(
    '/v1/transfers/:id',
    {
      config: { policy: 'transfer.read' },
      schema: { tags: ['transfers'], params: IdParams, response: { 200: Transfer } },
    },
    (req) => readTransfer(requestContext(req, db), req.params.id),
  );

  api.put(
    '/v1/transfers/:id/handover',
    {
      config: { policy: 'transfer.handover' },
      schema: {
        tags: ['transfers'],
        params: IdParams,
        body: Type.Object(
          {
            tier: Nullable(Type.Integer({ minimum: 1, maximum: 3 })),
            followUpNeeds: Text,
            attention: Text,
            sign: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.String(),
            signed: Type.Boolean(),
            signedAt: Nullable(Type.String({ format: 'date-time' })),
          }),
        },
      },
    },
    (req) =>
      writeSummary(requestContext(req, db), req.params.id, {
        ...req.body,
        tier: req.body.tier as 1 | 2 | 3 | null,
      }),
  );

  api.get(
    '/v1/transfers/:id/handover',
    {
      config: { policy: 'transfer.handover' },
      schema: { tags: ['transfers'], params: IdParams, response: { 200: Summary } },
    },
    (req) => readSummary(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/transfers/:id/accept',
    {
      config: { policy: 'transfer.accept' },
      schema: {
        tags: ['transfers'],
        params: IdParams,
        body: Type.Object({ classId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ ...Decided.properties, caseId: Nullable(Type.String()) }) },
      },
    },
    (req) => acceptTransfer(requestContext(req, db), req.params.id, req.body.classId),
  );

  api.post(
    '/v1/transfers/:id/decline',
    {
      config: { policy: 'transfer.accept' },
      schema: { tags: ['transfers'], params: IdParams, response: { 200: Decided } },
    },
    (req) => decideTransfer(requestContext(req, db), req.params.id, 'decline'),
  );

  api.post(
    '/v1/transfers/:id/cancel',
    {
      config: { policy: 'transfer.request' },
      schema: { tags: ['transfers'], params: IdParams, response: { 200: Decided } },
    },
    (req) => decideTransfer(requestContext(req, db), req.params.id, 'cancel'),
  );
}
