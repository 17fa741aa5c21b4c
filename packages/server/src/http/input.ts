import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import type { FastifyInstance } from 'fastify';
import { fieldProblem } from './problem.js';

/**
 * The one place that refuses characters no field may hold, in any string of the query, the path parameters
 * or a JSON body (nested values and keys included): NUL and the other control characters but tab, line
 * feed and carriage return, and UTF-16 lone surrogates, which PostgreSQL cannot store and which would
 * otherwise surface as a 500 from the database. Runs before schema validation, so no route sees them.
 */
export function installInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const value of [req.params, req.query, req.body]) {
      const bad = findForbidden(value, '');
      if (bad !== null) throw fieldProblem(bad || '/', 'field.characters');
    }
  });
  // Ajv coerces the text "1e309" to Infinity and then skips its minimum/maximum checks, which only look at
  // finite numbers: a non-finite number left in the query or path after validation is refused here.
  app.addHook('preHandler', async (req) => {
    for (const value of [req.params, req.query]) {
      if (!value || typeof value !== 'object') continue;
      for (const [key, v] of Object.entries(value))
        if (typeof v === 'number' && !Number.isFinite(v)) throw fieldProblem(`/${key}`, 'field.invalid');
    }
  });
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function forbiddenText(s: string): boolean {
  return CONTROL.test(s) || LONE_SURROGATE.test(s);
}

/** The JSON-pointer-like path of the first string (or key) with a forbidden character, or null. */
export function findForbidden(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return forbiddenText(value) ? path : null;
  // Parsed JSON nests at most as deep as the body limit allows; the depth bound keeps the recursion shallow.
  if (!value || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbidden(value[i], `${path}/${i}`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  // Only parsed data (the query parser's objects have no Object prototype): not a Buffer or a file stream.
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (forbiddenText(key))
      return `${path}/${key.replace(new RegExp(`${CONTROL.source}|${LONE_SURROGATE.source}`, 'g'), '\ufffd')}`;
    const found = findForbidden(inner, `${path}/${key}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Validators per request part. Query strings and path parameters are text, so they are coerced to the
 * schema's integers and booleans (and single values to one-item arrays). A JSON body already has types:
 * it is never coerced, so a number sent where a string is expected (or "1" for an integer) is a 400
 * naming the field, not a silent conversion.
 */
export const buildInputValidators: ValidatorFactory = (externalSchemas, serverOptions) => {
  const factory = AjvCompiler();
  const options = (serverOptions ?? {}) as AjvCompilerOptions;
  const text = factory(externalSchemas, options);
  const json = factory(externalSchemas, {
    ...options,
    customOptions: { ...options.customOptions, coerceTypes: false },
  });
  return (route) => (route.httpPart === 'body' ? json : text)(route);
};

type AjvCompilerOptions = { customOptions?: Record<string, unknown> } & Record<string, unknown>;
