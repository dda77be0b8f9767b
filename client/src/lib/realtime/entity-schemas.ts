import {
  actionItemSchema,
  agendaItemSchema,
  attendanceSchema,
  decisionSchema,
  documentSchema,
  meetingSchema,
  memberSchema,
  progressUpdateSchema,
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
registerEntitySchema('document', documentSchema);
