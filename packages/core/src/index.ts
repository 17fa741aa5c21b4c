export * from './access/index.js';
export * from './instruments/index.js';
export * from './screening/index.js';
export * from './cases/index.js';
export * from './warning/index.js';
export * from './reports/index.js';
export * from './students/care-tags.js';
export * from './time/china-time.js';
