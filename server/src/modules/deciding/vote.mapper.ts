import type { Vote } from '@sidang/shared';
import type { EntityManager } from 'typeorm';
import { VoteBallotCastEntity, type VoteEntity } from './vote.entity.js';

/** What a vote and a resolution carry alike: who opened it, its level, when it closed, its version and times. */
export function openedAndClosed(
  entity: Pick<VoteEntity, 'classification' | 'createdById' | 'closedAt' | 'version' | 'createdAt' | 'updatedAt'>,
) {
  return {
    classification: entity.classification,
    createdById: entity.createdById,
    closedAt: entity.closedAt ? entity.closedAt.toISOString() : null,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** Ballots per option, every option counted (0 when nobody chose it). */
export function countChoices(options: readonly string[], choices: Iterable<string>): Record<string, number> {
  const tally: Record<string, number> = Object.fromEntries(options.map((option) => [option, 0]));
  for (const choice of choices) tally[choice] = (tally[choice] ?? 0) + 1;
  return tally;
}

/**
 * A vote in full, as the change log keeps it. Who has voted, ordered by id (not by when); a named
 * ballot with each choice and its running count; a secret one with no choice and no count until
 * closed. Readers get `projectFor(vote, clearance)`.
 */
export async function toVote(entity: VoteEntity, manager: EntityManager): Promise<Vote> {
  const cast = await manager.find(VoteBallotCastEntity, { where: { voteId: entity.id }, order: { voterId: 'ASC' } });
  const named = entity.ballot === 'named';
  const ballots = named ? cast.map(({ voterId, choice }) => ({ userId: voterId, choice: choice ?? '' })) : null;
  const tally =
    entity.tally ??
    (named
      ? countChoices(
          entity.options,
          cast.map(({ choice }) => choice ?? ''),
        )
      : null);
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    meetingId: entity.meetingId,
    agendaItemId: entity.agendaItemId,
    question: entity.question,
    options: entity.options,
    ballot: entity.ballot,
    status: entity.status,
    tally,
    ballotsCast: cast.length,
    voterIds: cast.map(({ voterId }) => voterId),
    ballots,
    decisionId: entity.decisionId,
    ...openedAndClosed(entity),
  };
}
