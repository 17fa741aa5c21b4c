export * from './access/index.js';
export * from './instruments/index.js';
export * from './screening/index.js';
