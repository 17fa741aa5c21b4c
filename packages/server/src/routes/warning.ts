import { defaultNetworkLevel, NETWORK_LEVELS, OBSERVATION_SIGNS, roleAllows, type LiveNotice } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound } from '../http/problem.js';
import { IdParams, Nullable, PageQuery, Uuid } from '../http/schemas.js';
import { NotificationHub, sessionStillLive } from '../warning/live.js';
import { listNotifications, markOwnNotificationRead, unreadCount } from '../warning/notifications.js';
import { fileObservation } from '../warning/observations.js';
import { getWarningSettings } from '../warning/settings.js';
import { observationSubjects } from '../warning/subjects.js';
import { requestContext } from '../services/context.js';

/** Proxies close a silent connection after about 60 s; a comment every 25 s keeps a stream open through them. */
const STREAM_HEARTBEAT_MS = 25_000;

const Urgency = Type.Union([Type.Literal('crisis'), Type.Literal('high'), Type.Literal('attention')]);

const ObservationBody = Type.Object(
  {
    clientId: Uuid,
    studentId: Uuid,
    level: Type.Optional(Type.Enum([...NETWORK_LEVELS])),
    signs: Type.Array(Type.Enum([...OBSERVATION_SIGNS]), { maxItems: OBSERVATION_SIGNS.length, uniqueItems: true }),
    seenAt: Type.String({ format: 'date-time' }),
    urgency: Urgency,
    text: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const NotificationView = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'alert.raised | alert.escalated | followup.overdue | followup.escalated' }),
  alertId: Nullable(Type.String()),
  caseId: Nullable(Type.String({ description: 'the case a follow-up notice is about' })),
  urgency: Nullable(Type.String()),
  title: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
  readAt: Nullable(Type.String()),
});

/** The warning network files observations; everyone reads their own notifications. */
export async function warningRoutes(api: Api, { db, warning, config }: AppDeps) {
  const clock = warning?.clock ?? (() => new Date());
  const hub = new NotificationHub(db, {
    onError: (err) => api.log.error({ err }, 'notification stream poll failed'),
  });
  // Open streams never end on their own: close them before the server waits for its connections.
  const streams = new Set<() => void>();
  api.addHook('preClose', async () => {
    for (const end of [...streams]) end();
    await hub.stop();
  });

  api.get(
    '/v1/observations/subjects',
    {
      config: { policy: 'observation.file' },
      schema: {
        tags: ['warning'],
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), className: Type.String() })),
            levels: Type.Array(Type.Enum([...NETWORK_LEVELS]), {
              description: "The city's warning-network levels, for the form's level choice",
            }),
            defaultLevel: Nullable(Type.Enum([...NETWORK_LEVELS])),
          }),
        },
      },
    },
    async (req) => {
      const items = await observationSubjects(db, req.access, req.query.q);
      await auditRequest(db, req, {
        action: 'observation.subjects',
        targetType: 'students',
        detail: { q: req.query.q ?? null, returned: items.length },
      });
      const { networkLevels } = await getWarningSettings(db, req.signedIn!.account.city_id);
      const filer = req.access.actor.bindings.find((b) => roleAllows(b.role, 'observation.file'));
      return {
        items,
        levels: networkLevels,
        defaultLevel: filer ? defaultNetworkLevel(filer.role, networkLevels) : null,
      };
    },
  );

  api.post(
    '/v1/observations',
    {
      config: { policy: 'observation.file' },
      schema: {
        tags: ['warning'],
        body: ObservationBody,
        response: { 201: Type.Object({ id: Type.String(), filedAt: Type.String() }) },
      },
    },
    async (req, reply) => {
      const receipt = await fileObservation(requestContext(req, db), req.body, clock());
      return reply.code(201).send(receipt);
    },
  );

  api.get(
    '/v1/notifications',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['warning'],
        querystring: Type.Object(
          { unread: Type.Optional(Type.Boolean()), ...PageQuery },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(NotificationView),
            total: Type.Integer(),
            unread: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
    },
    async (req) =>
      listNotifications(db, req.signedIn!.account.id, requestLocale(req), {
        unread: req.query.unread,
        page: req.query.page ?? 1,
        pageSize: req.query.pageSize ?? 20,
      }),
  );

  api.get(
    '/v1/notifications/stream',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['warning'],
        description:
          'With `Accept: text/event-stream`, a server-sent event stream of the own new notifications ' +
          '(event `notification`: {id, kind, alertId, createdAt, unread}; first event `ready`: {unread}; a comment ' +
          'every 25 s); it ends when the session ends. Otherwise the current unread count.',
        response: { 200: Type.Object({ unread: Type.Integer() }) },
      },
    },
    async (req, reply) => {
      const userId = req.signedIn!.account.id;
      if (!String(req.headers.accept ?? '').includes('text/event-stream'))
        return { unread: await unreadCount(db, userId) };
      const tokenHash = req.session!.tokenHash;
      const unread = await unreadCount(db, userId);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      // An open stream is not an idle socket: the server's idle timeout must not cut it between heartbeats.
      req.raw.socket.setTimeout(0);
      const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      send('ready', { unread });
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        res.end();
      };
      const unsubscribe = hub.subscribe(userId, (n: LiveNotice) => send('notification', n));
      // Each heartbeat also checks the session, so a stream outlives neither a sign-out nor an expiry.
      const heartbeat = setInterval(() => {
        void sessionStillLive(db, tokenHash, config.sessionIdleMinutes).then(
          (live) => (live ? res.write(': heartbeat\n\n') : end()),
          () => end(),
        );
      }, STREAM_HEARTBEAT_MS);
      streams.add(end);
      req.raw.on('close', end);
    },
  );

  api.post(
    '/v1/notifications/:id/read',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['warning'],
        params: IdParams,
        response: { 200: Type.Object({ id: Type.String(), readAt: Type.String() }) },
      },
    },
    async (req) => {
      const done = await markOwnNotificationRead(requestContext(req, db), req.params.id);
      if (!done) throw notFound();
      return done;
    },
  );
}
