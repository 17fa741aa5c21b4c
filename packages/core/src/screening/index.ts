export * from './tier-rules.js';
export * from './tier-merge.js';
export * from './careless.js';
export * from './asked-items.js';
