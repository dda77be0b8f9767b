import {
  createNegotiationRoundSchema,
  createNegotiationSchema,
  listNegotiationsQuerySchema,
  updateNegotiationRoundSchema,
  updateNegotiationSchema,
} from '@sidang/shared';
import { InvalidFieldException } from '../../../common/errors.js';
import { childRecordType, committeeRecordType } from '../common/register-records.js';
import { NegotiationEntity } from './negotiation.entity.js';
import { NegotiationRoundEntity } from './negotiation-round.entity.js';
import { toNegotiation, toNegotiationRound } from './negotiations.mapper.js';

export const NEGOTIATIONS = committeeRecordType({
  definition: { entityType: 'negotiation', entity: NegotiationEntity, name: 'Negotiation', toWire: toNegotiation },
  schemas: { list: listNegotiationsQuerySchema, create: createNegotiationSchema, update: updateNegotiationSchema },
  order: { column: 'title', direction: 'ASC' },
  equal: { kind: 'kind', status: 'status' },
  fieldLevelled: toNegotiation,
});

/** Negotiation tracks' rounds, numbered per negotiation. */
export const NEGOTIATION_ROUNDS = childRecordType({
  definition: { entityType: 'negotiation-round', entity: NegotiationRoundEntity, name: 'Round', toWire: toNegotiationRound },
  parent: NEGOTIATIONS,
  segment: 'rounds',
  schemas: { create: createNegotiationRoundSchema, update: updateNegotiationRoundSchema },
  listed: (rows) => rows.sort((a, b) => a.number - b.number).map(toNegotiationRound),
  prepareCreate: async (input, negotiation, manager) => {
    // The next number counts every round, seen or not: numbers never repeat.
    const rows: Array<{ next: number }> = await manager.query(
      'SELECT COALESCE(MAX(number), 0) + 1 AS next FROM negotiation_rounds WHERE negotiation_id = $1',
      [negotiation.id],
    );
    return { number: input.number ?? Number(rows[0]?.next ?? 1) };
  },
  checkUpdate: (entity, changes) => {
    const startsOn = changes.startsOn === undefined ? entity.startsOn : changes.startsOn;
    const endsOn = changes.endsOn === undefined ? entity.endsOn : changes.endsOn;
    if (startsOn && endsOn && endsOn < startsOn) {
      throw new InvalidFieldException(changes.endsOn !== undefined ? 'endsOn' : 'startsOn', 'endsOn must not be before startsOn');
    }
  },
});
