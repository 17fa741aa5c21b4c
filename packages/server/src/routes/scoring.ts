import { scoreResponse, validateAnswers } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { bindingFor } from '../screening/instruments/access.js';
import { answerFieldErrors } from '../screening/instruments/answer-errors.js';
import { CodeSchema } from '../screening/instruments/definition-schema.js';
import { findInstrument } from '../screening/instruments/lookup.js';
import { invalid } from '../screening/instruments/messages.js';
import { ScoringResultSchema, scoringView } from '../screening/instruments/scoring-view.js';

const ScoreBody = Type.Object(
  {
    // Entries are checked against the instrument's options by `validateAnswers`, which names the item;
    // a schema type here would refuse "2" or 1.5 with a message that does not say which question.
    answers: Type.Array(Type.Unknown(), {
      maxItems: 500,
      description: 'One option code (integer) or null per item, in item order.',
    }),
    version: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Defaults to the latest version.' }),
    ),
  },
  { additionalProperties: false },
);

export async function scoringRoutes(api: Api, { db }: AppDeps) {
  api.post(
    '/v1/scoring/:code',
    {
      config: { policy: 'scoring.compute' },
      schema: {
        tags: ['scoring'],
        params: Type.Object({ code: CodeSchema }),
        body: ScoreBody,
        response: { 200: ScoringResultSchema },
      },
    },
    async (req) => {
      const locale = requestLocale(req);
      const def = await findInstrument(db, req.params.code, req.body.version, locale);
      const answers = req.body.answers;
      const errors = validateAnswers(def, answers);
      if (errors.length > 0) throw invalid(answerFieldErrors(def, errors, answers, locale));
      const result = scoreResponse(def, answers as (number | null)[]);
      // Stateless: the audit entry is the only trace, and it never holds the answers or the result.
      await auditRequest(db, req, {
        action: 'scoring.compute',
        targetType: 'instrument',
        targetId: def.code,
        binding: bindingFor(req.access, 'scoring.compute'),
        detail: { instrument: def.code, version: def.version },
      });
      return scoringView(result, def, locale);
    },
  );
}
