import {
  agendaItemSchema,
  attendanceSchema,
  calendarFeedSchema,
  createAgendaItemSchema,
  createDecisionSchema,
  createGuestSchema,
  createMeetingSchema,
  decisionSchema,
  guestSchema,
  invitationSchema,
  listDecisionsQuerySchema,
  listMeetingsQuerySchema,
  matterArisingSchema,
  meetingSchema,
  moveAgendaItemSchema,
  projectorViewSchema,
  putAttendanceSchema,
  rsvpSchema,
  setCurrentItemSchema,
  updateAgendaItemSchema,
  updateMeetingSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, deleteRecordRoute, describeTag, FORBIDDEN, idParams, STALE } from '../../common/openapi.js';

const describe = describeTag('Meetings');
const meetingParams = z.object({ meetingId: z.uuid() });
/** Writes to a meeting's attendance once its minutes are published. */
const FROZEN = { 409: 'The minutes are published: attendance is frozen (code attendance_frozen)' };

describe({
  method: 'get',
  path: '/api/committees/:committeeId/meetings',
  summary: 'Meetings the caller may see',
  params: committeeParams,
  query: listMeetingsQuerySchema,
  response: z.array(meetingSchema),
});
describe({
  method: 'post',
  path: '/api/committees/:committeeId/meetings',
  summary: 'Schedule a meeting (chair, secretariat); numbered by the server',
  params: committeeParams,
  body: createMeetingSchema,
  response: meetingSchema,
  status: 201,
  extraErrors: FORBIDDEN,
});
describe({ method: 'get', path: '/api/meetings/:id', summary: 'One meeting', params: idParams, response: meetingSchema });
describe({
  method: 'patch',
  path: '/api/meetings/:id',
  summary: 'Edit a meeting or move its status',
  params: idParams,
  body: updateMeetingSchema,
  response: meetingSchema,
  extraErrors: { ...FORBIDDEN, ...STALE },
});
describe(deleteRecordRoute('/api/meetings/:id', 'Delete a meeting'));
describe({
  method: 'post',
  path: '/api/meetings/:id/current-item',
  summary: 'Set the item now discussed (meeting in progress)',
  params: idParams,
  body: setCurrentItemSchema,
  response: meetingSchema,
  extraErrors: FORBIDDEN,
});
describe({
  method: 'get',
  path: '/api/meetings/:id/projector',
  summary:
    "The level the projector opens at: the lowest clearance of those in the room. The projector then asks to be served at that level with the `X-Sidang-View-Level` header (and the socket handshake's `auth.viewLevel`), which can only lower the caller's clearance (above it: 400)",
  params: idParams,
  response: projectorViewSchema,
});
describe({
  method: 'get',
  path: '/api/meetings/:meetingId/agenda-items',
  summary: 'The agenda, in order, as the caller may see it',
  params: meetingParams,
  response: z.array(agendaItemSchema),
});
describe({
  method: 'post',
  path: '/api/meetings/:meetingId/agenda-items',
  summary: 'Add an agenda item (chair, secretariat)',
  params: meetingParams,
  body: createAgendaItemSchema,
  response: agendaItemSchema,
  status: 201,
  extraErrors: FORBIDDEN,
});
describe({
  method: 'get',
  path: '/api/agenda-items/:id',
  summary: 'One agenda item',
  params: idParams,
  response: agendaItemSchema,
});
describe({
  method: 'patch',
  path: '/api/agenda-items/:id',
  summary: 'Edit an agenda item',
  params: idParams,
  body: updateAgendaItemSchema,
  response: agendaItemSchema,
  extraErrors: { ...FORBIDDEN, ...STALE },
});
describe({
  method: 'post',
  path: '/api/agenda-items/:id/move',
  summary: 'Move an agenda item; the server renumbers and announces every shifted item',
  params: idParams,
  body: moveAgendaItemSchema,
  response: agendaItemSchema,
  extraErrors: { ...FORBIDDEN, ...STALE },
});
describe(deleteRecordRoute('/api/agenda-items/:id', 'Remove an agenda item'));
describe({
  method: 'get',
  path: '/api/meetings/:id/attendance',
  summary: 'Attendance and quorum',
  params: idParams,
  response: attendanceSchema,
});
describe({
  method: 'put',
  path: '/api/meetings/:id/attendance/:userId',
  summary: 'Mark attendance (chair, secretariat; a member for themself: present or apologies)',
  params: z.object({ id: z.uuid(), userId: z.uuid() }),
  body: putAttendanceSchema,
  response: attendanceSchema,
  extraErrors: { ...FORBIDDEN, ...FROZEN },
});
describe({
  method: 'put',
  path: '/api/meetings/:id/rsvp',
  summary:
    "The caller's own answer to the meeting's invitation (accepted, declined, tentative; a note the chair and the secretariat read); a new version of the attendance",
  params: idParams,
  body: rsvpSchema,
  response: invitationSchema,
  extraErrors: FROZEN,
});
describe({
  method: 'get',
  path: '/api/meetings/:id/invitations',
  summary: "Who was invited when the meeting was scheduled and each answer; notes for the chair and the secretariat (and the caller's own)",
  params: idParams,
  response: z.array(invitationSchema),
});
describe({
  method: 'post',
  path: '/api/meetings/:id/invitations/remind',
  summary: 'Remind those invited who have not answered (chair, secretariat): a notification to each',
  params: idParams,
  response: attendanceSchema,
  extraErrors: { ...FORBIDDEN, ...FROZEN },
});
describe({
  method: 'post',
  path: '/api/meetings/:id/guests',
  summary:
    'Add a guest who is not a member (chair, secretariat): listed in the attendance and the minutes ("Hadir bersama"), never counted for the quorum',
  params: idParams,
  body: createGuestSchema,
  response: guestSchema,
  status: 201,
  extraErrors: { ...FORBIDDEN, ...FROZEN },
});
describe({
  method: 'delete',
  path: '/api/meetings/:id/guests/:guestId',
  summary: 'Remove a guest (chair, secretariat)',
  params: z.object({ id: z.uuid(), guestId: z.uuid() }),
  status: 204,
  extraErrors: { ...FORBIDDEN, ...FROZEN },
});
describe({
  method: 'get',
  path: '/api/meetings/:id/matters-arising',
  summary: 'Actions still open from earlier meetings, with their latest update',
  params: idParams,
  response: z.array(matterArisingSchema),
});
describe({
  method: 'get',
  path: '/api/agenda-items/:id/decisions',
  summary: 'Decisions recorded on an agenda item',
  params: idParams,
  response: z.array(decisionSchema),
});
describe({
  method: 'post',
  path: '/api/agenda-items/:id/decisions',
  summary: 'Record a decision (chair, secretariat) once the meeting has started (in progress, adjourned or closed)',
  params: idParams,
  body: createDecisionSchema,
  response: decisionSchema,
  status: 201,
  extraErrors: {
    ...FORBIDDEN,
    409: 'The meeting has not started: a draft or scheduled meeting takes no decision (code meeting_not_started)',
  },
});
describe({
  method: 'get',
  path: '/api/committees/:committeeId/decisions',
  summary: "The committee's decisions register",
  params: committeeParams,
  query: listDecisionsQuerySchema,
  response: z.array(decisionSchema),
});
describe({
  method: 'get',
  path: '/api/meetings/:id/ics',
  summary: 'The meeting as an iCalendar file (text/calendar, TZID=Asia/Kuala_Lumpur)',
  params: idParams,
});

describe({
  method: 'get',
  path: '/api/me/calendar-feed',
  summary: "The caller's personal calendar feed URL (made on first call): every meeting they may see, in all their committees",
  response: calendarFeedSchema,
});
describe({
  method: 'post',
  path: '/api/me/calendar-feed/renew',
  summary: 'A new calendar feed URL; the old one answers 404 from now on',
  response: calendarFeedSchema,
});
describe({
  method: 'get',
  path: '/api/calendar/:token.ics',
  summary: 'A calendar feed (text/calendar, TZID=Asia/Kuala_Lumpur); the token in the URL is the credential',
  params: z.object({ token: z.string() }),
  public: true,
  extraErrors: { 404: 'No such feed (renewed, or the account is deactivated)', 429: 'Too many requests; see Retry-After' },
});
