import type { Notification, NotificationKind } from '@sidang/shared';
import type { EntityType } from '@sidang/shared/constants';
import type { TFunction } from 'i18next';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatIsoDate, formatRelative, formatTimestamp, todayInCommitteeZone } from '../../../lib/dates.ts';
import { CLIENT_RECORD_TYPES, openPath } from '../../../lib/records/record-types.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import type { NotificationFilter } from '../api/notifications-api.ts';
import { useMarkRead, useNotifications } from '../hooks/use-notifications.ts';
import '../load-strings.ts';
import { unreadCountOf } from '../notification-cache.ts';

/** Each kind's mark in the list (its name is said by the line's text). */
const KIND_ICONS: Record<NotificationKind, string> = {
  'action.assigned': '✓',
  'action.due-soon': '◔',
  'action.overdue': '⚠',
  'action.progress': '↗',
  mention: '@',
  'minutes.circulated': '✉',
  'minutes.confirmed': '✔',
  'minutes.published': '▤',
  'meeting.scheduled': '▦',
  'meeting.changed': '↻',
  'meeting.started': '▶',
  'meeting.cancelled': '✕',
  'meeting.reminder': '?',
  'paper.added': '+',
  'record.changed': '★',
  'vote.opened': '☐',
  'resolution.circulated': '⚖',
  'resolution.reminder': '⏰',
};

const isRecordType = (type: string): type is EntityType => Object.hasOwn(CLIENT_RECORD_TYPES, type);

/** Where a notification opens: its record's place (or its governing record's), else its committee's home. */
export function notificationPath(notification: Notification): string {
  const { entityType, committeeId, entityId, ancestorIds } = notification;
  return (isRecordType(entityType) ? openPath(entityType, committeeId, entityId, ancestorIds) : undefined) ?? `/c/${committeeId}`;
}

/** How long ago, in a few letters ("5 min", "3 h", "2 d"), then the day: a phone's line keeps room for the text. */
function shortAge(t: TFunction, at: string, lng: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(at)) / 60_000));
  if (minutes < 1) return t('notifications.age.now');
  if (minutes < 60) return t('notifications.age.minutes', { count: minutes });
  if (minutes < 24 * 60) return t('notifications.age.hours', { count: Math.floor(minutes / 60) });
  if (minutes < 7 * 24 * 60) return t('notifications.age.days', { count: Math.floor(minutes / (24 * 60)) });
  return formatIsoDate(todayInCommitteeZone(new Date(at)), lng);
}

/** Arrow keys, Home and End move between the lines (Tab does too). */
function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const links = [...event.currentTarget.querySelectorAll<HTMLElement>('.notification__link')];
  if (links.length === 0) return;
  event.preventDefault();
  const at = links.indexOf(document.activeElement as HTMLElement);
  const last = links.length - 1;
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? last
        : event.key === 'ArrowDown'
          ? at < 0 || at === last
            ? 0
            : at + 1
          : at <= 0
            ? last
            : at - 1;
  links[next]?.focus();
}

function NotificationLine({ notification, onOpen }: { notification: Notification; onOpen: (notification: Notification) => void }) {
  const { t, i18n } = useTranslation();
  const kind = t(`notifications.kinds.${notification.kind}`);
  const text = notification.text || kind;
  // The title after the sentence, unless the sentence already names it.
  const title = notification.title && !text.includes(notification.title) ? notification.title : '';
  const unread = notification.readAt === null;
  return (
    <li className={unread ? 'notification notification--unread' : 'notification'} data-testid="notification">
      <Link
        to={notificationPath(notification)}
        className="notification__link"
        title={title ? `${text} — ${title}` : text}
        onClick={() => onOpen(notification)}
      >
        <span className="notification__icon" aria-hidden="true" title={kind}>
          {KIND_ICONS[notification.kind] ?? '•'}
        </span>
        <span className="notification__text">
          {unread && <span className="visually-hidden">{t('notifications.unreadMark')}: </span>}
          {text}
          {title && <span className="notification__title"> — {title}</span>}
        </span>
        <time className="notification__time" dateTime={notification.at} title={formatTimestamp(notification.at, i18n.language)}>
          <span aria-hidden="true">{shortAge(t, notification.at, i18n.language)}</span>
          <span className="visually-hidden">{t('time.ago', { distance: formatRelative(notification.at, i18n.language) })}</span>
        </time>
        <span className={unread ? 'notification__dot' : 'notification__dot notification__dot--read'} aria-hidden="true" />
      </Link>
    </li>
  );
}

/**
 * The notifications under the bell, newest first, one line each: opening one marks it read and
 * goes to its record; "Mark all read"; older pages on demand. Escape or a click outside closes it.
 */
export function NotificationsPanel({ id, onClose }: { id: string; onClose: (returnFocus: boolean) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<NotificationFilter>('all');
  const list = useNotifications(filter);
  const markRead = useMarkRead();
  const heading = useRef<HTMLHeadingElement>(null);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = unreadCountOf(list.data);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') onClose(true);
    };
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Element && event.target.closest('[data-bell]'))) onClose(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [onClose]);

  const open = (notification: Notification) => {
    if (notification.readAt === null) markRead.mutate({ ids: [notification.id] });
    onClose(false);
  };

  return (
    <div
      className="notifications-panel"
      id={id}
      role="dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={moveFocus}
      // Tabbing out of it closes it (on a phone, what comes next is under the sheet).
      onBlur={(event) => {
        const next = event.relatedTarget;
        if (next instanceof Element && !next.closest('[data-bell]')) onClose(false);
      }}
    >
      <div className="notifications__head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t('notifications.title')}
        </h2>
        <SmallButton look="plain" className="notifications__close" onClick={() => onClose(true)}>
          <span aria-hidden="true">✕</span>
          <span className="visually-hidden">{t('notifications.close')}</span>
        </SmallButton>
      </div>
      <div className="notifications__tools">
        <fieldset className="notifications__filter">
          <legend className="visually-hidden">{t('notifications.show')}</legend>
          {(['all', 'unread'] as const).map((value) => (
            <button
              key={value}
              type="button"
              className="chip"
              aria-pressed={filter === value}
              onClick={() => setFilter(value)}
              data-testid={`notifications-filter-${value}`}
            >
              {t(value === 'all' ? 'notifications.filterAll' : 'notifications.filterUnread')}
            </button>
          ))}
        </fieldset>
        <SmallButton
          look="plain"
          disabled={unread === 0 || markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
          data-testid="mark-all-read"
        >
          {t('notifications.markAllRead')}
        </SmallButton>
      </div>
      {markRead.isError && (
        <p className="notice notice--error notifications__notice" role="alert">
          {t('notifications.markFailed')}
        </p>
      )}
      <div className="notifications__body" aria-busy={list.isFetching}>
        {list.isPending ? (
          <p className="notifications__status" role="status">
            {t('notifications.loading')}
          </p>
        ) : list.isError && items.length === 0 ? (
          <RetryNotice message={t('notifications.loadFailed')} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <p className="notifications__status" data-testid="notifications-empty">
            {t(filter === 'unread' ? 'notifications.emptyUnread' : 'notifications.empty')}
          </p>
        ) : (
          <ul className="notifications__list" aria-label={t('notifications.title')}>
            {items.map((notification) => (
              <NotificationLine key={notification.id} notification={notification} onOpen={open} />
            ))}
          </ul>
        )}
        {list.hasNextPage && (
          <SmallButton
            look="plain"
            className="notifications__more"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('notifications.loadMore')}
          </SmallButton>
        )}
      </div>
      <p className="notifications__foot">
        <Link to="/settings/notifications" onClick={() => onClose(false)}>
          {t('notifications.settings')}
        </Link>
      </p>
    </div>
  );
}
