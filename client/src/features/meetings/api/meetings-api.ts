import type {
  AgendaItem,
  Attendance,
  AttendanceStatus,
  CalendarFeed,
  CommitteeSettings,
  CreateAgendaItem,
  CreateDecision,
  CreateGuest,
  CreateMeeting,
  Decision,
  Guest,
  Invitation,
  MatterArising,
  Meeting,
  MoveAgendaItem,
  ProjectorView,
  QuorumRule,
  RsvpResponse,
  UpdateAgendaItem,
  UpdateCommitteeSettings,
  UpdateDecision,
  UpdateMeeting,
  WithdrawDecision,
} from '@sidang/shared';
import type { ApiClient } from '../../../lib/api/api-client.ts';
import type { MeetingListWhen } from '../../../lib/query-keys.ts';

/**
 * A meeting as the server sends it: with when its current item became current (for the item
 * timer), and, if the server says it, the current item's number (for a reader who may not see
 * the item itself).
 */
export type LiveMeeting = Meeting & { currentItemStartedAt?: string | null; currentAgendaItemNumber?: string | null };

const enc = encodeURIComponent;

export const meetingsApi = {
  list: (api: ApiClient, committeeId: string, when: MeetingListWhen) =>
    api.get<LiveMeeting[]>(`/api/committees/${enc(committeeId)}/meetings`, { when }),
  get: (api: ApiClient, id: string) => api.get<LiveMeeting>(`/api/meetings/${enc(id)}`),
  create: (api: ApiClient, committeeId: string, body: CreateMeeting) =>
    api.post<LiveMeeting>(`/api/committees/${enc(committeeId)}/meetings`, body),
  update: (api: ApiClient, id: string, body: UpdateMeeting) => api.patch<LiveMeeting>(`/api/meetings/${enc(id)}`, body),
  setCurrentItem: (api: ApiClient, id: string, agendaItemId: string | null) =>
    api.post<LiveMeeting>(`/api/meetings/${enc(id)}/current-item`, { agendaItemId }),
  agenda: (api: ApiClient, meetingId: string) => api.get<AgendaItem[]>(`/api/meetings/${enc(meetingId)}/agenda-items`),
  createItem: (api: ApiClient, meetingId: string, body: CreateAgendaItem) =>
    api.post<AgendaItem>(`/api/meetings/${enc(meetingId)}/agenda-items`, body),
  updateItem: (api: ApiClient, id: string, body: UpdateAgendaItem) => api.patch<AgendaItem>(`/api/agenda-items/${enc(id)}`, body),
  moveItem: (api: ApiClient, id: string, body: MoveAgendaItem) => api.post<AgendaItem>(`/api/agenda-items/${enc(id)}/move`, body),
  removeItem: (api: ApiClient, id: string, version: number) => api.delete(`/api/agenda-items/${enc(id)}`, { version }),
  attendance: (api: ApiClient, meetingId: string) => api.get<Attendance>(`/api/meetings/${enc(meetingId)}/attendance`),
  projectorView: (api: ApiClient, meetingId: string) => api.get<ProjectorView>(`/api/meetings/${enc(meetingId)}/projector`),
  markAttendance: (api: ApiClient, meetingId: string, userId: string, status: AttendanceStatus) =>
    api.put<Attendance>(`/api/meetings/${enc(meetingId)}/attendance/${enc(userId)}`, { status }),
  decisions: (api: ApiClient, agendaItemId: string) => api.get<Decision[]>(`/api/agenda-items/${enc(agendaItemId)}/decisions`),
  recordDecision: (api: ApiClient, agendaItemId: string, body: CreateDecision) =>
    api.post<Decision>(`/api/agenda-items/${enc(agendaItemId)}/decisions`, body),
  correctDecision: (api: ApiClient, id: string, body: UpdateDecision) => api.patch<Decision>(`/api/decisions/${enc(id)}`, body),
  withdrawDecision: (api: ApiClient, id: string, body: WithdrawDecision) => api.post<Decision>(`/api/decisions/${enc(id)}/withdraw`, body),
  decisionRegister: (api: ApiClient, committeeId: string, q: string) =>
    api.get<Decision[]>(`/api/committees/${enc(committeeId)}/decisions`, q ? { q } : undefined),
  mattersArising: (api: ApiClient, meetingId: string) => api.get<MatterArising[]>(`/api/meetings/${enc(meetingId)}/matters-arising`),
  calendarFeed: (api: ApiClient) => api.get<CalendarFeed>('/api/me/calendar-feed'),
  renewCalendarFeed: (api: ApiClient) => api.post<CalendarFeed>('/api/me/calendar-feed/renew', {}),
  committeeSettings: (api: ApiClient, committeeId: string) => api.get<CommitteeSettings>(`/api/committees/${enc(committeeId)}/settings`),
  setQuorumRule: (api: ApiClient, committeeId: string, version: number, quorumRule: QuorumRule) =>
    api.patch<CommitteeSettings>(`/api/committees/${enc(committeeId)}/settings`, { version, quorumRule }),
  setSecretariatVotes: (api: ApiClient, committeeId: string, version: number, secretariatVotes: boolean) =>
    api.patch<CommitteeSettings>(`/api/committees/${enc(committeeId)}/settings`, { version, secretariatVotes }),
  updateCommitteeSettings: (api: ApiClient, committeeId: string, body: UpdateCommitteeSettings) =>
    api.patch<CommitteeSettings>(`/api/committees/${enc(committeeId)}/settings`, body),
  rsvp: (api: ApiClient, meetingId: string, body: { response: RsvpResponse; note: string }) =>
    api.put<Invitation>(`/api/meetings/${enc(meetingId)}/rsvp`, body),
  invitations: (api: ApiClient, meetingId: string) => api.get<Invitation[]>(`/api/meetings/${enc(meetingId)}/invitations`),
  remind: (api: ApiClient, meetingId: string) => api.post<Attendance>(`/api/meetings/${enc(meetingId)}/invitations/remind`, {}),
  addGuest: (api: ApiClient, meetingId: string, body: CreateGuest) => api.post<Guest>(`/api/meetings/${enc(meetingId)}/guests`, body),
  removeGuest: (api: ApiClient, meetingId: string, guestId: string) => api.delete(`/api/meetings/${enc(meetingId)}/guests/${enc(guestId)}`),
};
