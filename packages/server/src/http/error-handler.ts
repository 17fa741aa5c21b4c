import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldLabel, t, type MessageKey } from './messages.js';
import { Problem, PROBLEM_STATUS, type ProblemKind } from './problem.js';
import { pickLocale, type Locale } from './locale.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable.js';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

export function requestLocale(req: FastifyRequest): Locale {
  return pickLocale(req.headers['accept-language'], req.actorLocale);
}

/** Turns a schema-validation failure into field errors that name the field in the user's words. */
function validationErrors(list: AjvError[], locale: Locale) {
  return list.map((e) => {
    let field = e.instancePath || '/';
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string')
      field = `${e.instancePath}/${e.params.missingProperty}`;
    if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string')
      field = `${e.instancePath}/${e.params.additionalProperty}`;
    const known = [
      'required',
      'type',
      'minLength',
      'maxLength',
      'pattern',
      'format',
      'enum',
      'minimum',
      'maximum',
      'additionalProperties',
    ];
    const key = (known.includes(e.keyword) ? `field.${e.keyword}` : 'field.invalid') as MessageKey;
    const allowed = Array.isArray(e.params.allowedValues) ? e.params.allowedValues.join(', ') : '';
    const limit = (e.params.limit as number | undefined) ?? '';
    return { field, message: t(key, locale, { field: fieldLabel(field, locale), limit, allowed }) };
  });
}

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  kind: ProblemKind,
  detail: string,
  more: Record<string, unknown> = {},
) {
  const status = PROBLEM_STATUS[kind];
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `urn:yuxin:problem:${kind}`,
      title: kind,
      status,
      detail,
      instance: req.url.split('?')[0],
      requestId: req.id,
      ...more,
    });
}

export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | Problem, req, reply) => {
    const locale = requestLocale(req);
    if (error instanceof Problem) {
      const errors = error.opts.errors?.map((e) => ({
        field: e.field,
        message: e.message ?? t(e.key, locale, { field: fieldLabel(e.field, locale), ...e.params }),
      }));
      if (error.opts.headers) reply.headers(error.opts.headers);
      const detail =
        error.opts.detail ??
        (error.opts.key != null
          ? t(error.opts.key, locale, error.opts.params)
          : errors?.length === 1 && error.kind === 'validation'
            ? errors[0]!.message
            : t(`problem.${error.kind}` as MessageKey, locale, { requestId: req.id, ...error.opts.params }));
      return sendProblem(req, reply, error.kind, detail, { ...(errors ? { errors } : {}), ...error.opts.extra });
    }
    const fe = error;
    if (fe.validation) {
      const errors = validationErrors(fe.validation, locale);
      return sendProblem(req, reply, 'validation', errors[0]?.message ?? t('problem.validation', locale), { errors });
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return sendProblem(
        req,
        reply,
        'payload-too-large',
        t('problem.payload-too-large', locale, { limit: `${Math.round(app.initialConfig.bodyLimit! / 1024)} KB` }),
      );
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendProblem(
        req,
        reply,
        fe.statusCode === 404 ? 'not-found' : 'bad-request',
        t(fe.statusCode === 404 ? 'problem.not-found' : 'problem.bad-request', locale),
      );
    }
    // The database restarting or failing over is an outage the client waits out, not a server error: 503
    // with Retry-After, and the process keeps serving (db/connect.ts keeps the cut connection from
    // crashing it). Only the message is logged: a driver error may quote parameters.
    if (isDatabaseUnavailable(error)) {
      req.log.warn({ code: (error as { code?: unknown }).code, message: error.message }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return sendProblem(
        req,
        reply,
        'unavailable',
        t('problem.database-unavailable', locale, { seconds: DATABASE_RETRY_AFTER_SECONDS }),
      );
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendProblem(req, reply, 'internal', t('problem.internal', locale, { requestId: req.id }));
  });
}
