import {
  actionItemSchema,
  agendaItemSchema,
  agreementSchema,
  attendanceSchema,
  bilateralCommitmentSchema,
  bilateralMeetingSchema,
  committeeSettingsSchema,
  decisionSchema,
  documentSchema,
  meetingSchema,
  memberSchema,
  minutesCommentSchema,
  minutesRecordSchema,
  minutesSectionSchema,
  negotiationRoundSchema,
  negotiationSchema,
  progressUpdateSchema,
  recordLinkSchema,
  rndMilestoneSchema,
  rndProjectSchema,
} from '@sidang/shared';
import { registerEntitySchema } from './entity-registry.ts';

/**
 * The schemas that check each record type's live records (see `entities.ts` for the rest of a
 * registration). Loaded with the socket (`loadSocketFactory`), not on the first screen: zod and
 * the schemas are a fifth of the JavaScript a signed-in page would otherwise load first.
 */
registerEntitySchema('action-item', actionItemSchema);
registerEntitySchema('progress-update', progressUpdateSchema);
registerEntitySchema('member', memberSchema);
registerEntitySchema('meeting', meetingSchema);
registerEntitySchema('agenda-item', agendaItemSchema);
registerEntitySchema('attendance', attendanceSchema);
registerEntitySchema('decision', decisionSchema);
registerEntitySchema('bilateral-meeting', bilateralMeetingSchema);
registerEntitySchema('bilateral-commitment', bilateralCommitmentSchema);
registerEntitySchema('agreement', agreementSchema);
registerEntitySchema('negotiation', negotiationSchema);
registerEntitySchema('negotiation-round', negotiationRoundSchema);
registerEntitySchema('rnd-project', rndProjectSchema);
registerEntitySchema('rnd-milestone', rndMilestoneSchema);
registerEntitySchema('record-link', recordLinkSchema);
registerEntitySchema('minutes', minutesRecordSchema);
registerEntitySchema('minutes-section', minutesSectionSchema);
registerEntitySchema('minutes-comment', minutesCommentSchema);
registerEntitySchema('committee-settings', committeeSettingsSchema);
registerEntitySchema('document', documentSchema);
