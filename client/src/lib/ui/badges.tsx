import type { ActionItem } from '@sidang/shared';
import { type Classification, isOverdue } from '@sidang/shared/constants';
import { useTranslation } from 'react-i18next';
import { committeeDayOf, formatIsoDate, formatShortDate } from '../dates.ts';

export function StatusBadge({ status }: { status: ActionItem['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge badge--status badge--${status}`}>{t(`status.${status}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: ActionItem['priority'] }) {
  const { t } = useTranslation();
  return (
    <span className={`priority priority--${priority}`}>
      <span className="priority__bars" aria-hidden="true">
        {priority === 'high' ? '▲▲▲' : priority === 'medium' ? '▲▲' : '▲'}
      </span>{' '}
      {t(`priority.${priority}`)}
    </span>
  );
}

/**
 * A classification (Terbuka / Terhad / Sulit / Rahsia) in the UI language. `as="clearance"` when it
 * is a user's clearance rather than a record's marking: the tooltip says which.
 */
export function ClassificationBadge({ level, as = 'classification' }: { level: Classification; as?: 'classification' | 'clearance' }) {
  const { t } = useTranslation();
  const name = t(`classification.${level}`);
  const title = as === 'clearance' ? t('app.clearance', { level: name }) : `${t('classification.label')}: ${name}`;
  return (
    <span className={`badge badge--class badge--class-${level.toLowerCase()}`} title={title} data-level={level}>
      {name}
    </span>
  );
}

function WarningIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M8 1 15 14H1L8 1Z" fill="currentColor" />
      <path d="M8 6v4M8 11.5v1" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/** A due date; when overdue it says so in words and with an icon, not by colour alone. */
export function DueDate({ item, today }: { item: Pick<ActionItem, 'dueDate' | 'status'>; today: string }) {
  const { t, i18n } = useTranslation();
  if (!item.dueDate) return <span className="due due--none">{t('actions.noDueDate')}</span>;
  const date = formatIsoDate(item.dueDate, i18n.language);
  if (isOverdue(item, today)) {
    return (
      <span className="due due--overdue" data-overdue="true">
        <WarningIcon />
        <strong>{t('actions.overdueMark')}</strong>
        <span>
          <time dateTime={item.dueDate}>{date}</time>
        </span>
      </span>
    );
  }
  return (
    <span className="due">
      <time dateTime={item.dueDate}>{date}</time>
    </span>
  );
}

/**
 * When comments on circulated minutes close (the committee's day, "Comments by 14 Dec"); once
 * past, said in words and with an icon, like an overdue date.
 */
export function CommentDeadline({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const overdue = Date.parse(at) < Date.now();
  const date = formatShortDate(committeeDayOf(at), i18n.language);
  return (
    <span className={overdue ? 'due due--overdue' : 'due'} data-testid="comment-deadline" data-overdue={overdue}>
      {overdue && <WarningIcon />}
      <time dateTime={at}>{t(overdue ? 'home.commentsClosed' : 'home.commentBy', { date })}</time>
    </span>
  );
}
