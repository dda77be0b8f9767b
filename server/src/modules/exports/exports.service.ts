import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ActionItem,
  agendaNumber,
  type BilateralMeeting,
  type EntityType,
  type ExportFormat,
  fieldLabel,
  type ListActionItemsQuery,
  type ListBilateralMeetingsQuery,
  type ListNegotiationsQuery,
  type ListRndProjectsQuery,
  LOCALES,
  type Locale,
  type Negotiation,
  personLabel,
  type RndProject,
  sentenceWord,
  valueWords,
} from '@sidang/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../access/access.service.js';
import type { Actor } from '../../access/actor.js';
import { type ReaderScope, readerLevelSql } from '../../changes/visibility.js';
import { todayIn } from '../../common/today.js';
import { ActionItemsService } from '../action-items/action-items.service.js';
import { BILATERAL_MEETINGS } from '../registers/bilateral/bilateral.register.js';
import { RegisterRecords } from '../registers/common/register-records.js';
import { NEGOTIATIONS } from '../registers/negotiations/negotiations.register.js';
import { RND_PROJECTS } from '../registers/rnd/rnd.register.js';
import { buildExport, type ExportColumn, type ExportFile, type ExportWords } from './spreadsheet.js';

type Cell = string | number | null | undefined;

/** One column: a field of the record type, its header and values in the reader's words. */
interface ColumnSpec<T> {
  field: string;
  /** Whether the field may be withheld from the reader (its cell is then empty). */
  levelled?: boolean;
  /** The cell, when it is not the field's value in words. */
  value?: (row: T) => Cell;
}

/** The columns of one record type in the reader's language (labels and values from TYPE_WORDS). */
function columnsFor<T extends object>(type: EntityType, specs: ColumnSpec<T>[], locale: Locale): ExportColumn<T>[] {
  return specs.map((spec) => ({
    header: fieldLabel(type, spec.field, locale),
    field: spec.levelled ? spec.field : undefined,
    value: spec.value ?? ((row: T) => valueWords(type, spec.field, (row as Record<string, unknown>)[spec.field], locale) as Cell),
  }));
}

const list = (values: readonly string[] | null | undefined) => values?.join(', ');

/** Names an action's ids point at, as the reader may see them. */
interface ActionNames {
  people: Map<string, string>;
  meetings: Map<string, string>;
  agendaItems: Map<string, string>;
}

function actionItemColumns(locale: Locale, names: ActionNames): ExportColumn<ActionItem>[] {
  return columnsFor<ActionItem>(
    'action-item',
    [
      { field: 'title' },
      { field: 'description', levelled: true },
      { field: 'status' },
      { field: 'priority' },
      { field: 'dueDate' },
      { field: 'ownerIds', value: (row) => list(row.ownerIds.flatMap((id) => names.people.get(id) ?? [])) },
      { field: 'ownerAgencies', value: (row) => list(row.ownerAgencies) },
      { field: 'meetingId', value: (row) => (row.meetingId ? names.meetings.get(row.meetingId) : undefined) },
      { field: 'agendaItemId', value: (row) => (row.agendaItemId ? names.agendaItems.get(row.agendaItemId) : undefined) },
    ],
    locale,
  );
}

function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const bilateralColumns = (locale: Locale) =>
  columnsFor<BilateralMeeting>(
    'bilateral-meeting',
    [
      { field: 'date' },
      { field: 'country', value: (row) => countryName(row.country, locale) },
      { field: 'counterpart' },
      { field: 'level' },
      { field: 'place' },
      { field: 'ourDelegation', levelled: true },
      { field: 'objectives', levelled: true },
      { field: 'outcomes', levelled: true },
    ],
    locale,
  );

const negotiationColumns = (locale: Locale) =>
  columnsFor<Negotiation>(
    'negotiation',
    [
      { field: 'title' },
      { field: 'counterpart' },
      { field: 'kind' },
      { field: 'status' },
      { field: 'position', levelled: true },
      { field: 'redLines', levelled: true },
      { field: 'fallback', levelled: true },
      { field: 'concessions', levelled: true },
    ],
    locale,
  );

const RND_COUNTS = {
  slipping: ['Slipping', 'Tergelincir'],
  lateMilestones: ['Late milestones', 'Pencapaian utama lewat'],
  overdueMilestones: ['Overdue milestones', 'Pencapaian utama tertunggak'],
} as const;

function rndColumns(locale: Locale, stages: Map<string, string>): ExportColumn<RndProject>[] {
  const say = (words: readonly [string, string]) => words[locale === 'ms' ? 1 : 0];
  return [
    ...columnsFor<RndProject>(
      'rnd-project',
      [
        { field: 'title' },
        { field: 'leadInstitution' },
        { field: 'partners', levelled: true, value: (row) => list(row.partners) },
        { field: 'fundingRm', levelled: true, value: (row) => row.fundingRm },
        {
          field: 'valueChainStage',
          value: (row) => (row.valueChainStage ? (stages.get(row.valueChainStage) ?? row.valueChainStage) : undefined),
        },
        { field: 'trlNow', value: (row) => row.trlNow },
        { field: 'trlTarget', value: (row) => row.trlTarget },
      ],
      locale,
    ),
    { header: say(RND_COUNTS.slipping), value: (row) => sentenceWord(row.slipping ? 'yes' : 'no', locale) },
    { header: say(RND_COUNTS.lateMilestones), value: (row) => row.lateMilestones },
    { header: say(RND_COUNTS.overdueMilestones), value: (row) => row.overdueMilestones },
  ];
}

const SHEETS: Record<string, readonly [string, string]> = {
  'action-items': ['Action items', 'Tindakan'],
  'bilateral-meetings': ['Bilateral meetings', 'Mesyuarat dua hala'],
  negotiations: ['Negotiations', 'Rundingan'],
  'rnd-projects': ['R&D projects', 'Projek R&D'],
};

type Filters<Q> = Omit<Q, 'format' | 'limit' | 'cursor'>;

/**
 * Lists exported as the caller may see them: each comes from the list endpoint's own service
 * with the same filters (already projected for the reader), so a file never shows more. Headers,
 * values and the names of withheld fields are in the reader's language (their account's).
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly actionItems: ActionItemsService,
    private readonly registers: RegisterRecords,
  ) {}

  async actionItemsFile(actor: Actor, committeeId: string, format: ExportFormat, filters: ListActionItemsQuery): Promise<ExportFile> {
    const rows = await this.actionItems.list(actor, committeeId, filters);
    const { clearanceLevel, seesDrafts } = await this.access.requireCommittee(actor, committeeId);
    const names = await this.actionNames(committeeId, { level: clearanceLevel, drafts: seesDrafts, userId: actor.id }, rows);
    const locale = await this.localeOf(actor);
    return this.build('action-items', 'action-item', format, actionItemColumns(locale, names), rows, locale);
  }

  async bilateralFile(
    actor: Actor,
    committeeId: string,
    format: ExportFormat,
    filters: Filters<ListBilateralMeetingsQuery>,
  ): Promise<ExportFile> {
    const rows = await BILATERAL_MEETINGS.records(this.registers).all(actor, committeeId, filters);
    const locale = await this.localeOf(actor);
    return this.build('bilateral-meetings', 'bilateral-meeting', format, bilateralColumns(locale), rows, locale);
  }

  async negotiationsFile(
    actor: Actor,
    committeeId: string,
    format: ExportFormat,
    filters: Filters<ListNegotiationsQuery>,
  ): Promise<ExportFile> {
    const rows = await NEGOTIATIONS.records(this.registers).all(actor, committeeId, filters);
    const locale = await this.localeOf(actor);
    return this.build('negotiations', 'negotiation', format, negotiationColumns(locale), rows, locale);
  }

  async rndFile(actor: Actor, committeeId: string, format: ExportFormat, filters: Filters<ListRndProjectsQuery>): Promise<ExportFile> {
    const rows = await RND_PROJECTS.records(this.registers).all(actor, committeeId, filters);
    const locale = await this.localeOf(actor);
    const stages: Array<{ code: string; name_en: string; name_ms: string }> = await this.dataSource.query(
      'SELECT code, name_en, name_ms FROM value_chain_stages',
    );
    const names = new Map(stages.map((stage) => [stage.code, locale === 'ms' ? stage.name_ms : stage.name_en]));
    return this.build('rnd-projects', 'rnd-project', format, rndColumns(locale, names), rows, locale);
  }

  private build<T extends Parameters<typeof buildExport>[0]['rows'][number]>(
    name: string,
    type: EntityType,
    format: ExportFormat,
    columns: ExportColumn<T>[],
    rows: T[],
    locale: Locale,
  ): Promise<ExportFile> {
    const words: ExportWords = {
      classification: fieldLabel(type, 'classification', locale),
      withheld: sentenceWord('withheldFields', locale),
      fieldLabel: (field) => fieldLabel(type, field, locale),
    };
    const sheet = SHEETS[name] ?? [name, name];
    return buildExport({ name, sheet: sheet[locale === 'ms' ? 1 : 0], format, columns, rows, today: today(), words });
  }

  /** The reader's language: the one their account keeps (the app sets it when they switch). */
  private async localeOf(actor: Actor): Promise<Locale> {
    const rows: Array<{ locale: string }> = await this.dataSource.query('SELECT locale FROM users WHERE id = $1::uuid', [actor.id]);
    const locale = rows[0]?.locale;
    return (LOCALES as readonly string[]).includes(locale ?? '') ? (locale as Locale) : 'en';
  }

  /**
   * Owners as "Name (AGENCY)" (members of the committee), and the origin meeting's number and
   * agenda item ("2.1 Title") only where the reader may see them now (level and drafts: the one
   * reader rule, `readerLevelSql`).
   */
  private async actionNames(committeeId: string, reader: ReaderScope, rows: ActionItem[]): Promise<ActionNames> {
    const people = [...new Set(rows.flatMap((row) => row.ownerIds))];
    const meetings = [...new Set(rows.flatMap((row) => (row.meetingId ? [row.meetingId] : [])))];
    const items = [...new Set(rows.flatMap((row) => (row.agendaItemId ? [row.agendaItemId] : [])))];
    const [owners, meetingRows, itemRows]: [
      Array<{ id: string; name: string; agency: string }>,
      Array<{ id: string; number_in_year: number; year: number }>,
      Array<{ id: string; title: string; position: number; parent_position: number | null }>,
    ] = await Promise.all([
      people.length === 0
        ? []
        : this.dataSource.query(
            `SELECT u.id, u.name, u.agency FROM users u JOIN memberships m ON m.user_id = u.id AND m.committee_id = $1::uuid
             WHERE u.id = ANY($2::uuid[])`,
            [committeeId, people],
          ),
      meetings.length === 0
        ? []
        : this.dataSource.query(
            `SELECT m.id, m.number_in_year, m.year FROM meetings m
             WHERE m.id = ANY($1::uuid[]) AND m.deleted_at IS NULL AND ${readerLevelSql('m.id', reader)} <= $2`,
            [meetings, reader.level],
          ),
      items.length === 0
        ? []
        : this.dataSource.query(
            `SELECT a.id, a.title, a.position, p.position AS parent_position FROM agenda_items a
             LEFT JOIN agenda_items p ON p.id = a.parent_id
             WHERE a.id = ANY($1::uuid[]) AND a.deleted_at IS NULL AND ${readerLevelSql('a.id', reader)} <= $2`,
            [items, reader.level],
          ),
    ]);
    return {
      people: new Map(owners.map((owner) => [owner.id, personLabel(owner)])),
      meetings: new Map(meetingRows.map((meeting) => [meeting.id, `Bil. ${meeting.number_in_year}/${meeting.year}`])),
      agendaItems: new Map(itemRows.map((item) => [item.id, `${agendaNumber(item.parent_position, item.position)} ${item.title}`])),
    };
  }
}

function today(): string {
  return todayIn('Asia/Kuala_Lumpur');
}
