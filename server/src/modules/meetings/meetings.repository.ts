import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Classification, clearedLevels } from '@sidang/shared';
import type { EntityManager, Repository } from 'typeorm';
import { AgendaItemEntity } from './agenda-item.entity.js';
import { MeetingEntity } from './meeting.entity.js';

/** Queries only; rules live in the service. */
@Injectable()
export class MeetingsRepository {
  constructor(
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(AgendaItemEntity) private readonly items: Repository<AgendaItemEntity>,
  ) {}

  /** For reads outside a transaction. */
  get manager(): EntityManager {
    return this.meetings.manager;
  }

  list(committeeId: string, clearance: Classification, drafts: boolean, when?: 'upcoming' | 'past'): Promise<MeetingEntity[]> {
    const query = this.meetings
      .createQueryBuilder('m')
      .where('m.committee_id = :committeeId', { committeeId })
      .andWhere('m.classification IN (:...levels)', { levels: clearedLevels(clearance) });
    // Drafts: the chair and the secretariat only.
    if (!drafts) query.andWhere("m.status <> 'draft'");
    // A meeting is past once closed or once its day is over; everything else is upcoming.
    const past = "(m.status = 'closed' OR COALESCE(m.ends_at, m.starts_at + interval '1 day') < now())";
    if (when === 'upcoming') query.andWhere(`NOT ${past}`);
    if (when === 'past') query.andWhere(past);
    return query.orderBy('m.starts_at', when === 'past' ? 'DESC' : 'ASC').getMany();
  }

  findMeeting(id: string, manager: EntityManager = this.meetings.manager): Promise<MeetingEntity | null> {
    return manager.findOne(MeetingEntity, { where: { id } });
  }

  /** Locks the meeting row to the end of the transaction: agenda changes of one meeting run one at a time. */
  async lockMeeting(manager: EntityManager, id: string): Promise<MeetingEntity | null> {
    return manager
      .createQueryBuilder(MeetingEntity, 'm')
      .setLock('pessimistic_write')
      .where('m.id = :id AND m.deleted_at IS NULL', { id })
      .getOne();
  }

  /**
   * The numbered meetings of the committee's year (but `exceptId`), lowest number first, locked
   * for the renumbering; the caller holds the committee's numbering lock.
   */
  numbered(manager: EntityManager, committeeId: string, year: number, exceptId: string): Promise<MeetingEntity[]> {
    return manager
      .createQueryBuilder(MeetingEntity, 'm')
      .setLock('pessimistic_write')
      .where('m.committee_id = :committeeId AND m.year = :year AND m.number_in_year IS NOT NULL AND m.id <> :exceptId', {
        committeeId,
        year,
        exceptId,
      })
      .withDeleted()
      .orderBy('m.number_in_year', 'ASC')
      .getMany();
  }

  /** Whether another meeting of the committee holds `number` in `year` (deleted ones keep theirs). */
  async numberTaken(manager: EntityManager, committeeId: string, year: number, number: number, exceptId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM meetings WHERE committee_id = $1 AND year = $2 AND number_in_year = $3 AND id <> $4',
      [committeeId, year, number, exceptId],
    );
    return rows.length > 0;
  }

  async earlierMeetingIds(committeeId: string, before: Date): Promise<string[]> {
    const rows = await this.meetings
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .where('m.committee_id = :committeeId AND m.starts_at < :before AND m.deleted_at IS NULL', { committeeId, before })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Serialises numbering within a committee until the transaction ends. */
  async lockNumbering(manager: EntityManager, committeeId: string): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('meeting-number:' || $1))", [committeeId]);
  }

  agenda(meetingId: string, manager: EntityManager = this.items.manager): Promise<AgendaItemEntity[]> {
    return manager.find(AgendaItemEntity, { where: { meetingId } });
  }

  findItem(id: string, manager: EntityManager = this.items.manager): Promise<AgendaItemEntity | null> {
    return manager.findOne(AgendaItemEntity, { where: { id } });
  }
}
