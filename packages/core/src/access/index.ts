export * from './roles.js';
export * from './actions.js';
export * from './policy.js';
export * from './grants.js';
