import type { RoleBinding } from '@yuxin/core';
import { forbidden, Problem } from '../http/problem.js';
import type { RequestAccess } from './request-access.js';

/** Settings are the city's: only a city-level binding may change them. Nothing is hidden, so refuse with 403. */
export function requireCityManager(access: RequestAccess, cityId: string): RoleBinding {
  try {
    return access.require('campaign.manage', { cityId });
  } catch (err) {
    if (err instanceof Problem && err.kind === 'not-found') throw forbidden();
    throw err;
  }
}
