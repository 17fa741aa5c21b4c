/**
 * Finds request-schema fields without a bound: strings without maxLength (or an enum, const or format that
 * bounds them), integers and numbers without minimum and maximum, arrays without maxItems, objects that
 * accept any key. Used by the test that holds every route to bounded input.
 */
export function unboundedFields(schema: unknown, path = '', part = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as Record<string, unknown>;
  const out: string[] = [];
  if ('const' in s || Array.isArray(s.enum)) return out;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((sub) => out.push(...unboundedFields(sub, path)));
  }
  const types = [s.type].flat().filter((t): t is string => typeof t === 'string');
  for (const type of types) {
    if (type === 'string' && typeof s.maxLength !== 'number' && !BOUNDED_FORMATS.has(String(s.format)))
      out.push(`${path || '/'}: string without maxLength`);
    if ((type === 'integer' || type === 'number') && (typeof s.minimum !== 'number' || typeof s.maximum !== 'number'))
      out.push(`${path || '/'}: ${type} without minimum and maximum`);
    if (type === 'array') {
      if (typeof s.maxItems !== 'number') out.push(`${path || '/'}: array without maxItems`);
      if (s.items) out.push(...unboundedFields(s.items, `${path}/*`));
    }
    if (type === 'object') {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(props)) out.push(...unboundedFields(v, `${path}/${k}`));
      const extra = s.additionalProperties;
      const patterned = s.patternProperties as Record<string, unknown> | undefined;
      if (patterned) for (const v of Object.values(patterned)) out.push(...unboundedFields(v, `${path}/*`));
      if (extra && typeof extra === 'object') {
        out.push(...unboundedFields(extra, `${path}/*`));
        if (typeof s.maxProperties !== 'number') out.push(`${path || '/'}: open object without maxProperties`);
      } else if (extra !== false && !patterned && Object.keys(props).length > 0 && !(part === 'params' && !path)) {
        // (Path parameters are named by the route pattern itself: no unknown key can arrive.)
        // A closed shape is the rule; an object that takes any key is listed unless it says how many.
        if (typeof s.maxProperties !== 'number') out.push(`${path || '/'}: object accepts unknown keys`);
      }
    }
  }
  return out;
}

/** Formats whose valid values have a fixed, short length. */
const BOUNDED_FORMATS = new Set(['uuid', 'date', 'date-time', 'time', 'email']);
