/** The zod-free part of the meeting wire types: what a screen needs to draw (see ../constants.ts). */

export const RSVP_RESPONSES = ['accepted', 'declined', 'tentative'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];
