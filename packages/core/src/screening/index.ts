export * from './tier-rules.js';
export * from './careless.js';
export * from './asked-items.js';
