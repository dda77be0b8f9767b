export * from './access/classification.js';
export * from './action-items/action-item.schema.js';
export * from './auth/auth.schema.js';
export * from './committees/committee.schema.js';
export * from './common/errors.schema.js';
export * from './common/text.js';
export * from './realtime/events.js';
export * from './realtime/rooms.js';
