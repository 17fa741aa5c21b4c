import { MAILBOX_REASON_MAX, MAILBOX_TEXT_MAX, URGENCIES } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable, Uuid } from '../http/schemas.js';
import {
  answerThread,
  listMyThreads,
  listSchoolThreads,
  markRisk,
  readMyThread,
  readThread,
  replyMine,
  writeThread,
} from '../mailbox/threads.js';
import { requestContext } from '../services/context.js';

const Text = Type.String({ minLength: 1, maxLength: MAILBOX_TEXT_MAX });
const State = Type.Union([Type.Literal('waiting'), Type.Literal('answered')], {
  description: 'waiting: the student spoke last; answered: a teacher did',
});
const Message = Type.Object({
  id: Type.String(),
  author: Type.Union([Type.Literal('student'), Type.Literal('teacher')]),
  authorName: Nullable(Type.String({ description: "The answering teacher's name; null for the student" })),
  text: Type.String(),
  at: Type.String(),
});
const Posted = Type.Object({ id: Type.String(), created: Type.Boolean() });
const Post = Type.Object(
  { text: Text, clientId: Uuid },
  { additionalProperties: false, description: 'clientId: the retry key; the same one twice posts once' },
);

/** 心理信箱: a student writes to the school's psychology teachers, named or anonymous; they answer. */
export async function mailboxRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/my/mailbox',
    {
      config: { policy: 'mailbox.write' },
      schema: {
        tags: ['mailbox'],
        response: {
          200: Type.Object({
            helpLines: Type.Array(Type.Object({ name: Type.String(), number: Type.String() })),
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                anonymous: Type.Boolean(),
                state: State,
                preview: Type.String(),
                messageCount: Type.Integer(),
                createdAt: Type.String(),
                lastAt: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    (req) => listMyThreads(requestContext(req, db)),
  );

  api.post(
    '/v1/my/mailbox',
    {
      config: { policy: 'mailbox.write' },
      schema: {
        tags: ['mailbox'],
        body: Type.Object({ text: Text, anonymous: Type.Boolean(), clientId: Uuid }, { additionalProperties: false }),
        response: { 200: Posted, 201: Posted },
      },
    },
    async (req, reply) => {
      const r = await writeThread(requestContext(req, db), req.body);
      reply.code(r.created ? 201 : 200);
      return r;
    },
  );

  api.get(
    '/v1/my/mailbox/:id',
    {
      config: { policy: 'mailbox.write' },
      schema: {
        tags: ['mailbox'],
        params: IdParams,
        response: {
          200: Type.Object({
            id: Type.String(),
            anonymous: Type.Boolean(),
            state: State,
            createdAt: Type.String(),
            messages: Type.Array(Message, { maxItems: 1000 }),
          }),
        },
      },
    },
    (req) => readMyThread(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/my/mailbox/:id/messages',
    {
      config: { policy: 'mailbox.write' },
      schema: { tags: ['mailbox'], params: IdParams, body: Post, response: { 200: Posted, 201: Posted } },
    },
    async (req, reply) => {
      const r = await replyMine(requestContext(req, db), req.params.id, req.body);
      reply.code(r.created ? 201 : 200);
      return r;
    },
  );

  api.get(
    '/v1/mailbox',
    {
      config: { policy: 'mailbox.answer' },
      schema: {
        tags: ['mailbox'],
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                anonymous: Type.Boolean(),
                student: Nullable(Type.Object({ name: Type.String(), className: Type.String() })),
                state: State,
                messageCount: Type.Integer(),
                riskMarked: Type.Boolean(),
                createdAt: Type.String(),
                lastAt: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    (req) => listSchoolThreads(requestContext(req, db)),
  );

  api.get(
    '/v1/mailbox/:id',
    {
      config: { policy: 'mailbox.answer' },
      schema: {
        tags: ['mailbox'],
        params: IdParams,
        response: {
          200: Type.Object({
            id: Type.String(),
            anonymous: Type.Boolean(),
            student: Nullable(Type.Object({ id: Type.String(), name: Type.String(), className: Type.String() })),
            state: State,
            createdAt: Type.String(),
            messages: Type.Array(Message),
            risk: Nullable(
              Type.Object({
                reason: Type.String(),
                markedBy: Type.String(),
                markedAt: Type.String(),
                alertId: Nullable(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    (req) => readThread(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/mailbox/:id/replies',
    {
      config: { policy: 'mailbox.answer' },
      schema: { tags: ['mailbox'], params: IdParams, body: Post, response: { 200: Posted, 201: Posted } },
    },
    async (req, reply) => {
      const r = await answerThread(requestContext(req, db), req.params.id, req.body);
      reply.code(r.created ? 201 : 200);
      return r;
    },
  );

  api.post(
    '/v1/mailbox/:id/risk',
    {
      config: { policy: 'mailbox.answer' },
      schema: {
        tags: ['mailbox'],
        params: IdParams,
        body: Type.Object(
          {
            reason: Type.String({ minLength: 1, maxLength: MAILBOX_REASON_MAX }),
            urgency: Type.Union(URGENCIES.map((u) => Type.Literal(u))),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ alertId: Type.String() }) },
      },
    },
    async (req, reply) => {
      const r = await markRisk(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return r;
    },
  );
}
