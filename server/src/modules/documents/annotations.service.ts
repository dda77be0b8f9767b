import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Annotation, type createAnnotationSchema, SOCKET_EVENTS, type UpdateAnnotation } from '@sidang/shared';
import type { Subscription } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { CommitteeAccess } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import { ChangesService } from '../../changes/changes.service.js';
import { type RecordDefinition, RecordKit } from '../../changes/record-kit.js';
import { UserBus, type UserNotice } from '../../changes/user-bus.js';
import { NotFoundError } from '../../common/errors.js';
import { AnnotationEntity, type DocumentEntity } from './document.entity.js';
import { documentErrors } from './documents.errors.js';
import { DocumentsService } from './documents.service.js';

async function toAnnotation(entity: AnnotationEntity, manager: EntityManager): Promise<Annotation> {
  const author = await manager.findOne(UserEntity, { where: { id: entity.authorId }, select: { id: true, name: true } });
  return {
    id: entity.id,
    committeeId: entity.committeeId,
    documentId: entity.documentId,
    authorId: entity.authorId,
    authorName: author?.name ?? '',
    visibility: entity.visibility,
    page: entity.page,
    text: entity.text,
    highlight: entity.highlight,
    classification: entity.classification,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** A shared note: a record of the change pipeline, governed by its paper (and what governs the paper). */
const SHARED: RecordDefinition<AnnotationEntity, Annotation> = {
  entityType: 'annotation',
  entity: AnnotationEntity,
  name: 'Annotation',
  toWire: toAnnotation,
  hardDelete: true,
};

/**
 * A private note: its changes are audited (an audit row naming no committee) and never logged as
 * an event, so no committee channel (socket, catch-up, activity, search, notifications) carries it.
 */
const PRIVATE: RecordDefinition<AnnotationEntity, Annotation, 'private-annotation'> = {
  entityType: 'private-annotation',
  entity: AnnotationEntity,
  name: 'Annotation',
  toWire: toAnnotation,
  hardDelete: true,
};

const definitionOf = (entity: Pick<AnnotationEntity, 'visibility'>) => (entity.visibility === 'shared' ? SHARED : PRIVATE);

/**
 * Notes and highlights on the pages of a paper. Whoever may see the paper may keep private notes
 * on it, seen by them alone; the chair and the secretariat write shared notes, seen by everyone
 * who may see the paper. A private note is delivered live only to its author's own sockets.
 */
@Injectable()
export class AnnotationsService implements OnModuleInit, OnModuleDestroy {
  private subscription?: Subscription;

  constructor(
    private readonly documents: DocumentsService,
    private readonly changes: ChangesService,
    private readonly records: RecordKit,
    private readonly userBus: UserBus,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.subscription = this.userBus.arrivals$.subscribe((notice) => void this.deliver(notice));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** One's own private note, pushed to one's sockets on this node as stored now (only ids crossed between nodes). */
  private async deliver(notice: UserNotice): Promise<void> {
    if (!this.userBus.hasSockets(notice.userId)) return;
    if (notice.event === SOCKET_EVENTS.annotationRemoved) return this.userBus.emit(notice.userId, { id: notice.id }, notice.event);
    if (notice.event !== SOCKET_EVENTS.annotation) return;
    const row = await this.dataSource.manager.findOne(AnnotationEntity, { where: { id: notice.id } }).catch(() => null);
    if (!row || row.visibility !== 'private' || row.authorId !== notice.userId) return;
    this.userBus.emit(notice.userId, await toAnnotation(row, this.dataSource.manager), notice.event);
  }

  /** The reader's own notes and the shared ones they may see, in page order. */
  async list(actor: Actor, documentId: string): Promise<Annotation[]> {
    const { document, access } = await this.documents.visible(actor, documentId);
    const rows = await this.dataSource.manager
      .createQueryBuilder(AnnotationEntity, 'a')
      .where('a.document_id = :documentId', { documentId: document.id })
      .andWhere(`(a.author_id = :me OR a.visibility = 'shared')`, { me: actor.id })
      .orderBy('a.page', 'ASC')
      .addOrderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
    const seen = rows.filter((row) => row.authorId === actor.id || access.canSee(row.classification));
    return Promise.all(seen.map((row) => toAnnotation(row, this.dataSource.manager)));
  }

  async create(actor: Actor, documentId: string, input: z.output<typeof createAnnotationSchema>): Promise<Annotation> {
    const { document, access } = await this.documents.visible(actor, documentId);
    if (input.visibility === 'shared') access.require('document.manage');
    const now = new Date();
    const row: Partial<AnnotationEntity> = {
      id: randomUUID(),
      documentId: document.id,
      authorId: actor.id,
      visibility: input.visibility,
      page: input.page,
      text: input.text,
      highlight: input.highlight ?? null,
      // A note is as sensitive as its paper (and is seen only with it).
      classification: document.classification,
      createdAt: now,
      updatedAt: now,
    };
    const created = await this.changes.transact(actor, (tx) =>
      this.records.create(definitionOf(input), tx, access, row, this.governed(input, document)),
    );
    this.announce(actor, created);
    return created;
  }

  async update(actor: Actor, id: string, input: UpdateAnnotation): Promise<Annotation> {
    const { entity, document, access } = await this.own(actor, id);
    const { version, ...changes } = input;
    if (Object.values(changes).every((value) => value === undefined)) throw documentErrors.nothingToChange();
    const patch: Partial<AnnotationEntity> = {};
    if (changes.page !== undefined) patch.page = changes.page;
    if (changes.text !== undefined) patch.text = changes.text;
    if (changes.highlight !== undefined) patch.highlight = changes.highlight;
    const updated = await this.changes.transact(actor, (tx) =>
      this.records.update(definitionOf(entity), tx, access, entity, version, patch, this.governed(entity, document)),
    );
    this.announce(actor, updated);
    return updated;
  }

  async remove(actor: Actor, id: string, version: number): Promise<void> {
    const { entity, document, access } = await this.own(actor, id);
    await this.changes.transact(actor, (tx) =>
      this.records.remove(definitionOf(entity), tx, access, entity, version, this.governed(entity, document)),
    );
    if (entity.visibility === 'private') this.userBus.announce({ userId: actor.id, id: entity.id, event: SOCKET_EVENTS.annotationRemoved });
  }

  /**
   * A note its author may change: a private note of someone else is not found (it is nobody
   * else's to know of); a shared note of someone else is refused.
   */
  private async own(actor: Actor, id: string): Promise<{ entity: AnnotationEntity; document: DocumentEntity; access: CommitteeAccess }> {
    const entity = await this.dataSource.manager.findOne(AnnotationEntity, { where: { id } });
    if (!entity || (entity.visibility === 'private' && entity.authorId !== actor.id)) throw new NotFoundError('Annotation');
    const { document, access } = await this.documents.visible(actor, entity.documentId).catch(() => {
      throw new NotFoundError('Annotation');
    });
    if (!access.canSee(entity.classification)) throw new NotFoundError('Annotation');
    if (entity.authorId !== actor.id) throw documentErrors.notAuthor();
    return { entity, document, access };
  }

  /** A shared note is governed by its paper; a private one has no event to govern. */
  private governed(annotation: Pick<AnnotationEntity, 'visibility'>, document: DocumentEntity) {
    return annotation.visibility === 'shared' ? { parent: { id: document.id } } : {};
  }

  /** A private note reaches its author's other screens, and nobody else's. */
  private announce(actor: Actor, annotation: Annotation): void {
    if (annotation.visibility === 'private')
      this.userBus.announce({ userId: actor.id, id: annotation.id, event: SOCKET_EVENTS.annotation });
  }
}
