export * from './sections.js';
