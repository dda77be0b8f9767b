import type { NotificationKind } from '@sidang/shared';
import type { LoggedChange, NewNotification, Recipient } from './notifications.repository.js';

/** What the deriver knows of a committee beside the change itself. */
export interface DeriveContext {
  committeeId: string;
  /** Its active members, with their clearance level. */
  members: ReadonlyMap<string, Recipient>;
  /** Who follows a record (by id). */
  followers: ReadonlyMap<string, ReadonlySet<string>>;
  /** `<userId>:<kind>` for each kind a recipient turned off. */
  turnedOff: ReadonlySet<string>;
}

/** A notification the deriver asks for, and the follows it starts (new owners follow their actions). */
export interface Derived {
  notifications: NewNotification[];
  follows: Array<{ userId: string; entityType: string; entityId: string }>;
}

/** Meeting fields whose change people are told of (`meeting.changed`). */
const MEETING_TIME_AND_PLACE = ['startsAt', 'endsAt', 'venue', 'onlineUrl'] as const;
const MINUTES_KINDS: Readonly<Record<string, NotificationKind>> = {
  circulated: 'minutes.circulated',
  confirmed: 'minutes.confirmed',
  published: 'minutes.published',
};

const ids = (value: unknown): string[] => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Members named as `@Name` in `text` (a progress update, a comment), longest names first. */
export function mentioned(text: string, members: Iterable<Recipient>): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (const member of members) {
    const name = member.name.trim().toLowerCase();
    if (name !== '' && lower.includes(`@${name}`)) found.push(member.userId);
  }
  return found;
}

/** The names of fields whose value differs between two states (shallow, JSON-equal). */
function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null, among: readonly string[]): string[] {
  return among.filter((field) => JSON.stringify(before?.[field] ?? null) !== JSON.stringify(after?.[field] ?? null));
}

/**
 * The notifications one committed change makes: who is told what. A recipient is a member of
 * the committee cleared for the change as it stands (`change.level`), never its actor, and gets
 * at most one notification per change (the most particular kind); a kind they turned off is not
 * made at all. Titles and texts are not decided here: they are read, projected, when shown.
 */
export function deriveNotifications(change: LoggedChange, context: DeriveContext): Derived {
  const told = new Map<string, { kind: NotificationKind; detail: Record<string, unknown> }>();
  const follows: Derived['follows'] = [];
  const tell = (userIds: Iterable<string>, kind: NotificationKind, detail: Record<string, unknown> = {}) => {
    for (const userId of userIds) if (!told.has(userId)) told.set(userId, { kind, detail });
  };
  const everyone = [...context.members.keys()];
  const { before, after } = change;
  const followersOf = (id: string | null) => (id ? (context.followers.get(id) ?? new Set<string>()) : new Set<string>());

  switch (change.entityType) {
    case 'action-item': {
      if (change.verb === 'deleted' || !after) break;
      const previous = new Set(ids(before?.ownerIds));
      const added = ids(after.ownerIds).filter((id) => !previous.has(id));
      tell(added, 'action.assigned', { dueDate: str(after.dueDate) });
      for (const userId of added) follows.push({ userId, entityType: change.entityType, entityId: change.entityId });
      if (change.verb !== 'created') {
        tell(followersOf(change.entityId), 'record.changed', { fields: changedFields(before, after, Object.keys(after)).slice(0, 10) });
      }
      break;
    }
    case 'progress-update':
    case 'minutes-comment': {
      if (change.verb !== 'created' || !after) break;
      tell(mentioned(str(after.body) ?? '', context.members.values()), 'mention');
      if (change.entityType === 'progress-update') tell(followersOf(change.parentId), 'action.progress');
      break;
    }
    case 'minutes': {
      const status = str(after?.status);
      const kind = status && status !== str(before?.status) ? MINUTES_KINDS[status] : undefined;
      if (kind) tell(everyone, kind, { commentDeadline: str(after?.commentsDueAt) });
      break;
    }
    case 'meeting': {
      const status = str(after?.status);
      const was = str(before?.status);
      if (change.verb === 'deleted') {
        if (was && was !== 'draft') tell(everyone, 'meeting.cancelled');
        break;
      }
      if (status === 'scheduled' && was !== 'scheduled') tell(everyone, 'meeting.scheduled', { startsAt: str(after?.startsAt) });
      else if (status === 'in_progress' && was !== 'in_progress') tell(everyone, 'meeting.started');
      else if (change.verb === 'updated' && status !== 'draft') {
        const fields = changedFields(before, after, MEETING_TIME_AND_PLACE);
        if (fields.length > 0) tell(everyone, 'meeting.changed', { fields });
      }
      if (change.verb === 'updated') tell(followersOf(change.entityId), 'record.changed');
      break;
    }
    case 'attendance': {
      // The secretariat's reminder: to each member invited who has not answered.
      if (after && str(after.remindedAt) && str(after.remindedAt) !== str(before?.remindedAt)) {
        const invitations = Array.isArray(after.invitations) ? (after.invitations as Array<{ userId?: unknown; response?: unknown }>) : [];
        tell(
          invitations
            .filter((invitation) => invitation.response === null)
            .flatMap((invitation) => (typeof invitation.userId === 'string' ? [invitation.userId] : [])),
          'meeting.reminder',
        );
      }
      break;
    }
    case 'document': {
      if (change.verb === 'created') tell(everyone, 'paper.added');
      break;
    }
    case 'vote': {
      if (change.verb === 'opened') tell(everyone, 'vote.opened');
      break;
    }
    case 'resolution': {
      if (change.verb === 'created') tell(everyone, 'resolution.circulated', { closesAt: str(after?.closesAt) });
      break;
    }
    default: {
      if (change.verb === 'updated' && after) tell(followersOf(change.entityId), 'record.changed');
    }
  }

  const notifications: NewNotification[] = [];
  for (const [userId, { kind, detail }] of told) {
    const member = context.members.get(userId);
    if (!member || userId === change.actorId || member.clearance < change.level) continue;
    // A change of a draft (or in one) is the chair's and the secretariat's business only.
    if (change.draft && !member.seesDrafts) continue;
    if (context.turnedOff.has(`${userId}:${kind}`)) continue;
    notifications.push({
      userId,
      committeeId: context.committeeId,
      kind,
      entityType: change.entityType,
      entityId: change.entityId,
      level: change.level,
      actorId: change.actorId,
      dedupeKey: `${context.committeeId}:${change.seq}`,
      detail,
      at: change.at,
    });
  }
  // Only members cleared for the record follow it.
  return {
    notifications,
    follows: follows.filter(({ userId }) => (context.members.get(userId)?.clearance ?? -1) >= change.level),
  };
}
