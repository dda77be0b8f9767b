/**
 * `@sidang/shared/constants`: the constants, types and helpers of the shared package without
 * the wire schemas, so without zod. Screens import from here what they need to draw; the
 * schemas (`@sidang/shared`) load with the forms and the realtime client that use them.
 */
export * from './access/classification.constants.js';
export * from './action-items/action-item.constants.js';
export * from './activity/describe.js';
export * from './auth/auth.constants.js';
export * from './common/errors.constants.js';
export * from './common/person-label.js';
export * from './documents/document.constants.js';
export * from './meetings/meeting.constants.js';
export * from './realtime/protocol.js';
export * from './realtime/rooms.js';
export * from './records/record-paths.js';
export * from './records/record-types.js';
