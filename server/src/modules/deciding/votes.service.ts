import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type CastBallotAnswer,
  clearedLevels,
  DEFAULT_VOTE_OPTIONS,
  isVotingRole,
  type OpenVote,
  projectFor,
  type Vote,
} from '@sidang/shared';
import type { EntityManager, Repository } from 'typeorm';
import type { CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import type { ChangeTx } from '../../changes/change-tx.js';
import { ChangesService } from '../../changes/changes.service.js';
import { derivedLevel } from '../../changes/origin-level.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { NotFoundError } from '../../common/errors.js';
import { CommitteeSettingsService } from '../committees/committee-settings.service.js';
import { AgendaItemEntity } from '../meetings/agenda-item.entity.js';
import { AttendanceEntity } from '../meetings/attendance.entity.js';
import { DecisionsService } from '../meetings/decisions.service.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { decidingErrors } from './deciding.errors.js';
import { InterestEntity } from './interest.entity.js';
import { VoteBallotCastEntity, VoteChoiceEntity, VoteEntity } from './vote.entity.js';
import { countChoices, toVote } from './vote.mapper.js';

/** Votes as the record kit writes them: governed by their agenda item (and its meeting). */
export const VOTES: RecordDefinition<VoteEntity, Vote> = {
  entityType: 'vote',
  entity: VoteEntity,
  name: 'Vote',
  // No `deleted_at`: never removed, only closed (a vote) or replaced (a declaration).
  hardDelete: true,
  toWire: toVote,
};

/** What a secret ballot's choice row keeps of its receipt: the SHA-256, base64url. */
function receiptHash(receipt: string): string {
  return createHash('sha256').update(receipt).digest('base64url');
}

/** How the default options read in the decision recorded (the committee's minutes are in Bahasa Malaysia). */
const OPTION_WORDS: Readonly<Record<string, string>> = { for: 'Setuju', against: 'Tidak setuju', abstain: 'Berkecuali' };

/** The decision a closed vote records on its item: the question and the tally. */
export function resultText(vote: Pick<VoteEntity, 'question' | 'ballot' | 'options'>, tally: Record<string, number>): string {
  const counts = vote.options.map((option) => `${OPTION_WORDS[option] ?? option}: ${tally[option] ?? 0}`).join('; ');
  const how = vote.ballot === 'secret' ? 'undi sulit' : 'undi terbuka';
  return `Keputusan undian (${how}) — ${vote.question} — ${counts}.`;
}

/**
 * Votes in the meeting. Each ballot is one row per voter and vote (its primary key counts a member
 * once however many requests, sockets or instances carry it) written under the vote's row lock,
 * with the vote's new version (`vote.tallied`) in the same commit. A secret ballot's choice goes
 * to `vote_choices`, apart from the voter (docs/deciding.md).
 */
@Injectable()
export class VotesService {
  constructor(
    @InjectRepository(VoteEntity) private readonly votes: Repository<VoteEntity>,
    private readonly meetings: MeetingsService,
    private readonly decisions: DecisionsService,
    private readonly changes: ChangesService,
    private readonly records: RecordKit,
    private readonly settings: CommitteeSettingsService,
  ) {}

  /** The votes of a meeting the reader may see (their items' and the meeting's levels), oldest first. */
  async ofMeeting(actor: Actor, meetingId: string): Promise<Vote[]> {
    const { access } = await this.meetings.visibleMeeting(actor, meetingId);
    const levels = clearedLevels(access.clearance);
    const rows = await this.votes
      .createQueryBuilder('v')
      .innerJoin(AgendaItemEntity, 'a', 'a.id = v.agenda_item_id AND a.deleted_at IS NULL')
      .where('v.meeting_id = :meetingId', { meetingId })
      .andWhere('v.classification IN (:...levels) AND a.classification IN (:...levels)', { levels })
      .orderBy('v.created_at', 'ASC')
      .getMany();
    return Promise.all(rows.map(async (row) => projectFor(await toVote(row, this.votes.manager), access.clearance)));
  }

  async get(actor: Actor, id: string): Promise<Vote> {
    const { entity, access } = await this.records.visible(VOTES, actor, id);
    return projectFor(await toVote(entity, this.votes.manager), access.clearance);
  }

  /** The chair opens a vote on an item of a meeting in progress; it takes the item's level. */
  async open(actor: Actor, agendaItemId: string, input: OpenVote): Promise<Vote> {
    const { item, meeting, access } = await this.meetings.visibleItem(actor, agendaItemId);
    access.require('vote.run');
    if (meeting.status !== 'in_progress') throw decidingErrors.notInProgress();
    return this.changes.transact(actor, async (tx) => {
      const { classification } = await derivedLevel(tx.manager, access, item.committeeId, { origins: [item.id] });
      const fields: Partial<VoteEntity> = {
        meetingId: meeting.id,
        agendaItemId: item.id,
        question: input.question,
        options: input.options ?? [...DEFAULT_VOTE_OPTIONS],
        ballot: input.ballot ?? 'named',
        status: 'open',
        tally: null,
        decisionId: null,
        closedAt: null,
        classification,
        createdById: actor.id,
      };
      const vote = await this.records.create(VOTES, tx, access, fields, { parent: { id: item.id }, verb: 'opened' });
      return projectFor(vote, access.clearance);
    });
  }

  /**
   * A voting member present casts or changes their ballot. A second named ballot replaces the
   * first. A secret ballot's first cast answers a random receipt (only its SHA-256 is stored, on
   * the choice row, which has no voter); a later cast changes that row's choice only with the
   * receipt, since nothing stored leads from the voter to their choice (docs/deciding.md).
   */
  async cast(actor: Actor, voteId: string, choice: string, receipt?: string): Promise<CastBallotAnswer> {
    const { entity, access } = await this.records.visible(VOTES, actor, voteId);
    if (!entity.options.includes(choice)) throw decidingErrors.notAnOption('choice', entity.options);
    await this.requireVoter(access, entity, this.votes.manager);
    return this.changes.transact(actor, async (tx) => {
      const vote = await this.locked(tx, access, voteId);
      const before = await toVote(vote, tx.manager);
      if (vote.ballot === 'named') {
        const mine = before.ballots?.find((ballot) => ballot.userId === actor.id);
        if (mine?.choice === choice) return projectFor(before, access.clearance);
        await tx.manager.query(
          `INSERT INTO vote_ballots_cast (vote_id, voter_id, choice) VALUES ($1, $2, $3)
           ON CONFLICT (vote_id, voter_id) DO UPDATE SET choice = EXCLUDED.choice`,
          [vote.id, actor.id, choice],
        );
        return projectFor(await this.bump(tx, vote, before, 'tallied'), access.clearance);
      }
      const inserted: unknown[] = await tx.manager.query(
        `INSERT INTO vote_ballots_cast (vote_id, voter_id, choice) VALUES ($1, $2, NULL)
         ON CONFLICT (vote_id, voter_id) DO NOTHING RETURNING voter_id`,
        [vote.id, actor.id],
      );
      if (inserted.length === 0) {
        // A change: the choice row whose receipt hash matches, on this vote; nothing else leads to it.
        if (!receipt) throw decidingErrors.alreadyVoted();
        const row = await tx.manager.findOne(VoteChoiceEntity, { where: { voteId: vote.id, receiptHash: receiptHash(receipt) } });
        if (!row) throw decidingErrors.alreadyVoted();
        if (row.choice === choice) return projectFor(before, access.clearance);
        await tx.manager.update(VoteChoiceEntity, { id: row.id }, { choice });
        return projectFor(await this.bump(tx, vote, before, 'tallied'), access.clearance);
      }
      // A random id, no voter and no time: nothing in the row leads back to who cast it. The
      // receipt goes to the caster in this answer alone; the row keeps only its hash.
      const fresh = randomBytes(32).toString('base64url');
      await tx.manager.insert(VoteChoiceEntity, { id: randomUUID(), voteId: vote.id, choice, receiptHash: receiptHash(fresh) });
      const after = projectFor(await this.bump(tx, vote, before, 'tallied'), access.clearance);
      return { ...after, receipt: fresh };
    });
  }

  /** The chair closes the vote: its tally, and the result recorded as the item's decision in the same commit. */
  async close(actor: Actor, voteId: string): Promise<Vote> {
    const { access } = await this.records.visible(VOTES, actor, voteId);
    access.require('vote.run');
    return this.changes.transact(actor, async (tx) => {
      const vote = await this.locked(tx, access, voteId);
      const before = await toVote(vote, tx.manager);
      const tally = await this.count(tx.manager, vote, before.ballotsCast);
      const decision = await this.decisions.recordIn(
        tx,
        access,
        { item: { id: vote.agendaItemId, committeeId: vote.committeeId }, meeting: { id: vote.meetingId } },
        resultText(vote, tally),
      );
      const patch: Partial<VoteEntity> = { status: 'closed', tally, closedAt: new Date(), decisionId: decision.id };
      return projectFor(await this.bump(tx, vote, before, 'closed', patch), access.clearance);
    });
  }

  /**
   * The tally at the close: a named ballot's from its ballots, a secret one's from its choices,
   * which must number exactly the ballots cast (else the count is refused, never published).
   */
  private async count(manager: EntityManager, vote: VoteEntity, cast: number): Promise<Record<string, number>> {
    if (vote.ballot === 'named') {
      const ballots = await manager.find(VoteBallotCastEntity, { where: { voteId: vote.id } });
      return countChoices(
        vote.options,
        ballots.map(({ choice }) => choice ?? ''),
      );
    }
    const choices = await manager.find(VoteChoiceEntity, { where: { voteId: vote.id } });
    if (choices.length !== cast) throw new Error(`vote ${vote.id}: ${choices.length} choices for ${cast} ballots cast`);
    return countChoices(
      vote.options,
      choices.map(({ choice }) => choice),
    );
  }

  /** The vote under its row lock (ballots and the close are serialised on it); refused when closed. */
  private async locked(tx: ChangeTx, access: CommitteeAccess, voteId: string): Promise<VoteEntity> {
    const vote = await tx.manager
      .createQueryBuilder(VoteEntity, 'v')
      .setLock('pessimistic_write')
      .where('v.id = :voteId', { voteId })
      .getOne();
    if (!vote) throw new NotFoundError('Vote');
    if (vote.status === 'closed') throw decidingErrors.closed('the vote', projectFor(await toVote(vote, tx.manager), access.clearance));
    return vote;
  }

  private async bump(tx: ChangeTx, vote: VoteEntity, before: Vote, verb: 'tallied' | 'closed', patch?: Partial<VoteEntity>): Promise<Vote> {
    const after = await this.records.bump(VOTES, tx, vote, before, {
      parent: { id: vote.agendaItemId },
      verb,
      ...(patch ? { patch } : {}),
    });
    if (!after) throw new NotFoundError('Vote');
    return after;
  }

  /**
   * Who may cast a ballot: a voting member of the committee (the quorum's rule: chair and members,
   * the secretariat when the committee's settings say so) marked present at the meeting, who
   * has not stepped out of the item after declaring an interest.
   */
  private async requireVoter(access: CommitteeAccess, vote: VoteEntity, manager: EntityManager): Promise<void> {
    const recused = await manager.exists(InterestEntity, {
      where: { subjectId: vote.agendaItemId, userId: access.actor.id, stepsOut: true },
    });
    if (recused) throw decidingErrors.recused();
    const { secretariatVotes } = await this.settings.quorumSettings(vote.committeeId, manager);
    if (!isVotingRole(access.role, secretariatVotes)) throw decidingErrors.notVoting();
    const mark = await manager.findOne(AttendanceEntity, { where: { meetingId: vote.meetingId, userId: access.actor.id } });
    if (mark?.status !== 'present') throw decidingErrors.notVoting();
  }
}
