import type { ValidatorFactory } from '@fastify/ajv-compiler';
import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler';

/*
 * Compiling every route's validators and response serializers is most of what building the app costs (about
 * 0.6 s of CPU for the ~300 routes). A process builds its app once in production, but the test suite builds
 * one per file and more in some: so a schema compiled once is kept for the process and handed to every app
 * that asks for the same schema under the same options. The key is the schema's JSON, not its identity,
 * because route files build their schema objects afresh for each app.
 */

const validators = new Map<string, ReturnType<ReturnType<ValidatorFactory>>>();
const serializers = new Map<string, ReturnType<ReturnType<SerializerFactory>>>();

/** `build`, with each route part's compiled validator shared by every app of the process. */
export function sharedValidators(build: ValidatorFactory): ValidatorFactory {
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    const context = JSON.stringify([externalSchemas, options]);
    return (route) => {
      const key = `${context}\n${route.httpPart}\n${JSON.stringify(route.schema)}`;
      let validator = validators.get(key);
      if (!validator) {
        validator = compile(route);
        validators.set(key, validator);
      }
      return validator;
    };
  };
}

/** Fastify's own serializer compiler, with each response schema's serializer shared by every app. */
export const sharedSerializers: SerializerFactory = (externalSchemas, options) => {
  const compile = SerializerSelector()(externalSchemas, options);
  const context = JSON.stringify([externalSchemas, options]);
  return (route) => {
    const key = `${context}\n${JSON.stringify(route.schema)}`;
    let serializer = serializers.get(key);
    if (!serializer) {
      serializer = compile(route);
      serializers.set(key, serializer);
    }
    return serializer;
  };
};
