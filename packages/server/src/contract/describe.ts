import { ALWAYS_ADMITTED_PATHS } from '../http/admission.js';
import type { RegisteredRoute, RoutePolicy } from '../http/gate.js';
import { Problem } from '../http/schemas.js';
import { OPERATIONS, TAGS, type Operation } from './operations.js';

type Json = Record<string, unknown>;
type OpenApi = Json & { paths?: Record<string, Record<string, Json>>; components?: Json };

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

const PROBLEM_ANSWERS: Record<number, string> = {
  400: 'The input is invalid: `errors` names each field (problem+json).',
  401: 'Not signed in, or the session has expired.',
  403: 'Not allowed: the permission is missing, the CSRF token is wrong, or the password or second factor is still owed.',
  404: 'Not found, or outside the caller’s scope (answered alike on purpose).',
  409: 'The record is in a state that refuses this change.',
  413: 'The upload is larger than the limit.',
  423: 'The account is locked after too many failed sign-ins.',
  429: 'Too many attempts: wait for the `Retry-After` header’s seconds.',
  503: 'The node is busy (admission control) or the database cannot be reached: wait the `Retry-After` header’s seconds and retry; nothing was done.',
};

/** `/api/v1/cases/{id}` as Fastify registered it: `/api/v1/cases/:id`. */
export const routeKey = (method: string, openApiPath: string) =>
  `${method.toUpperCase()} ${openApiPath.replace(/\{(\w+)\}/g, ':$1')}`;

/**
 * Completes the generated document for client generators (@fastify/swagger's `transformObject`): each
 * operation gets its name from the catalogue, the security its route's policy asks for and the
 * problem+json answers its guard and input imply. Applied to the document only, never to how a route
 * answers, so serialising an actual problem is untouched by it.
 */
export function describeOperations(registry: readonly RegisteredRoute[]) {
  return (input: { openapiObject: object } | { swaggerObject: object }) => {
    // Only the OpenAPI 3 form is ever generated here (app.ts registers @fastify/swagger with `openapi`).
    const doc = ('openapiObject' in input ? input.openapiObject : input.swaggerObject) as OpenApi;
    const routes = new Map(registry.map((r) => [`${r.method} ${r.url}`, r]));
    doc.info = {
      ...(doc.info as Json),
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    };
    doc.servers = [{ url: '/', description: 'The server that serves this document' }];
    doc.tags = Object.entries(TAGS).map(([name, description]) => ({ name, description }));
    const components = (doc.components ??= {}) as { securitySchemes?: Json; schemas?: Json };
    components.securitySchemes = {
      ...components.securitySchemes,
      csrf: {
        type: 'apiKey',
        in: 'header',
        name: 'X-CSRF-Token',
        description: 'The CSRF token the session answer holds; required on every state-changing call.',
      },
    };
    components.schemas = { ...components.schemas, Problem: JSON.parse(JSON.stringify(Problem)) as Json };

    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        const key = routeKey(method, path);
        const entry = OPERATIONS[key];
        const route = routes.get(key);
        if (!entry || !route) continue; // operations.test.ts names the route; the document stays servable
        describe(operation, method, entry, route);
      }
    }
    return doc as never;
  };
}

function describe(operation: Json, method: string, entry: Operation, route: RegisteredRoute) {
  operation.operationId = entry.operationId;
  operation.summary = entry.summary.en;
  operation.description = `${entry.summary.zh}\n\n${access(route.policy)}`;
  operation.tags = [entry.tag];
  const guarded = route.policy !== 'public';
  operation.security = !guarded ? [] : STATE_CHANGING.has(method) ? [{ session: [], csrf: [] }] : [{ session: [] }];

  const { params, querystring, body } = route.schema ?? {};
  const codes = new Set<number>(entry.problems ?? []);
  if (params || querystring || body) codes.add(400);
  if (guarded) codes.add(401).add(403);
  if (params) codes.add(404);
  // Any other call may meet a busy node or a database outage; both answer 503 with Retry-After.
  if (!ALWAYS_ADMITTED_PATHS.has(route.url)) codes.add(503);
  const responses = (operation.responses ??= {}) as Record<string, Json>;
  // Problems a route already declares are rendered the same way as the derived ones.
  for (const code of Object.keys(responses).map(Number)) if (code >= 400) codes.add(code);
  for (const code of [...codes].sort((a, b) => a - b)) {
    responses[String(code)] = {
      description: PROBLEM_ANSWERS[code] ?? 'A problem (RFC 9457).',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
}

function access(policy: RoutePolicy): string {
  if (policy === 'public') return 'Access: public, no sign-in. 无需登录。';
  if (policy === 'authenticated') return 'Access: any signed-in person. 任何已登录用户。';
  return `Access: the \`${policy}\` permission over the record's scope. 需要 \`${policy}\` 权限。`;
}
