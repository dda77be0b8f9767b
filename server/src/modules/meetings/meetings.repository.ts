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

  list(committeeId: string, clearance: Classification, when?: 'upcoming' | 'past'): Promise<MeetingEntity[]> {
    const query = this.meetings
      .createQueryBuilder('m')
      .where('m.committee_id = :committeeId', { committeeId })
      .andWhere('m.classification IN (:...levels)', { levels: clearedLevels(clearance) });
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

  /** The next number in the committee's year; the caller holds the committee's meeting lock. */
  async nextNumber(manager: EntityManager, committeeId: string, year: number): Promise<number> {
    const rows: Array<{ next: number }> = await manager.query(
      'SELECT COALESCE(MAX(number_in_year), 0) + 1 AS next FROM meetings WHERE committee_id = $1 AND year = $2',
      [committeeId, year],
    );
    return Number(rows[0]?.next ?? 1);
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
