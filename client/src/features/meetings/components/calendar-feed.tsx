import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { useCalendarFeed, useRenewCalendarFeed } from '../hooks/use-calendar-feed.ts';
import '../meetings.css';
import '../load-strings.ts';

type Notice = 'copied' | 'copyFailed' | 'renewed' | null;

/**
 * "Subscribe in your calendar": the user's own feed address (every meeting they may see), to
 * copy into a calendar app, and a way to renew it (the old address stops working).
 */
export function CalendarFeedButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={trigger}
        type="button"
        className="button button--ghost"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-testid="calendar-feed-button"
        onClick={() => setOpen((value) => !value)}
      >
        {t('meetings.feed.subscribe')}
      </button>
      {open && (
        <CalendarFeedPanel
          id={panelId}
          onClose={() => {
            setOpen(false);
            trigger.current?.focus();
          }}
        />
      )}
    </>
  );
}

function CalendarFeedPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const feed = useCalendarFeed(true);
  const renew = useRenewCalendarFeed();
  const [notice, setNotice] = useState<Notice>(null);
  const input = useRef<HTMLInputElement>(null);
  const headingId = `${id}-heading`;
  const url = feed.data?.url ?? '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setNotice('copied');
    } catch {
      input.current?.select();
      setNotice('copyFailed');
    }
  };
  const renewAddress = () => {
    if (!window.confirm(t('meetings.feed.confirmRenew'))) return;
    renew.mutate(undefined, { onSuccess: () => setNotice('renewed') });
  };

  return (
    <section
      id={id}
      className="calendar-feed"
      aria-labelledby={headingId}
      data-testid="calendar-feed"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h2 id={headingId} className="calendar-feed__heading">
        {t('meetings.feed.heading')}
      </h2>
      <p className="muted calendar-feed__explain">{t('meetings.feed.explain')}</p>
      {feed.isPending && <p role="status">{t('app.loading')}</p>}
      {feed.isError && <RetryNotice message={t('meetings.feed.loadFailed')} onRetry={() => void feed.refetch()} />}
      {feed.data && (
        <div className="calendar-feed__row">
          <label className="visually-hidden" htmlFor={`${id}-url`}>
            {t('meetings.feed.urlLabel')}
          </label>
          <input
            ref={input}
            id={`${id}-url`}
            className="calendar-feed__url"
            type="text"
            readOnly
            value={url}
            data-testid="calendar-feed-url"
            onFocus={(event) => event.currentTarget.select()}
          />
          <SmallButton look="plain" onClick={() => void copy()} data-testid="calendar-feed-copy">
            {t('meetings.feed.copy')}
          </SmallButton>
          <SmallButton onClick={renewAddress} disabled={renew.isPending} data-testid="calendar-feed-renew">
            {t('meetings.feed.renew')}
          </SmallButton>
          <SmallButton onClick={onClose}>{t('meetings.feed.close')}</SmallButton>
        </div>
      )}
      {renew.isError && (
        <p className="field__error" role="alert">
          {t('meetings.saveFailed')}
        </p>
      )}
      <p role="status" className="calendar-feed__notice" data-testid="calendar-feed-notice">
        {notice ? t(`meetings.feed.${notice}`) : ''}
      </p>
    </section>
  );
}
