export * from './bilateral.schema.js';
export * from './common.js';
export * from './export.schema.js';
export * from './link.schema.js';
export * from './negotiation.schema.js';
export * from './rnd.schema.js';
