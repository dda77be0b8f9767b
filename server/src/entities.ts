import { CommitteeEntity } from './access/committee.entity.js';
import { MembershipEntity } from './access/membership.entity.js';
import { UserEntity } from './access/user.entity.js';
import { MFA_ENTITIES } from './auth/mfa/mfa.entities.js';
import { SessionEntity } from './auth/session.entity.js';
import { AuditEntryEntity } from './changes/audit-entry.entity.js';
import { ChangeEventEntity } from './changes/change-event.entity.js';
import { CommitteeSequenceEntity } from './changes/committee-sequence.entity.js';
import { RecordScopeEntity } from './changes/record-scope.entity.js';
import { AppSettingEntity } from './database/app-setting.entity.js';
import { ActionItemEntity } from './modules/action-items/action-item.entity.js';
import { ProgressUpdateEntity } from './modules/action-items/progress-update.entity.js';
import { CommitteeSettingsEntity } from './modules/committees/committee-settings.entity.js';
import { DECIDING_ENTITIES } from './modules/deciding/deciding.entities.js';
import { AnnotationEntity, DocumentEntity, DocumentFileEntity } from './modules/documents/document.entity.js';
import { HomeVisitEntity } from './modules/home/home-visit.entity.js';
import { RecordLinkEntity } from './modules/links/record-link.entity.js';
import { AgendaItemEntity } from './modules/meetings/agenda-item.entity.js';
import { AttendanceEntity } from './modules/meetings/attendance.entity.js';
import { CalendarFeedEntity } from './modules/meetings/calendar-feed.entity.js';
import { DecisionEntity } from './modules/meetings/decision.entity.js';
import { GuestEntity } from './modules/meetings/guest.entity.js';
import { InvitationEntity } from './modules/meetings/invitation.entity.js';
import { MeetingEntity } from './modules/meetings/meeting.entity.js';
import { MINUTES_ENTITIES } from './modules/minutes/minutes.entity.js';
import { NOTIFICATION_ENTITIES } from './modules/notifications/notification.entity.js';
import { REGISTER_ENTITIES } from './modules/registers/registers.entities.js';

/** Every entity of the schema; a new slice adds its entities here and a migration. */
export const ENTITIES = [
  UserEntity,
  CommitteeEntity,
  MembershipEntity,
  ChangeEventEntity,
  AuditEntryEntity,
  CommitteeSequenceEntity,
  RecordScopeEntity,
  AppSettingEntity,
  ActionItemEntity,
  ProgressUpdateEntity,
  MeetingEntity,
  AgendaItemEntity,
  AttendanceEntity,
  GuestEntity,
  InvitationEntity,
  DecisionEntity,
  SessionEntity,
  ...MFA_ENTITIES,
  ...REGISTER_ENTITIES,
  RecordLinkEntity,
  ...MINUTES_ENTITIES,
  CalendarFeedEntity,
  HomeVisitEntity,
  CommitteeSettingsEntity,
  DocumentEntity,
  DocumentFileEntity,
  AnnotationEntity,
  ...NOTIFICATION_ENTITIES,
  ...DECIDING_ENTITIES,
];
