import type { ActionItem, Attendee, Committee, Guest, MinutesRecord, MinutesSection } from '@sidang/shared';
import { personLabel } from '@sidang/shared/constants';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { useConnectionState } from '../../../lib/realtime/realtime-provider.tsx';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { useActionItems } from '../../action-items/index.ts';
import { useMe } from '../../auth/index.ts';
import { useCommittee, useCommitteeName } from '../../committees/index.ts';
import type { LiveMeeting } from '../../meetings/index.ts';
import { canManageMeetings, SectionDecisions, useAttendance, useMeeting } from '../../meetings/index.ts';
import { downloadMinutesPdf } from '../api/minutes-api.ts';
import type { DocRefusal } from '../collab/socket-yjs-provider.ts';
import { useComments, useMinutes } from '../hooks/use-minutes.ts';
import { useSectionDoc } from '../hooks/use-section-doc.ts';
import { ActionLineView, RaiseActionForm } from './action-line.tsx';
import type { AnchoredThread } from './comment-anchors.ts';
import { type CommentDraft, CommentsPanel } from './comments-panel.tsx';
import type { SectionSelection } from './section-editor.tsx';
import { VersionsPanel } from './versions-compare.tsx';
import { WorkflowBar } from './workflow-bar.tsx';
import '../minutes.css';
import '../load-strings.ts';

// The editor (TipTap, ProseMirror) is the heaviest part of the page: its own chunk.
const SectionEditor = lazy(() => import('./section-editor.tsx'));

const CARET_COLOURS = ['#b3261e', '#1d6fb8', '#0b7a3e', '#8a4baf', '#9a4a00', '#00758f', '#a0306e', '#5b6b00'];

/** A stable colour per person for their caret. */
export function caretColour(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return CARET_COLOURS[hash % CARET_COLOURS.length] ?? '#1d6fb8';
}

function formatIn(lng: string, options: Intl.DateTimeFormatOptions, iso: string): string {
  return new Intl.DateTimeFormat(lng === 'ms' ? 'ms-MY' : 'en-GB', { timeZone: 'Asia/Kuala_Lumpur', ...options }).format(new Date(iso));
}

function HouseHeader({ meeting, committee }: { meeting: LiveMeeting; committee: Committee | undefined }) {
  const { t, i18n } = useTranslation();
  const committeeName = useCommitteeName();
  const time = (iso: string) => formatIn(i18n.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, iso);
  return (
    <header className="minutes-house" data-testid="minutes-header">
      <p className="minutes-house__marking">
        <ClassificationBadge level={meeting.classification} />
      </p>
      <h1>
        {t('minutes.title')}
        <span className="minutes-house__meeting">
          {committee ? t('minutes.header.meetingOf', { committee: committeeName(committee) }) : meeting.title}
        </span>
      </h1>
      <p className="minutes-house__title">{meeting.title}</p>
      <dl className="minutes-house__facts">
        <div>
          <dt>{t('minutes.header.number')}</dt>
          <dd data-testid="minutes-number">{(meeting.number ?? '').replace(/^Bil\.\s*/, '')}</dd>
        </div>
        <div>
          <dt>{t('minutes.header.date')}</dt>
          <dd>{formatIn(i18n.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, meeting.startsAt)}</dd>
        </div>
        <div>
          <dt>{t('minutes.header.time')}</dt>
          <dd>{meeting.endsAt ? `${time(meeting.startsAt)}–${time(meeting.endsAt)}` : time(meeting.startsAt)}</dd>
        </div>
        <div>
          <dt>{t('minutes.header.venue')}</dt>
          <dd>{meeting.venue || t('minutes.header.noVenue')}</dd>
        </div>
      </dl>
    </header>
  );
}

/** What the offline notice says: only someone who may type is told their typing is kept. */
export function offlineNoticeKey(canManage: boolean, status: string): 'minutes.offlineBanner' | 'minutes.offlineReadOnly' {
  return canManage && status === 'draft' ? 'minutes.offlineBanner' : 'minutes.offlineReadOnly';
}

/**
 * Attendance blocks in the house order: present (chair first), in attendance (with the meeting's
 * guests who are not members), apologies, secretariat.
 */
export function attendanceBlocks(attendees: readonly Attendee[], guests: readonly Guest[] = []) {
  const byName = (a: Attendee, b: Attendee) => a.name.localeCompare(b.name);
  const guestRows = guests.map(
    (guest): Attendee => ({ userId: guest.id, name: guest.name, agency: guest.agency, role: 'guest', status: 'in_attendance' }),
  );
  const present = attendees.filter((a) => a.status === 'present' && a.role !== 'secretariat' && a.role !== 'guest');
  return {
    present: [...present.filter((a) => a.role === 'chair').sort(byName), ...present.filter((a) => a.role !== 'chair').sort(byName)],
    inAttendance: [
      // The secretariat has a block of its own: named once, there.
      ...attendees.filter(
        (a) => a.role !== 'secretariat' && (a.status === 'in_attendance' || (a.status === 'present' && a.role === 'guest')),
      ),
      ...guestRows,
    ].sort(byName),
    apologies: attendees.filter((a) => a.status === 'apologies').sort(byName),
    secretariat: attendees.filter((a) => a.role === 'secretariat' && (a.status === 'present' || a.status === 'in_attendance')).sort(byName),
  };
}

function AttendanceBlocks({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const attendance = useAttendance(meetingId);
  if (!attendance.data) {
    return attendance.isError ? <p className="muted">{t('minutes.attendance.loadFailed')}</p> : null;
  }
  const blocks = attendanceBlocks(attendance.data.attendees, attendance.data.guests ?? []);
  const list = (key: keyof typeof blocks, label: string) => (
    <section className="minutes-attendance__block" data-testid={`attendance-${key}`}>
      <h3>{label}</h3>
      {blocks[key].length === 0 ? (
        <p className="muted">{t('minutes.attendance.none')}</p>
      ) : (
        <ol>
          {blocks[key].map((person) => (
            <li key={person.userId}>
              {personLabel(person)}
              {key === 'present' && person.role === 'chair' && <strong> {t('minutes.attendance.chairSuffix')}</strong>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
  return (
    <section className="minutes-attendance" aria-labelledby="minutes-attendance-heading">
      <h2 id="minutes-attendance-heading">{t('minutes.attendance.heading')}</h2>
      {list('present', t('minutes.attendance.present'))}
      {list('inAttendance', t('minutes.attendance.inAttendance'))}
      {list('apologies', t('minutes.attendance.apologies'))}
      {list('secretariat', t('minutes.attendance.secretariat'))}
    </section>
  );
}

/** What the notice says for each reason the server did not take an edit. */
const REFUSAL_TEXT: Record<DocRefusal, string> = {
  'read-only': 'minutes.section.refusedWords',
  'too-deep': 'minutes.section.refusedTooDeep',
  'too-large': 'minutes.section.refusedTooLarge',
  invalid: 'minutes.section.refusedInvalid',
};

/** Words the server did not take (editing had ended, or beyond the limits): calmly offered to copy, never silently gone. */
function RefusedWords({ text, reason, onDismiss }: { text: string; reason: DocRefusal; onDismiss: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="notice minutes-refused minutes-no-print" role="status" data-testid="section-refused-words">
      <p>{t(REFUSAL_TEXT[reason])}</p>
      <textarea readOnly value={text} aria-label={t('minutes.section.refusedWordsLabel')} rows={Math.min(6, text.split('\n').length + 1)} />
      <div className="minutes-refused__actions">
        <SmallButton
          look="plain"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? t('minutes.section.copied') : t('minutes.section.copyRefused')}
        </SmallButton>
        <SmallButton onClick={onDismiss}>{t('minutes.section.dismiss')}</SmallButton>
      </div>
    </div>
  );
}

function PlainText({ text }: { text: string }) {
  return (
    <div className="minutes-editor minutes-editor--readonly">
      <div className="minutes-editor__text minutes-editor__plain">{text}</div>
    </div>
  );
}

interface SectionBlockProps {
  section: MinutesSection;
  record: MinutesRecord;
  committeeId: string;
  canManage: boolean;
  canComment: boolean;
  user: { id: string; name: string };
  actionItems: readonly Pick<ActionItem, 'id' | 'title' | 'status'>[];
  onComment: (draft: CommentDraft) => void;
  threads?: readonly AnchoredThread[];
  focusedThreadId?: string | null;
}

function SectionBlock({
  section,
  record,
  committeeId,
  canManage,
  canComment,
  user,
  actionItems,
  onComment,
  threads,
  focusedThreadId,
}: SectionBlockProps) {
  const { t } = useTranslation();
  const shared = useSectionDoc(section.id, user.id, {
    committeeId: section.committeeId,
    meetingId: section.meetingId,
    classification: section.classification,
  });
  const [selection, setSelection] = useState<SectionSelection | null>(null);
  const [raising, setRaising] = useState<string | null>(null);
  // Raising an action and commenting both quote the words selected in the section.
  const needsSelection = { disabled: !selection, title: selection ? undefined : t('minutes.section.selectFirst') };
  const state = shared?.state;
  const draft = record.status === 'draft';
  // Offline (or before the server answered) the last known rights hold, so typing is never refused
  // locally; the server has the last word when the text is sent.
  const mayEdit =
    draft &&
    canManage &&
    state !== undefined &&
    state.status !== 'refused' &&
    (state.status === 'synced' || state.status === 'syncing' ? state.canEdit : true);
  const caretUser = useMemo(() => ({ name: user.name, color: caretColour(user.id) }), [user.name, user.id]);
  // The minutes moved (back to draft, or out of it): the document is joined again for the rights
  // that hold now, so an open editor becomes editable (or read-only) without a reload.
  const provider = shared?.provider;
  const seenStatus = useRef(record.status);
  useEffect(() => {
    if (seenStatus.current === record.status) return;
    seenStatus.current = record.status;
    provider?.refresh();
  }, [record.status, provider]);
  // Only an editor sees whether the text has reached the server; readers have nothing to save.
  const showSaveState = state !== undefined && (mayEdit || state.saving || state.pending);
  const docEmpty = shared ? shared.doc.getXmlFragment('default').length === 0 : true;
  const showPlain = !shared?.loaded || (docEmpty && state?.status !== 'synced' && Boolean(section.text));
  const headingId = `section-${section.id}`;

  return (
    <section
      className="minutes-section"
      aria-labelledby={headingId}
      data-testid="minutes-section"
      data-section-id={section.id}
      data-sync-status={state?.status}
    >
      <div className="minutes-section__head">
        <h3 id={headingId}>
          <span className="minutes-section__number">{section.number}.</span> {section.title}
        </h3>
        <ClassificationBadge level={section.classification} />
        {state && showSaveState && (
          <span
            className={`minutes-section__sync minutes-section__sync--${state.status} minutes-no-print`}
            data-testid="section-sync"
            data-status={state.status}
            data-saving={state.saving ? 'true' : 'false'}
          >
            {state.pending
              ? t('minutes.section.pending')
              : state.saving
                ? t('minutes.section.saving')
                : t(`minutes.section.status.${state.status}`)}
          </span>
        )}
      </div>
      {shared?.refused && <RefusedWords text={shared.refused.text} reason={shared.refused.reason} onDismiss={shared.dismissRefused} />}
      {state?.status === 'refused' ? (
        <p className="muted" data-testid="section-refused">
          {t('minutes.section.status.refused')}
        </p>
      ) : showPlain || !shared ? (
        <PlainText text={section.text} />
      ) : (
        <Suspense fallback={<PlainText text={section.text} />}>
          <SectionEditor
            doc={shared.doc}
            provider={shared.provider}
            editable={mayEdit}
            user={caretUser}
            label={t('minutes.section.editorLabel', { number: section.number, title: section.title })}
            onSelection={setSelection}
            threads={threads}
            focusedThreadId={focusedThreadId}
          />
        </Suspense>
      )}
      <SectionDecisions agendaItemId={section.agendaItemId} number={section.number} />
      <ActionLineView section={section} committeeId={committeeId} actionItems={actionItems} canEdit={draft && canManage} />
      {/* The passage tools belong to a selection: shown once words are selected, not greyed out. */}
      {(canManage || canComment) && selection && (
        <div className="minutes-section__tools minutes-no-print">
          {canManage && (
            <SmallButton {...needsSelection} data-testid="raise-from-selection" onClick={() => selection && setRaising(selection.quote)}>
              {t('minutes.section.raiseAction')}
            </SmallButton>
          )}
          {canComment && (
            <SmallButton
              {...needsSelection}
              data-testid="comment-on-selection"
              onClick={() => selection && onComment({ sectionId: section.id, quote: selection.quote, anchor: selection.anchor })}
            >
              {t('minutes.section.comment')}
            </SmallButton>
          )}
        </div>
      )}
      {raising !== null && <RaiseActionForm section={section} committeeId={committeeId} quote={raising} onDone={() => setRaising(null)} />}
    </section>
  );
}

function PdfButton({ record, fileName }: { record: MinutesRecord; fileName: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <SmallButton
        look="plain"
        data-testid="minutes-pdf"
        disabled={busy}
        onClick={() => {
          setFailed(false);
          setBusy(true);
          downloadMinutesPdf(record.id, fileName)
            .catch(() => setFailed(true))
            .finally(() => setBusy(false));
        }}
      >
        {t('minutes.pdf')}
      </SmallButton>
      {failed && (
        <span className="notice notice--error" role="alert">
          {t('minutes.pdfFailed')}
        </span>
      )}
    </>
  );
}

/** `/c/:committeeId/meetings/:meetingId/minutes`: the minutes of one meeting, co-edited live. */
export function MinutesPage() {
  const { t } = useTranslation();
  const { committeeId = '', meetingId = '' } = useParams();
  const me = useMe();
  const committee = useCommittee(committeeId);
  const meeting = useMeeting(meetingId);
  const { full, record, sections } = useMinutes(meetingId);
  const actionItems = useActionItems(committeeId);
  const connection = useConnectionState();
  const canManage = canManageMeetings(committee.data?.role);
  const canComment = record?.status === 'circulated' || record?.status === 'draft';
  const comments = useComments(record?.id, Boolean(record));
  const [commentDraft, setCommentDraft] = useState<CommentDraft | null>(null);
  const [focusedThread, setFocusedThread] = useState<string | null>(null);
  const threadsBySection = useMemo(() => {
    const out = new Map<string, AnchoredThread[]>();
    for (const comment of comments.data ?? []) {
      if (comment.parentId || !comment.anchor) continue;
      const list = out.get(comment.sectionId) ?? [];
      list.push({ id: comment.id, anchor: comment.anchor, resolved: comment.resolved });
      out.set(comment.sectionId, list);
    }
    return out;
  }, [comments.data]);
  const view = viewStateOf(full);

  const back = (
    <p className="meeting-back minutes-no-print">
      <Link to={`/c/${committeeId}/meetings/${meetingId}`}>← {t('minutes.backToMeeting')}</Link>
    </p>
  );
  if (view === 'pending') {
    return (
      <div className="minutes-page">
        {back}
        <p className="muted" role="status">
          {t('minutes.loading')}
        </p>
      </div>
    );
  }
  if (view === 'offline') {
    return (
      <div className="minutes-page">
        {back}
        <p className="notice">{t('offline.notCached')}</p>
      </div>
    );
  }
  if (view === 'error' || !record || !sections) {
    return (
      <div className="minutes-page">
        {back}
        {isApiError(full.error, 404) ? (
          <p className="notice">{t('minutes.notFound')}</p>
        ) : (
          <RetryNotice message={t('minutes.loadFailed')} onRetry={() => void full.refetch()} />
        )}
      </div>
    );
  }

  // The sections wait for the user: their documents are kept on the device under the user's id,
  // and an editor must not be swapped for another under the cursor once it is known.
  const user = me.data ? { id: me.data.id, name: me.data.name } : null;
  const showComments = record.status === 'circulated' || (comments.data?.length ?? 0) > 0 || commentDraft !== null;
  // What every section is given alike: the record, who may do what, the actions it may link to.
  const everySection = { record, committeeId, canManage, canComment, actionItems: actionItems.data ?? [], onComment: setCommentDraft };
  return (
    <div
      className={`minutes-page${showComments ? ' minutes-page--with-comments' : ''}`}
      data-testid="minutes-page"
      data-status={record.status}
    >
      {back}
      {connection === 'offline' && (
        <p className="notice minutes-offline minutes-no-print" role="status" data-testid="minutes-offline">
          {t(offlineNoticeKey(canManage, record.status))}
        </p>
      )}
      <div className="minutes-page__main">
        {meeting.data && <HouseHeader meeting={meeting.data} committee={committee.data} />}
        <div className="minutes-toolbar minutes-no-print">
          <WorkflowBar record={record} canManage={canManage} canPublish={committee.data?.role === 'chair'} />
          <div className="minutes-toolbar__output">
            <PdfButton record={record} fileName={`minit-${(meeting.data?.number ?? 'mesyuarat').replace(/[^\w]+/g, '-')}.pdf`} />
            <SmallButton onClick={() => window.print()}>{t('minutes.print')}</SmallButton>
          </div>
        </div>
        <AttendanceBlocks meetingId={meetingId} />
        <section className="minutes-body" aria-label={t('minutes.title')}>
          {sections.length === 0 && <p className="muted">{t('minutes.noSections')}</p>}
          {user &&
            sections.map((section) => (
              <SectionBlock
                key={section.id}
                section={section}
                user={user}
                {...everySection}
                threads={threadsBySection.get(section.id)}
                focusedThreadId={focusedThread}
              />
            ))}
        </section>
        <details className="minutes-versions-wrap minutes-no-print">
          <summary>{t('minutes.versions.heading')}</summary>
          <VersionsPanel minutesId={record.id} />
        </details>
      </div>
      {showComments && (
        <CommentsPanel
          minutesId={record.id}
          sections={sections}
          canComment={canComment}
          draft={commentDraft}
          onDraftDone={() => setCommentDraft(null)}
          onShowPassage={(comment) => setFocusedThread(comment.id)}
        />
      )}
    </div>
  );
}
