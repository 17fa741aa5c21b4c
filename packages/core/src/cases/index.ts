export * from './state-machine.js';
export * from './follow-up-schedule.js';
