import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { MessageKey } from '../../http/messages.js';
import type { FieldError } from '../../http/problem.js';

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const LIMITED = new Set(['minLength', 'maxLength', 'minimum', 'maximum']);
const PLAIN = new Set(['type', 'pattern', 'format']);
const MAX_ERRORS = 50;

function one(e: SchemaError, at: string): FieldError[] {
  const list = (key: string) => (Array.isArray(e.params[key]) ? (e.params[key] as unknown[]).map(String) : []);
  switch (e.keyword) {
    case 'required':
      return list('requiredProperties').map((p) => ({ field: `${at}/${p}`, key: 'field.required' }));
    case 'additionalProperties':
      return list('additionalProperties').map((p) => ({ field: `${at}/${p}`, key: 'field.additionalProperties' }));
    // Reported again, with the property's name, by the `additionalProperties` error of its parent.
    case 'boolean':
      return [];
    case 'enum':
      return [{ field: at, key: 'field.enum', params: { allowed: list('allowedValues').join(', ') } }];
    case 'const':
      return [{ field: at, key: 'field.enum', params: { allowed: String(e.params['allowedValue']) } }];
    default: {
      if (LIMITED.has(e.keyword))
        return [{ field: at, key: `field.${e.keyword}` as MessageKey, params: { limit: Number(e.params['limit']) } }];
      const key: MessageKey = PLAIN.has(e.keyword) ? (`field.${e.keyword}` as MessageKey) : 'field.invalid';
      return [{ field: at, key }];
    }
  }
}

/**
 * Checks untrusted JSON against a TypeBox schema and words the errors like the request-schema errors of the
 * rest of the API (the error handler localizes `field.*` keys). `prefix` places a nested value in the body.
 */
export function schemaErrors(schema: TSchema, value: unknown, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of Value.Errors(schema, value) as unknown as SchemaError[]) {
    for (const f of one(e, `${prefix}${e.instancePath}`)) {
      const key = `${f.field} ${f.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...f, field: f.field || '/' });
    }
    if (out.length >= MAX_ERRORS) break;
  }
  return out;
}
