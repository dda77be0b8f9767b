import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Locale } from '@sidang/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { UserEntity } from '../../access/user.entity.js';
import { NotFoundError } from '../../common/errors.js';
import { DocumentsService } from '../documents/documents.service.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { higher, meetingPackPdf, type PackPaper } from './meeting-pack.pdf.js';

/** The most the compiled packs kept in memory may take together; older ones are dropped first. */
const CACHE_MAX_BYTES = 64 * 1024 * 1024;
/** Raised when the pack's layout changes, so no pack of the old layout is served again. */
const LAYOUT = 1;

/**
 * Compiled packs by what is in them: a key made of the reader (id, name, clearance, language) and
 * the version of every record the pack holds (the meeting, each item and paper it shows, each
 * paper's file). Anything changed, added, removed, raised or lowered makes another key.
 */
class PackCache {
  private readonly entries = new Map<string, { pdf: Buffer; at: Date }>();
  private bytes = 0;

  get(key: string): { pdf: Buffer; at: Date } | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: { pdf: Buffer; at: Date }): void {
    if (value.pdf.length > CACHE_MAX_BYTES / 4) return;
    this.entries.set(key, value);
    this.bytes += value.pdf.length;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= CACHE_MAX_BYTES) break;
      this.entries.delete(oldest);
      this.bytes -= entry.pdf.length;
    }
  }
}

/**
 * The meeting pack ("board book") of one reader: the meeting, its agenda and every paper they
 * may see, read through the meetings and documents services, which apply the same rules as every
 * other channel: an item or paper above the reader is simply not in it.
 */
@Injectable()
export class MeetingPackService {
  private readonly cache = new PackCache();

  constructor(
    private readonly meetings: MeetingsService,
    private readonly documents: DocumentsService,
    private readonly access: AccessService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async pack(actor: Actor, meetingId: string, lang?: Locale): Promise<{ pdf: Buffer; fileName: string; key: string }> {
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
    const cached = this.cache.get(key);
    if (cached) return { pdf: cached.pdf, fileName, key };
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
    this.cache.set(key, { pdf, at });
    return { pdf, fileName, key };
  }
}
