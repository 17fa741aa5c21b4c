export * from './suppression.js';
export * from './tabulate.js';
export * from './standards.js';
export * from './measures.js';
