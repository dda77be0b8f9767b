import { ENTITY_TYPES, type EntityType } from '@sidang/shared/constants';
import { CLIENT_RECORD_TYPES } from '../records/record-types.ts';
import { type EntityRegistration, registerEntity } from './entity-registry.ts';

/**
 * The record types this client keeps live: each type's `live` options in the client's record
 * table (lib/records/record-types.ts), registered once. The schema that checks its live records
 * goes in `entity-schemas.ts`, which loads with the socket: this file is on every first screen
 * and stays free of zod.
 */
for (const type of ENTITY_TYPES) {
  registerEntity({ type, ...CLIENT_RECORD_TYPES[type].live } as EntityRegistration<EntityType>);
}
