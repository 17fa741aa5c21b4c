import { roleAllows, type Action, type RoleBinding } from '@yuxin/core';
import type { RequestAccess } from '../../access/request-access.js';
import { forbidden, Problem } from '../../http/problem.js';

/**
 * Instruments belong to no school, so the gate's "may this actor ever do it" is the whole decision for
 * reading and scoring; the audit still names the binding that allowed it.
 */
export function bindingFor(access: RequestAccess, action: Action): RoleBinding | null {
  return access.actor.bindings.find((b) => roleAllows(b.role, action)) ?? null;
}

/**
 * A new version changes what every school in the city screens with, so only a city-level binding may make
 * one: a district or school administrator holds `instrument.manage` but not over the whole city. Nothing is
 * hidden from them (they can read the library), so the refusal is 403, not 404.
 */
export function requireCityWideManager(access: RequestAccess, cityId: string): RoleBinding {
  try {
    return access.require('instrument.manage', { cityId });
  } catch (err) {
    if (err instanceof Problem && err.kind === 'not-found') throw forbidden();
    throw err;
  }
}
