import type { ValidatorFactory } from '@fastify/ajv-compiler';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { sharedSerializers, sharedValidators } from './compiled-schemas.js';

// A schema built afresh per call, as route files do for each app they register.
const body = () => Type.Object({ name: Type.String({ maxLength: 10 }) });
const route = (httpPart: string, schema: unknown) => ({ schema, method: 'POST', url: '/x', httpPart }) as never;

describe('schemas compiled once per process', () => {
  it('compiles a schema once for every app that asks with the same options, and apart otherwise', () => {
    let compiled = 0;
    const counting: ValidatorFactory = () => () => {
      compiled++;
      return (() => true) as never;
    };
    const build = sharedValidators(counting);
    const options = { customOptions: { coerceTypes: 'array' } } as never;
    const first = build({}, options)(route('body', body()));
    const second = build({}, options)(route('body', body()));
    expect(second).toBe(first);
    expect(compiled).toBe(1);
    build({}, options)(route('querystring', body()));
    build({}, options)(route('body', Type.Object({ name: Type.String({ maxLength: 11 }) })));
    build({}, { customOptions: { coerceTypes: false } })(route('body', body()));
    expect(compiled).toBe(4);
  });

  it('shares response serializers that still write what the schema allows and nothing more', () => {
    const schema = () => Type.Object({ id: Type.String() });
    const def = { method: 'GET', url: '/y', httpStatus: '200' };
    const serialize = sharedSerializers({}, {})({ ...def, schema: schema() });
    expect(sharedSerializers({}, {})({ ...def, schema: schema() })).toBe(serialize);
    expect(serialize({ id: 'a', secret: 'b' })).toBe('{"id":"a"}');
    const other = sharedSerializers({}, {})({ ...def, schema: Type.Object({ secret: Type.String() }) });
    expect(other).not.toBe(serialize);
    expect(other({ id: 'a', secret: 'b' })).toBe('{"secret":"b"}');
  });
});
