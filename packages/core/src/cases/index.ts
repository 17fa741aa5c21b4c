export * from './state-machine.js';
export * from './follow-up-schedule.js';
export * from './records.js';
export * from './timeline.js';
export * from './decisions.js';
export * from './referral.js';
export * from './next-steps.js';
