import type { ProgressUpdate } from '@sidang/shared';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatRelative, formatTimestamp } from '../../../lib/dates.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import '../action-items.css';

export interface ProgressThreadProps {
  updates: readonly ProgressUpdate[] | undefined;
  state: 'pending' | 'error' | 'success';
  onRetry: () => void;
  currentUserId: string | undefined;
  canPost: boolean;
  posting: boolean;
  postError?: string;
  /** Resolves true when the update was stored (the draft is then cleared). */
  onPost: (body: string) => Promise<boolean>;
}

/** The progress thread of one action item; others' new updates are announced to screen readers. */
export function ProgressThread({ updates, state, onRetry, currentUserId, canPost, posting, postError, onPost }: ProgressThreadProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!updates) return;
    if (seen.current) {
      const fresh = updates.filter((u) => !seen.current?.has(u.id) && u.authorId !== currentUserId);
      const last = fresh[fresh.length - 1];
      if (last) setAnnouncement(t('progress.newUpdate', { name: last.authorName }));
    }
    seen.current = new Set(updates.map((u) => u.id));
  }, [updates, currentUserId, t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    if (await onPost(body)) setDraft('');
  };

  return (
    <section className="thread" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('progress.title')}</h2>
      <p className="visually-hidden" aria-live="polite" data-testid="progress-announcement">
        {announcement}
      </p>
      {state === 'pending' && <p className="muted">{t('app.loading')}</p>}
      {state === 'error' && <RetryNotice message={t('app.errorGeneric')} onRetry={onRetry} />}
      {state === 'success' && (!updates || updates.length === 0) && <p className="muted">{t('progress.empty')}</p>}
      {updates && updates.length > 0 && (
        <ol className="thread__list">
          {updates.map((update) => (
            <li key={update.id} className="thread__item" data-testid="progress-update">
              <p className="thread__meta">
                <strong>{update.authorName}</strong>{' '}
                <time dateTime={update.createdAt} title={formatTimestamp(update.createdAt, i18n.language)}>
                  {t('time.ago', { distance: formatRelative(update.createdAt, i18n.language) })}
                </time>
              </p>
              <p className="thread__body">{update.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canPost ? (
        <form className="thread__form" onSubmit={submit}>
          <label htmlFor={`${id}-body`}>{t('progress.body')}</label>
          <textarea
            id={`${id}-body`}
            name="body"
            rows={3}
            maxLength={5000}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            data-testid="progress-body"
            aria-describedby={postError ? `${id}-error` : undefined}
          />
          {postError && (
            <p className="field__error" id={`${id}-error`} role="alert">
              {postError}
            </p>
          )}
          <button type="submit" className="button button--primary" data-testid="progress-submit" disabled={posting || !draft.trim()}>
            {posting ? t('progress.submitting') : t('progress.submit')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('progress.readOnly')}</p>
      )}
    </section>
  );
}
