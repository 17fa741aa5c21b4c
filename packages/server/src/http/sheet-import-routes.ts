import { Type, type Static, type TSchema } from 'typebox';
import type { FastifySchema } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { attachmentHeader } from '../accounts/content-disposition.js';
import { requestContext, type ServiceContext } from '../services/context.js';
import type { FileKind } from '../spreadsheets/read.js';
import type { Api } from './api.js';
import { requestLocale } from './error-handler.js';
import type { RoutePolicy } from './gate.js';
import { LOCALES, type Locale } from './locale.js';
import { receiveFile, spreadsheetKind } from './upload.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetImportRoutes<Report extends TSchema> {
  /** What the template and the sheet are of, for the API documents ("The org tree"). */
  tag: string;
  policy: RoutePolicy;
  templatePath: string;
  importPath: string;
  templateDescription: string;
  importDescription: string;
  report: Report;
  template: (locale: Locale) => { name: { ascii: string; utf8: string }; xlsx: () => Promise<Buffer> };
  missingFile: (locale: Locale) => string;
  run: (
    ctx: ServiceContext,
    input: { cityId: string; file: Buffer; kind: FileKind; mode: 'preview' | 'apply' },
  ) => Promise<Static<Report>>;
}

/**
 * The two routes of a sheet imported like the org tree (download the template; upload the sheet to preview
 * or apply it in one go). Each sheet's own rows and rules stay in its service; only the HTTP shape is shared.
 */
export function sheetImportRoutes<Report extends TSchema>(
  api: Api,
  { db, config }: AppDeps,
  routes: SheetImportRoutes<Report>,
) {
  api.get(
    routes.templatePath,
    {
      config: { policy: routes.policy },
      schema: {
        tags: [routes.tag],
        querystring: Type.Object(
          { lang: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)))) },
          { additionalProperties: false },
        ),
        description: routes.templateDescription,
      },
    },
    async (req, reply) => {
      const locale: Locale = (req.query as { lang?: Locale }).lang ?? requestLocale(req);
      const { name, xlsx } = routes.template(locale);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachmentHeader(name.utf8, name.ascii))
        .header('cache-control', 'no-store')
        .send(await xlsx());
    },
  );

  // Typed as a plain schema: the report is the caller's, so the type provider cannot derive the reply type
  // here; the schema still validates, serializes and documents the route.
  const importSchema: FastifySchema = {
    tags: [routes.tag],
    querystring: Type.Object(
      { mode: Type.Union([Type.Literal('preview'), Type.Literal('apply')]) },
      { additionalProperties: false },
    ),
    consumes: ['multipart/form-data'],
    description: routes.importDescription,
    response: { 200: routes.report },
  };
  api.post(
    routes.importPath,
    {
      config: { policy: routes.policy },
      schema: importSchema,
    },
    async (req) => {
      const ctx = requestContext(req, db);
      const upload = await receiveFile(
        req.isMultipart() ? await req.file() : undefined,
        routes.missingFile(ctx.locale),
        config.uploadLimitBytes,
      );
      return routes.run(ctx, {
        cityId: req.signedIn!.account.city_id,
        file: upload.buffer,
        kind: spreadsheetKind(upload, ctx.locale),
        mode: (req.query as { mode: 'preview' | 'apply' }).mode,
      });
    },
  );
}
