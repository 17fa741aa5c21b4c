import { CARE_TAGS } from '@yuxin/core';
import { Type, type Static, type TSchema } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const PageQuery = {
  // Bounded so that (page - 1) × pageSize always fits the database's OFFSET.
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    retryAfter: Type.Optional(
      Type.Integer({ description: 'Seconds to wait before trying again (also in the Retry-After header)' }),
    ),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details, message localized' },
);

export function paged<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

export { CARE_TAGS } from '@yuxin/core';
export const CareTag = Type.Union(CARE_TAGS.map((t) => Type.Literal(t)));
export type CareTagValue = Static<typeof CareTag>;

/** A value or JSON null (OpenAPI 3.1 writes it as `anyOf: [T, null]`). */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
