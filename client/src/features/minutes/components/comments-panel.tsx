import type { CommentAnchor, MinutesComment, MinutesSection } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimestamp } from '../../../lib/dates.ts';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { useComments, useCreateComment, useResolveComment } from '../hooks/use-minutes.ts';
import '../load-strings.ts';

/** A passage picked in a section, to start a thread on. */
export interface CommentDraft {
  sectionId: string;
  quote: string;
  anchor: CommentAnchor | null;
}

interface CommentsPanelProps {
  minutesId: string;
  sections: readonly Pick<MinutesSection, 'id' | 'number' | 'title'>[];
  /** Comments may be added (circulated minutes; the server decides). */
  canComment: boolean;
  draft: CommentDraft | null;
  onDraftDone: () => void;
  /** Shows a thread's passage in its section (scrolled to and marked). */
  onShowPassage?: (comment: MinutesComment) => void;
}

interface Thread {
  head: MinutesComment;
  replies: MinutesComment[];
}

export function groupThreads(comments: readonly MinutesComment[]): Thread[] {
  const threads = new Map<string, Thread>();
  for (const comment of comments) if (!comment.parentId) threads.set(comment.id, { head: comment, replies: [] });
  for (const comment of comments) if (comment.parentId) threads.get(comment.parentId)?.replies.push(comment);
  return [...threads.values()];
}

function When({ at }: { at: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={at}>{formatTimestamp(at, i18n.language)}</time>;
}

function ReplyForm({ minutesId, thread, canComment }: { minutesId: string; thread: MinutesComment; canComment: boolean }) {
  const { t } = useTranslation();
  const create = useCreateComment(minutesId);
  const [body, setBody] = useState('');
  const id = useId();
  if (!canComment) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    create.mutate({ parentId: thread.id, body }, { onSuccess: () => setBody('') });
  };
  return (
    <form className="minutes-comment__reply" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t('minutes.comments.replyLabel', { name: thread.authorName })}
      </label>
      <textarea id={id} rows={2} value={body} onChange={(event) => setBody(event.target.value)} placeholder={t('minutes.comments.reply')} />
      <button type="submit" className="button button--small" disabled={create.isPending || !body.trim()}>
        {t('minutes.comments.send')}
      </button>
      {create.isError && (
        <p className="notice notice--error" role="alert">
          {t('minutes.comments.failed')}
        </p>
      )}
    </form>
  );
}

function ThreadView({
  minutesId,
  thread,
  sectionLabel,
  canComment,
  onShowPassage,
}: {
  minutesId: string;
  thread: Thread;
  sectionLabel: string;
  canComment: boolean;
  onShowPassage?: (comment: MinutesComment) => void;
}) {
  const { t } = useTranslation();
  const resolve = useResolveComment();
  const { head } = thread;
  return (
    <li
      className={`minutes-thread${head.resolved ? ' minutes-thread--resolved' : ''}`}
      data-testid="comment-thread"
      data-resolved={head.resolved}
    >
      <p className="minutes-thread__where muted">{sectionLabel}</p>
      {head.quote &&
        (onShowPassage && head.anchor ? (
          <button
            type="button"
            className="minutes-thread__show"
            onClick={() => onShowPassage(head)}
            aria-label={t('minutes.comments.showPassage', { quote: head.quote })}
          >
            <blockquote className="minutes-thread__quote">{head.quote}</blockquote>
          </button>
        ) : (
          <blockquote className="minutes-thread__quote">{head.quote}</blockquote>
        ))}
      <p className="minutes-comment__body">{head.body}</p>
      <p className="minutes-comment__by muted">
        {head.authorName}, <When at={head.createdAt} />
      </p>
      {thread.replies.length > 0 && (
        <ul className="minutes-thread__replies">
          {thread.replies.map((reply) => (
            <li key={reply.id} className="minutes-comment" data-testid="comment-reply">
              <p className="minutes-comment__body">{reply.body}</p>
              <p className="minutes-comment__by muted">
                {reply.authorName}, <When at={reply.createdAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {!head.resolved && <ReplyForm minutesId={minutesId} thread={head} canComment={canComment} />}
      {canComment && (
        <SmallButton disabled={resolve.isPending} onClick={() => resolve.mutate({ comment: head, resolved: !head.resolved })}>
          {head.resolved ? t('minutes.comments.reopen') : t('minutes.comments.resolve')}
        </SmallButton>
      )}
      {resolve.isError && (
        <p className="notice notice--error" role="alert">
          {t('minutes.comments.failed')}
        </p>
      )}
    </li>
  );
}

/** Threads anchored to passages of the sections: read, reply, resolve; a new one from a selection. */
export function CommentsPanel({ minutesId, sections, canComment, draft, onDraftDone, onShowPassage }: CommentsPanelProps) {
  const { t } = useTranslation();
  const comments = useComments(minutesId);
  const create = useCreateComment(minutesId);
  const [body, setBody] = useState('');
  const [showResolved, setShowResolved] = useState(false);
  const bodyId = useId();
  const numberOf = new Map(sections.map((section) => [section.id, section.number]));
  const threads = groupThreads(comments.data ?? []);
  const shown = threads.filter((thread) => showResolved || !thread.head.resolved);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !body.trim()) return;
    create.mutate(
      { sectionId: draft.sectionId, quote: draft.quote, anchor: draft.anchor, body },
      {
        onSuccess: () => {
          setBody('');
          onDraftDone();
        },
      },
    );
  };

  return (
    <aside className="minutes-comments" aria-labelledby="minutes-comments-heading" data-testid="comments-panel">
      <h2 id="minutes-comments-heading">{t('minutes.comments.heading')}</h2>
      {draft && canComment && (
        <form className="minutes-comments__new" onSubmit={submit} data-testid="new-comment">
          <p className="muted">
            {t('minutes.comments.section', { number: numberOf.get(draft.sectionId) ?? '' })} ·{' '}
            {t('minutes.comments.on', { quote: draft.quote.length > 120 ? `${draft.quote.slice(0, 120)}…` : draft.quote })}
          </p>
          <label htmlFor={bodyId}>{t('minutes.comments.body')}</label>
          <textarea id={bodyId} rows={3} value={body} onChange={(event) => setBody(event.target.value)} />
          <div className="minutes-comments__buttons">
            <button type="submit" className="button button--small button--primary" disabled={create.isPending || !body.trim()}>
              {t('minutes.comments.post')}
            </button>
            <SmallButton onClick={onDraftDone}>{t('minutes.workflow.cancel')}</SmallButton>
          </div>
          {create.isError && (
            <p className="notice notice--error" role="alert">
              {t('minutes.comments.failed')}
            </p>
          )}
        </form>
      )}
      {comments.isPending && <p className="muted">{t('minutes.loading')}</p>}
      {comments.isError && !comments.data && <p className="notice notice--error">{t('minutes.comments.loadFailed')}</p>}
      {comments.data && threads.length === 0 && <p className="muted">{t('minutes.comments.empty')}</p>}
      {threads.some((thread) => thread.head.resolved) && (
        <label className="minutes-comments__toggle">
          <input type="checkbox" checked={showResolved} onChange={(event) => setShowResolved(event.target.checked)} />{' '}
          {t('minutes.comments.showResolved')}
        </label>
      )}
      <ul className="minutes-comments__threads">
        {shown.map((thread) => (
          <ThreadView
            key={thread.head.id}
            minutesId={minutesId}
            thread={thread}
            canComment={canComment}
            onShowPassage={onShowPassage}
            sectionLabel={t('minutes.comments.section', { number: numberOf.get(thread.head.sectionId) ?? '?' })}
          />
        ))}
      </ul>
    </aside>
  );
}
