import {
  agendaItemSchema,
  attendanceSchema,
  calendarFeedSchema,
  createAgendaItemSchema,
  createDecisionSchema,
  createMeetingSchema,
  decisionSchema,
  deleteVersionSchema,
  listDecisionsQuerySchema,
  listMeetingsQuerySchema,
  matterArisingSchema,
  meetingSchema,
  moveAgendaItemSchema,
  projectorViewSchema,
  putAttendanceSchema,
  setCurrentItemSchema,
  updateAgendaItemSchema,
  updateMeetingSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, describeRoute, idParams } from '../../common/openapi.js';

const tag = 'Meetings';
const forbidden = { 403: 'Your role may not do this' };
const stale = { 409: 'Stale version; the stored record is under `current`' };
const meetingParams = z.object({ meetingId: z.uuid() });

describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/meetings',
  summary: 'Meetings the caller may see',
  tag,
  params: committeeParams,
  query: listMeetingsQuerySchema,
  response: z.array(meetingSchema),
});
describeRoute({
  method: 'post',
  path: '/api/committees/:committeeId/meetings',
  summary: 'Schedule a meeting (chair, secretariat); numbered by the server',
  tag,
  params: committeeParams,
  body: createMeetingSchema,
  response: meetingSchema,
  status: 201,
  extraErrors: forbidden,
});
describeRoute({ method: 'get', path: '/api/meetings/:id', summary: 'One meeting', tag, params: idParams, response: meetingSchema });
describeRoute({
  method: 'patch',
  path: '/api/meetings/:id',
  summary: 'Edit a meeting or move its status',
  tag,
  params: idParams,
  body: updateMeetingSchema,
  response: meetingSchema,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'delete',
  path: '/api/meetings/:id',
  summary: 'Delete a meeting',
  tag,
  params: idParams,
  query: deleteVersionSchema,
  status: 204,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'post',
  path: '/api/meetings/:id/current-item',
  summary: 'Set the item now discussed (meeting in progress)',
  tag,
  params: idParams,
  body: setCurrentItemSchema,
  response: meetingSchema,
  extraErrors: forbidden,
});
describeRoute({
  method: 'get',
  path: '/api/meetings/:id/projector',
  summary:
    "The level the projector opens at: the lowest clearance of those in the room. The projector then asks to be served at that level with the `X-Sidang-View-Level` header (and the socket handshake's `auth.viewLevel`), which can only lower the caller's clearance (above it: 400)",
  tag,
  params: idParams,
  response: projectorViewSchema,
});
describeRoute({
  method: 'get',
  path: '/api/meetings/:meetingId/agenda-items',
  summary: 'The agenda, in order, as the caller may see it',
  tag,
  params: meetingParams,
  response: z.array(agendaItemSchema),
});
describeRoute({
  method: 'post',
  path: '/api/meetings/:meetingId/agenda-items',
  summary: 'Add an agenda item (chair, secretariat)',
  tag,
  params: meetingParams,
  body: createAgendaItemSchema,
  response: agendaItemSchema,
  status: 201,
  extraErrors: forbidden,
});
describeRoute({
  method: 'get',
  path: '/api/agenda-items/:id',
  summary: 'One agenda item',
  tag,
  params: idParams,
  response: agendaItemSchema,
});
describeRoute({
  method: 'patch',
  path: '/api/agenda-items/:id',
  summary: 'Edit an agenda item',
  tag,
  params: idParams,
  body: updateAgendaItemSchema,
  response: agendaItemSchema,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'post',
  path: '/api/agenda-items/:id/move',
  summary: 'Move an agenda item; the server renumbers and announces every shifted item',
  tag,
  params: idParams,
  body: moveAgendaItemSchema,
  response: agendaItemSchema,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'delete',
  path: '/api/agenda-items/:id',
  summary: 'Remove an agenda item',
  tag,
  params: idParams,
  query: deleteVersionSchema,
  status: 204,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'get',
  path: '/api/meetings/:id/attendance',
  summary: 'Attendance and quorum',
  tag,
  params: idParams,
  response: attendanceSchema,
});
describeRoute({
  method: 'put',
  path: '/api/meetings/:id/attendance/:userId',
  summary: 'Mark attendance (chair, secretariat; a member for themself: present or apologies)',
  tag,
  params: z.object({ id: z.uuid(), userId: z.uuid() }),
  body: putAttendanceSchema,
  response: attendanceSchema,
  extraErrors: forbidden,
});
describeRoute({
  method: 'get',
  path: '/api/meetings/:id/matters-arising',
  summary: 'Actions still open from earlier meetings, with their latest update',
  tag,
  params: idParams,
  response: z.array(matterArisingSchema),
});
describeRoute({
  method: 'get',
  path: '/api/agenda-items/:id/decisions',
  summary: 'Decisions recorded on an agenda item',
  tag,
  params: idParams,
  response: z.array(decisionSchema),
});
describeRoute({
  method: 'post',
  path: '/api/agenda-items/:id/decisions',
  summary: 'Record a decision (chair, secretariat)',
  tag,
  params: idParams,
  body: createDecisionSchema,
  response: decisionSchema,
  status: 201,
  extraErrors: forbidden,
});
describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/decisions',
  summary: "The committee's decisions register",
  tag,
  params: committeeParams,
  query: listDecisionsQuerySchema,
  response: z.array(decisionSchema),
});
describeRoute({
  method: 'get',
  path: '/api/meetings/:id/ics',
  summary: 'The meeting as an iCalendar file (text/calendar, TZID=Asia/Kuala_Lumpur)',
  tag,
  params: idParams,
});

describeRoute({
  method: 'get',
  path: '/api/me/calendar-feed',
  summary: "The caller's personal calendar feed URL (made on first call): every meeting they may see, in all their committees",
  tag,
  response: calendarFeedSchema,
});
describeRoute({
  method: 'post',
  path: '/api/me/calendar-feed/renew',
  summary: 'A new calendar feed URL; the old one answers 404 from now on',
  tag,
  response: calendarFeedSchema,
});
describeRoute({
  method: 'get',
  path: '/api/calendar/:token.ics',
  summary: 'A calendar feed (text/calendar, TZID=Asia/Kuala_Lumpur); the token in the URL is the credential',
  tag,
  params: z.object({ token: z.string() }),
  public: true,
  extraErrors: { 404: 'No such feed (renewed, or the account is deactivated)', 429: 'Too many requests; see Retry-After' },
});
