/** What other features may use of this one: they import it from here, never from its files. */
export type { LiveMeeting } from './api/meetings-api.ts';
export { DecisionText, SectionDecisions } from './components/decisions.tsx';
export { RsvpControl } from './components/rsvp.tsx';
export { canManageMeetings } from './hooks/permissions.ts';
export { useAttendance } from './hooks/use-meeting-panels.ts';
export { useMeeting, useMeetings } from './hooks/use-meetings.ts';
