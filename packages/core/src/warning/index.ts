export * from './network.js';
export * from './deadlines.js';
export * from './escalation.js';
export type { LiveNotice } from './live-notice.js';
