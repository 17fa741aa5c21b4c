import { roleAllows } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { searchAudit } from '../accounts/audit-search.js';
import { auditRequest } from '../audit/request-audit.js';
import { complianceLabel } from '../compliance/labels.js';
import { requestLocale } from '../http/error-handler.js';
import type { Api } from '../http/api.js';
import { Nullable, PageQuery, paged } from '../http/schemas.js';

const DateOrTime = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);

const AuditItem = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actorUsername: Nullable(Type.String()),
  role: Nullable(Type.String()),
  action: Type.String(),
  actionLabel: Type.String({ description: 'The action in words, in the caller’s language' }),
  targetType: Nullable(Type.String()),
  targetTypeLabel: Nullable(Type.String({ description: 'The kind of record in words' })),
  targetId: Nullable(Type.String()),
  outcome: Type.String(),
  outcomeLabel: Type.String(),
  chain: Type.String(),
  seq: Type.Integer(),
});

export async function auditRoutes(api: Api, { db }: AppDeps) {
  const SearchQuery = Type.Object(
    {
      actorUsername: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      action: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      from: Type.Optional(DateOrTime),
      to: Type.Optional(DateOrTime),
      ...PageQuery,
    },
    { additionalProperties: false },
  );
  api.get(
    '/v1/audit',
    {
      config: { policy: 'audit.read' },
      schema: { tags: ['audit'], querystring: SearchQuery, response: { 200: paged(AuditItem) } },
    },
    async (req) => {
      const { page = 1, pageSize = 20, ...filters } = req.query;
      const result = await searchAudit(db, req.access, { ...filters, page, pageSize });
      // Who looked at the log, for what, is itself on the log.
      const binding = req.access.actor.bindings.find((b) => roleAllows(b.role, 'audit.read')) ?? null;
      await auditRequest(db, req, {
        action: 'audit.search',
        targetType: 'audit_log',
        binding,
        detail: { ...filters, page, returned: result.items.length },
      });
      const locale = requestLocale(req);
      return {
        ...result,
        items: result.items.map((e) => ({
          ...e,
          actionLabel: complianceLabel('action', e.action, locale),
          targetTypeLabel: e.targetType ? complianceLabel('target', e.targetType, locale) : null,
          outcomeLabel: complianceLabel('outcome', e.outcome, locale),
        })),
      };
    },
  );
}
