import { registerEntitySchema } from './entity-registry.ts';

/**
 * The schemas that check each record type's live records (see `entities.ts` for the rest of a
 * registration). Loaded with the socket (`loadSocketFactory`), not on the first screen: zod and
 * the schemas are a fifth of the JavaScript a signed-in page would otherwise load first.
 *
 * One file of schemas at a time, with a pause between: building every schema at once held a
 * phone's main thread for a few hundred milliseconds right after the first screen had drawn.
 * Each step registers what its file holds; the realtime client applies nothing before all are in.
 */
const STEPS: ReadonlyArray<() => Promise<void>> = [
  async () => {
    const schemas = await import('../../../../shared/src/action-items/action-item.schema.ts');
    registerEntitySchema('action-item', schemas.actionItemSchema);
    registerEntitySchema('progress-update', schemas.progressUpdateSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/committees/committee.schema.ts');
    registerEntitySchema('member', schemas.memberSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/meetings/meeting.schema.ts');
    registerEntitySchema('meeting', schemas.meetingSchema);
    registerEntitySchema('agenda-item', schemas.agendaItemSchema);
    registerEntitySchema('attendance', schemas.attendanceSchema);
    registerEntitySchema('decision', schemas.decisionSchema);
    registerEntitySchema('committee-settings', schemas.committeeSettingsSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/deciding/deciding.schema.ts');
    registerEntitySchema('vote', schemas.voteSchema);
    registerEntitySchema('interest', schemas.interestSchema);
    registerEntitySchema('resolution', schemas.resolutionSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/registers/bilateral.schema.ts');
    registerEntitySchema('bilateral-meeting', schemas.bilateralMeetingSchema);
    registerEntitySchema('bilateral-commitment', schemas.bilateralCommitmentSchema);
    registerEntitySchema('agreement', schemas.agreementSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/registers/negotiation.schema.ts');
    registerEntitySchema('negotiation', schemas.negotiationSchema);
    registerEntitySchema('negotiation-round', schemas.negotiationRoundSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/registers/rnd.schema.ts');
    registerEntitySchema('rnd-project', schemas.rndProjectSchema);
    registerEntitySchema('rnd-milestone', schemas.rndMilestoneSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/registers/link.schema.ts');
    registerEntitySchema('record-link', schemas.recordLinkSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/minutes/minutes.schema.ts');
    registerEntitySchema('minutes', schemas.minutesRecordSchema);
    registerEntitySchema('minutes-section', schemas.minutesSectionSchema);
    registerEntitySchema('minutes-comment', schemas.minutesCommentSchema);
  },
  async () => {
    const schemas = await import('../../../../shared/src/documents/document.schema.ts');
    registerEntitySchema('document', schemas.documentSchema);
    registerEntitySchema('annotation', schemas.annotationSchema);
  },
];

/** A task boundary: the browser may paint and handle input before the next step. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

let registered: Promise<void> | undefined;

/** Registers every record type's schema (once; later calls wait for the same work). */
export function registerEntitySchemas(): Promise<void> {
  registered ??= (async () => {
    for (const step of STEPS) {
      await step();
      await pause();
    }
  })();
  return registered;
}
