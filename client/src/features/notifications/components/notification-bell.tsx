import { lazy, Suspense, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveNotifications, useUnreadCount } from '../hooks/use-unread-count.ts';
import '../notifications.css';

// The panel (its list, dates and strings) loads when it is first wanted: the bell is on every page.
const loadPanel = () => import('./notifications-panel.tsx');
const NotificationsPanel = lazy(() => loadPanel().then((module) => ({ default: module.NotificationsPanel })));

/**
 * The top bar's bell: the unread count (said politely when it changes), live from the user's
 * socket; it opens the notifications panel (a popover on a desk, a full sheet on a phone).
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  useLiveNotifications();
  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }, []);

  return (
    <div className="bell" data-bell="">
      <button
        ref={button}
        type="button"
        className="button button--ghost button--small bell__button"
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        aria-describedby={`${id}-count`}
        onClick={() => setOpen((current) => !current)}
        // Fetched on the way to a click, so that the panel opens at once.
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        data-testid="bell"
      >
        <svg className="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <span className="visually-hidden">{t('notifications.bell')}</span>
        {count > 0 && (
          <span className="bell__count" aria-hidden="true" data-testid="bell-count">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      <span id={`${id}-count`} className="visually-hidden" role="status" aria-live="polite" data-testid="bell-status">
        {count > 0 ? t('notifications.unread', { count }) : ''}
      </span>
      {open && (
        <Suspense
          fallback={
            <div className="notifications-panel" id={`${id}-panel`}>
              <p className="notifications__status">{t('app.loading')}</p>
            </div>
          }
        >
          <NotificationsPanel id={`${id}-panel`} onClose={close} />
        </Suspense>
      )}
    </div>
  );
}
