/** The zod-free part of the meeting wire types: what a screen needs to draw (see ../constants.ts). */

export const RSVP_RESPONSES = ['accepted', 'declined', 'tentative'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];

/** A meeting has started once it is in progress, adjourned or closed: decisions are taken from then on. */
export function meetingHasStarted(status: string): boolean {
  return status === 'in_progress' || status === 'adjourned' || status === 'closed';
}
