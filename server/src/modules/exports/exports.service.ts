import { Injectable } from '@nestjs/common';
import type {
  ActionItem,
  BilateralMeeting,
  ExportFormat,
  ListActionItemsQuery,
  ListBilateralMeetingsQuery,
  ListNegotiationsQuery,
  ListRndProjectsQuery,
  Negotiation,
  RndProject,
} from '@sidang/shared';
import type { Actor } from '../../access/actor.js';
import { todayIn } from '../../common/today.js';
import { ActionItemsService } from '../action-items/action-items.service.js';
import { BILATERAL_MEETINGS } from '../registers/bilateral/bilateral.register.js';
import { RegisterRecords } from '../registers/common/register-records.js';
import { NEGOTIATIONS } from '../registers/negotiations/negotiations.register.js';
import { RND_PROJECTS } from '../registers/rnd/rnd.register.js';
import { buildExport, type ExportColumn, type ExportFile } from './spreadsheet.js';

const ACTION_ITEM_COLUMNS: ExportColumn<ActionItem>[] = [
  { header: 'Title', value: (row) => row.title },
  { header: 'Description', field: 'description', value: (row) => row.description },
  { header: 'Status', value: (row) => row.status },
  { header: 'Priority', value: (row) => row.priority },
  { header: 'Due date', value: (row) => row.dueDate },
  { header: 'Owner agencies', value: (row) => row.ownerAgencies.join(', ') },
];

const BILATERAL_COLUMNS: ExportColumn<BilateralMeeting>[] = [
  { header: 'Date', value: (row) => row.date },
  { header: 'Country', value: (row) => row.country },
  { header: 'Counterpart', value: (row) => row.counterpart },
  { header: 'Level', value: (row) => row.level },
  { header: 'Place', value: (row) => row.place },
  { header: 'Our delegation', field: 'ourDelegation', value: (row) => row.ourDelegation },
  { header: 'Objectives', field: 'objectives', value: (row) => row.objectives },
  { header: 'Outcomes', field: 'outcomes', value: (row) => row.outcomes },
];

const NEGOTIATION_COLUMNS: ExportColumn<Negotiation>[] = [
  { header: 'Title', value: (row) => row.title },
  { header: 'Counterpart', value: (row) => row.counterpart },
  { header: 'Kind', value: (row) => row.kind },
  { header: 'Status', value: (row) => row.status },
  { header: 'Position', field: 'position', value: (row) => row.position },
  { header: 'Red lines', field: 'redLines', value: (row) => row.redLines },
  { header: 'Fallback', field: 'fallback', value: (row) => row.fallback },
  { header: 'Concessions', field: 'concessions', value: (row) => row.concessions },
];

const RND_COLUMNS: ExportColumn<RndProject>[] = [
  { header: 'Title', value: (row) => row.title },
  { header: 'Lead institution', value: (row) => row.leadInstitution },
  { header: 'Partners', field: 'partners', value: (row) => row.partners?.join(', ') },
  { header: 'Funding (RM)', field: 'fundingRm', value: (row) => row.fundingRm },
  { header: 'Value-chain stage', value: (row) => row.valueChainStage },
  { header: 'TRL now', value: (row) => row.trlNow },
  { header: 'TRL target', value: (row) => row.trlTarget },
  { header: 'Slipping', value: (row) => (row.slipping ? 'yes' : 'no') },
  { header: 'Late milestones', value: (row) => row.lateMilestones },
  { header: 'Overdue milestones', value: (row) => row.overdueMilestones },
];

type Filters<Q> = Omit<Q, 'format' | 'limit' | 'cursor'>;

/**
 * Lists exported as the caller may see them: each comes from the list endpoint's own service
 * with the same filters (already projected for the reader), so a file never shows more.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly actionItems: ActionItemsService,
    private readonly registers: RegisterRecords,
  ) {}

  async actionItemsFile(actor: Actor, committeeId: string, format: ExportFormat, filters: ListActionItemsQuery): Promise<ExportFile> {
    const rows = await this.actionItems.list(actor, committeeId, filters);
    return buildExport({ name: 'action-items', sheet: 'Action items', format, columns: ACTION_ITEM_COLUMNS, rows, today: today() });
  }

  async bilateralFile(
    actor: Actor,
    committeeId: string,
    format: ExportFormat,
    filters: Filters<ListBilateralMeetingsQuery>,
  ): Promise<ExportFile> {
    const rows = await BILATERAL_MEETINGS.records(this.registers).all(actor, committeeId, filters);
    return buildExport({
      name: 'bilateral-meetings',
      sheet: 'Bilateral meetings',
      format,
      columns: BILATERAL_COLUMNS,
      rows,
      today: today(),
    });
  }

  async negotiationsFile(
    actor: Actor,
    committeeId: string,
    format: ExportFormat,
    filters: Filters<ListNegotiationsQuery>,
  ): Promise<ExportFile> {
    const rows = await NEGOTIATIONS.records(this.registers).all(actor, committeeId, filters);
    return buildExport({ name: 'negotiations', sheet: 'Negotiations', format, columns: NEGOTIATION_COLUMNS, rows, today: today() });
  }

  async rndFile(actor: Actor, committeeId: string, format: ExportFormat, filters: Filters<ListRndProjectsQuery>): Promise<ExportFile> {
    const rows = await RND_PROJECTS.records(this.registers).all(actor, committeeId, filters);
    return buildExport({ name: 'rnd-projects', sheet: 'R&D projects', format, columns: RND_COLUMNS, rows, today: today() });
  }
}

function today(): string {
  return todayIn('Asia/Kuala_Lumpur');
}
