import { Injectable } from '@nestjs/common';
import {
  type CommitteeHome,
  HOME_DUE_SOON_DAYS,
  type HomeOverview,
  type MyHome,
  NEGOTIATION_STATUSES,
  type NegotiationStatus,
} from '@sidang/shared';
import { AccessService, type CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { todayIn } from '../../common/today.js';
import { toHomeAction, toHomeChange, toHomeMeeting, toHomeMinutes } from './home.mapper.js';
import { type HomeReader, HomeRepository } from './home.repository.js';

/** A look at the home after this long a pause is a new visit: "since you were last here" moves on. */
export const VISIT_GAP_MS = 30 * 60 * 1000;
const CHANGES_SHOWN = 20;

/** Adds `days` to an ISO date. */
function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

/** What needs the caller now, per committee and across their committees; need-to-know like every read. */
@Injectable()
export class HomeService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: HomeRepository,
  ) {}

  async committeeHome(actor: Actor, committeeId: string, now = new Date()): Promise<CommitteeHome> {
    const access = await this.access.requireCommittee(actor, committeeId);
    const home = await this.homeOf(access, now, true);
    const overview =
      access.role === 'chair' || access.role === 'secretariat' ? await this.overview(this.readerOf(access), home.today) : null;
    return { ...home, overview };
  }

  async myHome(actor: Actor, now = new Date()): Promise<MyHome> {
    const committees = [];
    for (const { committee } of await this.access.committeesOf(actor)) {
      // One committee at a time: the embedded store answers one query at a time anyway.
      const access = await this.access.requireCommittee(actor, committee.id);
      // A look across committees is not a visit to each: "since you were last here" stays put.
      const home = await this.homeOf(access, now, false);
      committees.push({ ...home, code: committee.code, name: committee.name, nameMs: committee.nameMs });
    }
    return { committees };
  }

  private readerOf(access: CommitteeAccess): HomeReader {
    return { committeeId: access.committee.id, userId: access.actor.id, clearance: access.clearance, drafts: access.seesDrafts };
  }

  private async homeOf(access: CommitteeAccess, now: Date, visit: boolean): Promise<Omit<CommitteeHome, 'overview'>> {
    const reader = this.readerOf(access);
    const today = todayIn(access.committee.timeZone, now);
    const actions = await this.repository.myActions(reader, addDays(today, HOME_DUE_SOON_DAYS));
    const inProgress = await this.repository.meeting(reader, 'in_progress');
    const next = await this.repository.meeting(reader, 'scheduled');
    const minutes = await this.repository.circulatedMinutes(reader);
    const since = await this.sinceLastVisit(reader, now, visit);
    const changes = await this.repository.changesToMine(reader, since.seq ?? 0, CHANGES_SHOWN);
    return {
      committeeId: reader.committeeId,
      today,
      myActions: actions.map((row) => toHomeAction(row, today)),
      inProgress: inProgress
        ? toHomeMeeting(inProgress, await this.repository.papers(reader, inProgress.id), await this.repository.rsvp(reader, inProgress.id))
        : null,
      nextMeeting: next
        ? toHomeMeeting(next, await this.repository.papers(reader, next.id), await this.repository.rsvp(reader, next.id))
        : null,
      minutesToReview: minutes.map(toHomeMinutes),
      sinceLastVisit: { since: since.at?.toISOString() ?? null, changes: changes.map((row) => toHomeChange(row, reader.clearance)) },
    };
  }

  /**
   * Where "since you were last here" starts, and this look recorded: within `VISIT_GAP_MS` of the
   * last look it is the same visit (live refreshes do not empty the list); after a pause, the
   * last look becomes the start. Without `visit`, only where it would start now.
   */
  private async sinceLastVisit(reader: HomeReader, now: Date, visit: boolean): Promise<{ seq: number | null; at: Date | null }> {
    const last = await this.repository.visit(reader.userId, reader.committeeId);
    const newVisit = last !== null && now.getTime() - last.seenAt.getTime() > VISIT_GAP_MS;
    const since = newVisit ? { seq: last.seenSeq, at: last.seenAt } : { seq: last?.sinceSeq ?? null, at: last?.sinceAt ?? null };
    if (!visit) return since;
    await this.repository.saveVisit({
      userId: reader.userId,
      committeeId: reader.committeeId,
      sinceSeq: since.seq,
      sinceAt: since.at,
      seenSeq: await this.repository.newestSeq(reader.committeeId),
      seenAt: now,
    });
    return since;
  }

  private async overview(reader: HomeReader, today: string): Promise<HomeOverview> {
    const counts = new Map((await this.repository.negotiationsByStatus(reader)).map((row) => [row.status, row.count]));
    return {
      overdueByAgency: await this.repository.overdueByAgency(reader, today),
      negotiationsByStatus: NEGOTIATION_STATUSES.map((status: NegotiationStatus) => ({ status, count: counts.get(status) ?? 0 })),
      milestonesSlipping: (await this.repository.milestonesSlipping(reader, today)).map((row) => ({
        projectId: row.project_id,
        projectTitle: row.project_title,
        count: row.count,
      })),
    };
  }
}
