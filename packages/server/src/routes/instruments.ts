import { toFhirQuestionnaire } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { LOCALES } from '../http/locale.js';
import { requireCityWideManager } from '../screening/instruments/access.js';
import { InstrumentSummarySchema, instrumentCatalog } from '../screening/instruments/catalog.js';
import { CodeSchema, DefinitionBody, DefinitionView } from '../screening/instruments/definition-schema.js';
import { importFhirVersion, storeEditedVersion } from '../screening/instruments/versions.js';
import { requestContext } from '../services/context.js';
import { findInstrument } from '../screening/instruments/lookup.js';

const CodeParams = Type.Object({ code: CodeSchema });
const VersionQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) },
  { additionalProperties: false },
);
const FhirQuery = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    lang: Type.Optional(Type.Enum([...LOCALES])),
  },
  { additionalProperties: false },
);
const StoredVersion = Type.Object({ code: CodeSchema, version: Type.Integer() });
const FhirQuestionnaireBody = Type.Object(
  { resourceType: Type.String({ maxLength: 64 }) },
  {
    // Open, as FHIR resources carry many optional elements; the body limit bounds it, the input hook keeps
    // NUL and lone surrogates out of every string in it, and definitionFromFhir checks what it reads.
    additionalProperties: true,
    maxProperties: 100,
    description: 'A FHIR R4 Questionnaire as exported by GET /api/v1/instruments/:code/fhir',
  },
);

export async function instrumentsRoutes(api: Api, { db }: AppDeps) {
  // FHIR clients send resources as application/fhir+json; read it like JSON (the poisoning guards included).
  if (!api.hasContentTypeParser('application/fhir+json')) {
    api.addContentTypeParser(
      'application/fhir+json',
      { parseAs: 'string' },
      api.getDefaultJsonParser('error', 'error'),
    );
  }

  api.get(
    '/v1/instruments',
    {
      config: { policy: 'instrument.read' },
      schema: { tags: ['instruments'], response: { 200: Type.Object({ items: Type.Array(InstrumentSummarySchema) }) } },
    },
    async () => ({ items: await instrumentCatalog(db) }),
  );

  api.get(
    '/v1/instruments/:code',
    {
      config: { policy: 'instrument.read' },
      schema: {
        tags: ['instruments'],
        params: CodeParams,
        querystring: VersionQuery,
        response: { 200: DefinitionView },
      },
    },
    // Exactly the stored definition, so an editor can change it and post it back as the next version.
    async (req) => findInstrument(db, req.params.code, req.query.version, requestLocale(req)),
  );

  api.get(
    '/v1/instruments/:code/fhir',
    {
      config: { policy: 'instrument.read' },
      schema: {
        tags: ['instruments'],
        params: CodeParams,
        querystring: FhirQuery,
        description: 'FHIR R4 Questionnaire (application/fhir+json).',
      },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const def = await findInstrument(db, req.params.code, req.query.version, locale);
      const questionnaire = toFhirQuestionnaire(def, req.query.lang ?? locale);
      return reply.type('application/fhir+json; charset=utf-8').send(JSON.stringify(questionnaire));
    },
  );

  api.post(
    '/v1/instruments/:code/versions',
    {
      config: { policy: 'instrument.manage' },
      // Refuse non-city managers before reading the body: their edit would be refused however well formed.
      preValidation: async (req) => void requireCityWideManager(req.access, req.signedIn!.account.city_id),
      schema: { tags: ['instruments'], params: CodeParams, body: DefinitionBody, response: { 201: StoredVersion } },
    },
    async (req, reply) => {
      const ctx = requestContext(req, db);
      const stored = await storeEditedVersion(ctx, req.signedIn!.account.city_id, req.params.code, req.body);
      return reply.code(201).send(stored);
    },
  );

  api.post(
    '/v1/instruments/import-fhir',
    {
      config: { policy: 'instrument.manage' },
      preValidation: async (req) => void requireCityWideManager(req.access, req.signedIn!.account.city_id),
      schema: { tags: ['instruments'], body: FhirQuestionnaireBody, response: { 201: StoredVersion } },
    },
    async (req, reply) => {
      const ctx = requestContext(req, db);
      return reply.code(201).send(await importFhirVersion(ctx, req.signedIn!.account.city_id, req.body));
    },
  );
}
