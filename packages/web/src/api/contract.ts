// Types of the HTTP API, taken from the server's OpenAPI document (schema.gen.ts, `npm run api:gen`):
// the web names the shapes it reads, it never re-declares them.
import type { paths } from './schema.gen';

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<R> = R extends { 200: infer A }
  ? A
  : R extends { 201: infer A }
    ? A
    : R extends { 202: infer A }
      ? A
      : never;

/** The JSON a route answers with on success (200, else 201, else 202). */
export type Answer<P extends keyof paths, M extends Method = 'get'> = JsonOf<
  Success<Operation<P, M> extends { responses: infer R } ? R : never>
>;

/** The JSON body a route takes. */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

/** The query string a route takes. */
export type Query<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a list answer, paged (`items`) or bare. */
export type ItemOf<L> = L extends { items: (infer I)[] } ? I : L extends (infer I)[] ? I : never;
