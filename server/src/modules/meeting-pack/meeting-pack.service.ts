import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale } from '@sidang/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import { NotFoundError } from '../../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DocumentsService } from '../documents/documents.service.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { higher, meetingPackPdf, type PackPaper } from './meeting-pack.pdf.js';
import { PackStore, type StoredPack } from './meeting-pack.store.js';

/** Raised when the pack's layout changes, so no pack of the old layout is served again. */
const LAYOUT = 1;

/**
 * The meeting pack ("board book") of one reader: the meeting, its agenda and every paper they
 * may see, read through the meetings and documents services, which apply the same rules as every
 * other channel: an item or paper above the reader is simply not in it.
 */
@Injectable()
export class MeetingPackService {
  private readonly logger = new Logger(MeetingPackService.name);
  /**
   * Compiled packs by what is in them: a key made of the reader (id, name, clearance, language)
   * and the version of every record the pack holds (the meeting, each item and paper it shows,
   * each paper's file). Anything changed, added, removed, raised or lowered makes another key.
   */
  private readonly store: PackStore;

  constructor(
    private readonly meetings: MeetingsService,
    private readonly documents: DocumentsService,
    private readonly access: AccessService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.store = new PackStore(join(config.DATA_DIR, 'packs'));
  }

  /** The reader's pack, streamed from its compiled file (compiled first if there is none for this key). */
  async pack(actor: Actor, meetingId: string, lang?: Locale): Promise<StoredPack & { fileName: string; key: string }> {
    const meeting = await this.meetings.get(actor, meetingId);
    const access = await this.access.forCommittee(actor, meeting.committeeId);
    if (!access) throw new NotFoundError('Meeting');
    const agenda = await this.meetings.agenda(actor, meetingId);
    const papers = await this.documents.visibleOf(
      access,
      agenda.map((item) => item.id),
    );
    const reader = await this.dataSource.manager.findOne(UserEntity, { where: { id: actor.id } });
    const locale: Locale = lang ?? reader?.locale ?? 'ms';
    const items = agenda.map((item) => ({
      item,
      level: higher(item.classification, meeting.classification),
      papers: papers
        .filter((paper) => paper.parentId === item.id)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)),
    }));
    const key = createHash('sha256')
      .update(
        JSON.stringify({
          layout: LAYOUT,
          reader: [actor.id, actor.name, actor.agency, actor.clearance, locale],
          meeting: [meeting.id, meeting.version, meeting.classification],
          items: items.map(({ item, papers: of }) => [item.id, item.version, item.number, of.map((p) => [p.id, p.version, p.fileVersion])]),
        }),
      )
      .digest('hex');
    const fileName = `${(meeting.number ?? 'draft').replace(/[^A-Za-z0-9]+/g, '-')}-pack.pdf`.replace(/^-/, '');
    const stored = await this.store.open(key);
    if (stored) return { ...stored, fileName, key };
    const withContent = [];
    for (const entry of items) {
      const loaded: PackPaper[] = [];
      for (const paper of entry.papers) {
        loaded.push({
          id: paper.id,
          title: paper.title,
          number: paper.number,
          presenter: paper.presenter,
          fileName: paper.fileName,
          mediaType: paper.mediaType,
          size: paper.size,
          level: higher(paper.classification, entry.level),
          content: await this.documents.readStoredBytes(paper).catch(() => Buffer.alloc(0)),
        });
      }
      withContent.push({ item: entry.item, level: entry.level, papers: loaded });
    }
    const at = new Date();
    const pdf = await meetingPackPdf({
      committee: { name: access.committee.name, nameMs: access.committee.nameMs },
      meeting,
      items: withContent,
      reader: { name: actor.name, agency: actor.agency },
      locale,
      at,
    });
    try {
      await this.store.save(key, pdf);
      const saved = await this.store.open(key);
      if (saved) return { ...saved, fileName, key };
    } catch (error) {
      // A full or read-only disk: this reader still gets the pack, from memory this once.
      this.logger.warn(`a compiled pack could not be kept: ${(error as Error).message}`);
    }
    return { stream: Readable.from([pdf]), length: pdf.length, fileName, key };
  }
}
