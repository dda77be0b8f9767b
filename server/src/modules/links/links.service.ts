import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Classification,
  type CreateRecordLink,
  classificationAt,
  LINKABLE_TYPES,
  type LinkableType,
  type LinkedRecord,
  type RecordLink,
  recordTitle,
} from '@sidang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessService, type CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { ChangesService } from '../../changes/changes.service.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { governingDraftSql, governingLevelSql } from '../../changes/visibility.js';
import { InvalidFieldException, NotFoundError } from '../../common/errors.js';
import { AlreadyLinkedException } from './links.errors.js';
import { RecordLinkEntity } from './record-link.entity.js';

/** A record written through the pipeline, as the links see it: where it stands and its title. */
interface LinkEnd {
  id: string;
  committeeId: string;
  type: LinkableType;
  title: string;
  /** Its own classification. */
  classification: Classification;
  /** The highest of its own level and every governing record's (the pipeline's one ancestor rule). */
  level: number;
  deleted: boolean;
  /** It or a record governing it is a draft: seen by the chair and the secretariat only. */
  draft: boolean;
}

interface EndRow {
  id: string;
  committee_id: string;
  level: number;
  governing_level: number;
  draft: boolean;
  entity_type: string;
  verb: string;
  data: Record<string, unknown>;
}

const TITLE_MAX = 200;

/** Links as the record kit writes them. */
const LINKS: RecordDefinition<RecordLinkEntity, RecordLink> = {
  entityType: 'record-link',
  entity: RecordLinkEntity,
  name: 'Link',
  toWire: toRecordLink,
};

/** A record's title from its last logged state (the descriptor's rule), cut to TITLE_MAX. */
function titleOf(type: string, data: Record<string, unknown>): string {
  const title = recordTitle(type, data) ?? '';
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

function toRecordLink(entity: RecordLinkEntity): RecordLink {
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    fromId: entity.fromId,
    fromType: entity.fromType,
    toId: entity.toId,
    toType: entity.toType,
    classification: entity.classification,
    version: entity.version,
    createdById: entity.createdById,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/**
 * Links between any two records of a committee. Neither end is read from its slice: where a
 * record stands (its level and governing records) and its title come from the change pipeline's
 * own tables, so a new record type is linkable without touching this module.
 */
@Injectable()
export class LinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly changes: ChangesService,
    private readonly records: RecordKit,
  ) {}

  async create(actor: Actor, input: CreateRecordLink): Promise<RecordLink> {
    if (input.fromId === input.toId) throw new InvalidFieldException('toId', 'must be another record than fromId');
    const ends = await this.ends([input.fromId, input.toId]);
    const from = ends.get(input.fromId);
    const access = from ? await this.access.forCommittee(actor, from.committeeId) : null;
    // A record one may not see is answered like one that does not exist (404), naming the end.
    if (!from || !access || !this.mayStillSee(access, from)) throw new NotFoundError('fromId: record');
    const to = ends.get(input.toId);
    if (!to || to.committeeId !== from.committeeId || !this.mayStillSee(access, to)) throw new NotFoundError('toId: record');
    access.require('record-link.manage');
    const existing = await this.dataSource.manager
      .createQueryBuilder(RecordLinkEntity, 'l')
      .where('(l.from_id = :a AND l.to_id = :b) OR (l.from_id = :b AND l.to_id = :a)', { a: from.id, b: to.id })
      .getOne();
    if (existing) throw new AlreadyLinkedException(toRecordLink(existing));
    const higher = from.level >= to.level ? from : to;
    const classification = classificationAt(higher.level);
    const fields = { fromId: from.id, fromType: from.type, toId: to.id, toType: to.type, classification, createdById: actor.id };
    return this.changes.transact(actor, (tx) =>
      // Governed by both ends: when either is raised or deleted, the link goes with it.
      this.records.create(LINKS, tx, access, fields, { parent: { id: higher.id }, coParent: { id: higher === from ? to.id : from.id } }),
    );
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const link = await this.dataSource.manager.findOne(RecordLinkEntity, { where: { id } });
    const access = link ? await this.access.forCommittee(actor, link.committeeId) : null;
    if (!link || !access) throw new NotFoundError('Link');
    const ends = await this.ends([link.fromId, link.toId]);
    const visible = [link.fromId, link.toId].every((end) => {
      const found = ends.get(end);
      return found !== undefined && this.mayStillSee(access, { ...found, deleted: false });
    });
    if (!visible) throw new NotFoundError('Link');
    access.require('record-link.manage');
    const higher = [ends.get(link.fromId), ends.get(link.toId)].sort((a, b) => (b?.level ?? 0) - (a?.level ?? 0))[0];
    const governors = higher ? { parent: { id: higher.id }, coParent: { id: higher.id === link.fromId ? link.toId : link.fromId } } : {};
    // A link only changes by its removal: a missed version is a link removed meanwhile (404).
    await this.changes.transact(actor, (tx) => this.records.remove(LINKS, tx, access, link, link.version, governors));
  }

  /** Both directions; a link whose other end the reader may not see is not shown at all. */
  async linksOf(actor: Actor, id: string): Promise<LinkedRecord[]> {
    const self = (await this.ends([id])).get(id);
    const access = self ? await this.access.forCommittee(actor, self.committeeId) : null;
    if (!self || !access || !this.mayStillSee(access, self)) throw new NotFoundError('Record');
    const links = await this.dataSource.manager
      .createQueryBuilder(RecordLinkEntity, 'l')
      .where('l.from_id = :id OR l.to_id = :id', { id })
      .orderBy('l.created_at', 'ASC')
      .getMany();
    const others = await this.ends(links.map((link) => (link.fromId === id ? link.toId : link.fromId)));
    const shown: LinkedRecord[] = [];
    for (const link of links) {
      const outgoing = link.fromId === id;
      const other = others.get(outgoing ? link.toId : link.fromId);
      if (!other || !this.mayStillSee(access, other) || other.committeeId !== self.committeeId) continue;
      shown.push({
        linkId: link.id,
        direction: outgoing ? 'outgoing' : 'incoming',
        type: other.type,
        id: other.id,
        committeeId: other.committeeId,
        title: other.title,
        classification: other.classification,
      });
    }
    return shown;
  }

  private mayStillSee(access: CommitteeAccess, end: LinkEnd): boolean {
    return !end.deleted && end.level <= access.clearanceLevel && (!end.draft || access.seesDrafts);
  }

  /** Where each record stands now, from the pipeline's tables; unknown ids and non-linkable types are left out. */
  private async ends(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, LinkEnd>> {
    if (ids.length === 0) return new Map();
    const rows: EndRow[] = await manager.query(
      `SELECT s.scope_id AS id, s.committee_id, s.level, ${governingLevelSql('s.scope_id')} AS governing_level,
              ${governingDraftSql('s.scope_id')} AS draft,
              e.entity_type, e.verb, e.data
       FROM record_scopes s
       JOIN LATERAL (SELECT ce.entity_type, ce.verb, ce.data FROM change_events ce
                     WHERE ce.committee_id = s.committee_id AND ce.entity_id = s.scope_id
                     ORDER BY ce.seq DESC LIMIT 1) e ON true
       WHERE s.scope_id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    const found = new Map<string, LinkEnd>();
    for (const row of rows) {
      if (!(LINKABLE_TYPES as readonly string[]).includes(row.entity_type)) continue;
      const own = Number(row.level);
      found.set(row.id, {
        id: row.id,
        committeeId: row.committee_id,
        type: row.entity_type as LinkableType,
        title: titleOf(row.entity_type, row.data),
        classification: classificationAt(own),
        level: Math.max(own, Number(row.governing_level)),
        deleted: row.verb === 'deleted',
        draft: row.draft === true,
      });
    }
    return found;
  }
}
