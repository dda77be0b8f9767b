import type { Classification, DocumentRecord, PaperStatus } from '@sidang/shared';
import { DEFAULT_UPLOAD_MAX_BYTES, DOCUMENT_EXTENSIONS, documentKindOf, formatBytes, PAPER_STATUSES } from '@sidang/shared/constants';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type DragEvent, type InputHTMLAttributes, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { removeRecord, upsertRecord } from '../../../lib/realtime/cache-apply.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { ClassificationOptions } from '../../../lib/ui/form/classification-select.tsx';
import { belowOriginText, InheritedLevel, useDerivedLevel } from '../../../lib/ui/inherited-level.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { papersApi } from './papers-api.ts';
import '../meetings.css';
import '../load-strings.ts';

/** A short mark per kind, drawn as the row's icon. */
const KIND_MARK: Record<string, string> = {
  pdf: 'PDF',
  docx: 'DOC',
  xlsx: 'XLS',
  pptx: 'PPT',
  png: 'IMG',
  jpeg: 'IMG',
  text: 'TXT',
  csv: 'CSV',
  other: 'FILE',
};

/** A paper's classification, one of every level (the server checks it against the uploader's). */
function PaperClassSelect(props: { name: string; value: Classification; disabled: boolean; onChange: (level: Classification) => void }) {
  const { t } = useTranslation();
  const { name, value, disabled, onChange } = props;
  const label = t('papers.classificationFor', { name });
  return (
    <select
      className="papers__class"
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as Classification)}
    >
      <ClassificationOptions />
    </select>
  );
}

/** What the browser can tell before sending: the server checks the content again. */
export function precheck(file: Pick<File, 'name' | 'size'>, maxBytes = DEFAULT_UPLOAD_MAX_BYTES): 'tooLarge' | 'badType' | null {
  const name = file.name.toLowerCase();
  if (!DOCUMENT_EXTENSIONS.some((extension) => name.endsWith(extension))) return 'badType';
  if (file.size > maxBytes) return 'tooLarge';
  return null;
}

/** The query key of the server's upload limits: read once a session, with the meeting page. */
export const DOCUMENT_LIMITS_KEY = ['document-limits'] as const;

/**
 * The largest file the server takes (its UPLOAD_MAX_BYTES), read once when the first agenda row
 * with an upload button or papers appears; the built-in default until it has answered.
 */
export function useUploadMaxBytes(): number {
  const api = useApi();
  const limits = useQuery({
    queryKey: DOCUMENT_LIMITS_KEY,
    queryFn: () => papersApi.limits(api),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
  return limits.data?.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
}

export function usePapers(parentId: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.documents(parentId), queryFn: () => papersApi.ofParent(api, parentId) });
}

function PaperRow({ paper, canManage, meetingId }: { paper: DocumentRecord; canManage: boolean; meetingId?: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const kind = documentKindOf(paper.mediaType) ?? 'other';
  const download = useMutation({
    mutationFn: () => papersApi.download(paper),
    // Opened: the home no longer lists it among the papers not opened.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.homeAll }),
  });
  const remove = useMutation({
    mutationFn: () => papersApi.remove(api, paper.id, paper.version),
    onSuccess: () => {
      removeRecord(queryClient, 'document', paper.committeeId, paper.id, 'deleted', paper.version + 1);
    },
  });
  const versionInput = useRef<HTMLInputElement>(null);
  const maxBytes = useUploadMaxBytes();
  const [versionMessage, setVersionMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const newVersion = useMutation({
    mutationFn: (file: File) => papersApi.uploadVersion(paper, file),
    onSuccess: (stored) => {
      upsertRecord(queryClient, 'document', stored, stored.committeeId);
      setVersionMessage({ kind: 'done', text: t('papers.versionUploaded', { n: stored.fileVersion, name: stored.title }) });
    },
    onError: (error, file) =>
      setVersionMessage({
        kind: 'error',
        text: isApiError(error, 415)
          ? t('papers.badType', { name: file.name })
          : isApiError(error, 413)
            ? t('papers.tooLarge', { name: file.name, max: formatBytes(maxBytes, i18n.language) })
            : t('papers.uploadFailed'),
      }),
  });
  if (editing) return <PaperEditor paper={paper} onDone={() => setEditing(false)} />;
  return (
    <li className="papers__row" data-testid="paper" data-paper-id={paper.id}>
      <span className={`papers__icon papers__icon--${kind}`} aria-hidden="true">
        {KIND_MARK[kind]}
      </span>
      <button
        type="button"
        className="papers__name"
        title={paper.fileName}
        aria-label={t('papers.download', { name: paper.fileName })}
        onClick={() => download.mutate()}
      >
        {paper.number && <span className="papers__number">{paper.number}</span>} {paper.title}
      </button>
      <span className="papers__meta muted">
        {t(`papers.kinds.${kind}`)} · {formatBytes(paper.size, i18n.language)}
        {paper.fileVersion > 1 && ` · ${t('papers.fileVersion', { n: paper.fileVersion })}`}
        {paper.presenter && ` · ${t('papers.presenter', { name: paper.presenter })}`}
      </span>
      <span className={`papers__status papers__status--${paper.status}`} data-testid="paper-status">
        {t(`papers.status.${paper.status}`)}
      </span>
      {meetingId && (
        <Link
          className="button button--small button--ghost papers__read"
          to={`/c/${paper.committeeId}/meetings/${meetingId}/papers/${paper.id}`}
          aria-label={t('papers.readFor', { name: paper.title })}
          data-testid="paper-read"
        >
          {t('papers.read')}
        </Link>
      )}
      <ClassificationBadge level={paper.classification} />
      {canManage &&
        (confirming ? (
          <span className="papers__confirm">
            <span className="papers__confirm-text">{t('papers.confirmDelete', { name: paper.title })}</span>
            <SmallButton look="plain" className="button--danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              {t('papers.confirm')}
            </SmallButton>
            <SmallButton look="plain" onClick={() => setConfirming(false)}>
              {t('papers.cancel')}
            </SmallButton>
          </span>
        ) : (
          <>
            <input
              ref={versionInput}
              type="file"
              hidden
              accept={DOCUMENT_EXTENSIONS.join(',')}
              data-testid="paper-version-file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (!file) return;
                setVersionMessage(null);
                newVersion.mutate(file);
              }}
            />
            <SmallButton
              aria-label={t('papers.newVersionFor', { name: paper.title })}
              disabled={newVersion.isPending}
              onClick={() => versionInput.current?.click()}
            >
              {t('papers.newVersion')}
            </SmallButton>
            <SmallButton
              className="papers__edit"
              aria-label={t('papers.editFor', { name: paper.fileName })}
              data-testid="paper-edit"
              onClick={() => setEditing(true)}
            >
              {t('papers.edit')}
            </SmallButton>
            <button
              type="button"
              className="papers__delete"
              aria-label={t('papers.deleteFor', { name: paper.fileName })}
              onClick={() => {
                remove.reset();
                setConfirming(true);
              }}
            >
              ×
            </button>
          </>
        ))}
      {versionMessage && (
        <span
          className={versionMessage.kind === 'error' ? 'field__error papers__error' : 'muted papers__error'}
          role={versionMessage.kind === 'error' ? 'alert' : 'status'}
        >
          {versionMessage.text}
        </span>
      )}
      {(download.isError || remove.isError) && (
        <span className="field__error papers__error" role="alert">
          {download.isError ? t('papers.downloadFailed') : t('papers.deleteFailed')}
        </span>
      )}
    </li>
  );
}

/**
 * Rename or reclassify a paper in its row (PATCH with the version it was based on). The stored
 * record replaces the cached one at once, and every other screen gets it from the live event.
 */
function PaperEditor({ paper, onDone }: { paper: DocumentRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(paper.title);
  const [classification, setClassification] = useState<Classification>(paper.classification);
  const [number, setNumber] = useState(paper.number ?? '');
  const [status, setStatus] = useState<PaperStatus>(paper.status);
  const [base, setBase] = useState(paper);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      papersApi.update(api, paper.id, {
        version: base.version,
        title: title.trim(),
        classification,
        ...(status !== base.status ? { status } : {}),
        ...(number.trim() && number.trim() !== base.number ? { number: number.trim() } : {}),
      }),
    onSuccess: (stored) => {
      upsertRecord(queryClient, 'document', stored, stored.committeeId);
      onDone();
    },
    onError: (error) => {
      if (isApiError(error, 409) && error.body.current) {
        const current = error.body.current as DocumentRecord;
        upsertRecord(queryClient, 'document', current, current.committeeId);
        setBase(current);
        setTitle(current.title);
        setClassification(current.classification);
        setNumber(current.number ?? '');
        setStatus(current.status);
        setProblem(t('papers.changedMeanwhile'));
      } else setProblem(t('papers.saveFailed'));
    },
  });
  return (
    <li className="papers__row papers__row--editing" data-testid="paper-editor" data-paper-id={paper.id}>
      <form
        className="papers__edit-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (title.trim() === '') {
            setProblem(t('papers.titleRequired'));
            return;
          }
          setProblem(null);
          save.mutate();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
        }}
      >
        <input
          className="papers__title-input"
          aria-label={t('papers.titleFor', { name: paper.fileName })}
          // biome-ignore lint/a11y/noAutofocus: opened by a click on its own Edit button
          autoFocus
          {...paperText('title', title, setTitle, save.isPending)}
        />
        <input
          className="papers__number-input"
          aria-label={t('papers.numberFor', { name: paper.fileName })}
          {...paperText('number', number, setNumber, save.isPending)}
        />
        <select
          className="papers__class"
          aria-label={t('papers.statusFor', { name: paper.fileName })}
          value={status}
          disabled={save.isPending}
          onChange={(event) => setStatus(event.target.value as PaperStatus)}
        >
          {PAPER_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`papers.status.${value}`)}
            </option>
          ))}
        </select>
        <PaperClassSelect name={paper.fileName} value={classification} disabled={save.isPending} onChange={setClassification} />
        <button type="submit" className="button button--small" disabled={save.isPending} data-testid="paper-save">
          {t('papers.save')}
        </button>
        <SmallButton disabled={save.isPending} onClick={onDone}>
          {t('papers.cancel')}
        </SmallButton>
        {problem && (
          <span className="field__error papers__error" role="alert">
            {problem}
          </span>
        )}
      </form>
    </li>
  );
}

/**
 * A file chosen for an item but not sent yet, or why it was refused before sending. Shared by the
 * item's upload button (in its row) and its papers panel (below it): nothing takes room on the
 * agenda until a file is chosen.
 */
type Pending = { file: File } | { refused: 'tooLarge' | 'badType'; name: string; maxBytes: number };
const pendingByParent = new Map<string, Pending>();
const pendingListeners = new Set<() => void>();

function setPending(parentId: string, pending: Pending | null): void {
  if (pending) pendingByParent.set(parentId, pending);
  else pendingByParent.delete(parentId);
  for (const listener of pendingListeners) listener();
}

function usePending(parentId: string): Pending | undefined {
  return useSyncExternalStore(
    (listener) => {
      pendingListeners.add(listener);
      return () => pendingListeners.delete(listener);
    },
    () => pendingByParent.get(parentId),
  );
}

function choose(parentId: string, file: File | undefined, maxBytes: number): void {
  if (!file) return;
  const refused = precheck(file, maxBytes);
  setPending(parentId, refused ? { refused, name: file.name, maxBytes } : { file });
}

/**
 * The upload button of an agenda item's row (chair, secretariat): opens the file picker, and
 * takes a file dropped on it. The choice then waits below the row for its classification.
 */
export function PaperUploadButton({ parentId, number }: { parentId: string; number: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const maxBytes = useUploadMaxBytes();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    choose(parentId, event.target.files?.[0], maxBytes);
    event.target.value = '';
  };
  const onDrop = (event: DragEvent<HTMLButtonElement>) => {
    event.preventDefault();
    setDragging(false);
    choose(parentId, event.dataTransfer.files[0], maxBytes);
  };
  return (
    <>
      <input
        ref={input}
        type="file"
        className="papers__file"
        hidden
        accept={DOCUMENT_EXTENSIONS.join(',')}
        onChange={onChange}
        data-testid="paper-file"
      />
      <button
        type="button"
        className={`button button--small button--ghost papers__add${dragging ? ' papers__add--over' : ''}`}
        aria-label={t('papers.uploadFor', { number })}
        title={t('papers.dropHere')}
        data-testid="paper-drop"
        onClick={() => input.current?.click()}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {t('papers.upload')}
      </button>
    </>
  );
}

/** The agenda item a paper goes to. */
interface UploadTarget {
  committeeId: string;
  parentId: string;
  number: string;
  /** What the paper inherits from its item (and the item's meeting). */
  defaultClassification: Classification;
}

/** The longest title and number the server takes for a paper. */
const PAPER_TEXT_MAX = { title: 300, number: 40 } as const;

/** What a paper's title or number box is, wherever it is typed (on upload, in a row's editor). */
function paperText(name: keyof typeof PAPER_TEXT_MAX, value: string, onChange: (value: string) => void, disabled: boolean) {
  return {
    name,
    value,
    maxLength: PAPER_TEXT_MAX[name],
    disabled,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value),
  } satisfies InputHTMLAttributes<HTMLInputElement>;
}

/** One labelled text box of a paper being uploaded (its title, its number). */
function PaperTextField({ label, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; 'data-testid': string }) {
  return (
    <label className="papers__field">
      <span className="papers__field-label">{label}</span>
      <input {...input} />
    </label>
  );
}

function PaperUpload({
  target,
  file,
  onMessage,
}: {
  target: UploadTarget;
  file: File;
  onMessage: (message: { kind: 'error' | 'done'; text: string } | null) => void;
}) {
  const { committeeId, parentId, number, defaultClassification } = target;
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const inherited = { level: defaultClassification, from: t('derived.fromItem', { number }) };
  const derived = useDerivedLevel(inherited);
  const { classification, setClassification } = derived;
  const [progress, setProgress] = useState<number | null>(null);
  const [title, setTitle] = useState(() => file.name.replace(/\.[^.]+$/, ''));
  const [paperNumber, setPaperNumber] = useState('');
  const maxBytes = useUploadMaxBytes();
  const upload = useMutation({
    mutationFn: () =>
      papersApi.upload({
        committeeId,
        parentId,
        ...derived.payload(),
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(paperNumber.trim() ? { number: paperNumber.trim() } : {}),
        file,
        onProgress: setProgress,
      }),
    onSuccess: (paper) => {
      upsertRecord(queryClient, 'document', paper, committeeId);
      onMessage({ kind: 'done', text: t('papers.uploaded', { name: paper.fileName }) });
      setPending(parentId, null);
    },
    onError: (error) => {
      const text = isApiError(error, 413)
        ? t('papers.tooLarge', { name: file.name, max: formatBytes(maxBytes, i18n.language) })
        : isApiError(error, 415)
          ? t('papers.badType', { name: file.name })
          : (belowOriginText(t, error) ?? t('papers.uploadFailed'));
      onMessage({ kind: 'error', text });
    },
    onSettled: () => setProgress(null),
  });
  return (
    <div className="papers__upload" data-testid="paper-pending">
      <span className="papers__pending-name">
        {file.name} · {formatBytes(file.size, i18n.language)}
      </span>
      <PaperTextField label={t('papers.titleLabel')} data-testid="paper-title" {...paperText('title', title, setTitle, upload.isPending)} />
      <PaperTextField
        label={t('papers.numberLabel')}
        placeholder={t('papers.numberPlaceholder')}
        data-testid="paper-number"
        {...paperText('number', paperNumber, setPaperNumber, upload.isPending)}
      />
      <PaperClassSelect name={file.name} value={classification} disabled={upload.isPending} onChange={setClassification} />
      <SmallButton
        look="plain"
        disabled={upload.isPending}
        onClick={() => {
          if (derived.check()) upload.mutate();
        }}
      >
        {t('papers.send')}
      </SmallButton>
      <SmallButton
        disabled={upload.isPending}
        onClick={() => {
          onMessage(null);
          setPending(parentId, null);
        }}
      >
        {t('papers.cancel')}
      </SmallButton>
      <InheritedLevel {...derived.fieldProps} disabled={upload.isPending} />
      {progress !== null && (
        <progress className="papers__progress" max={100} value={Math.round(progress * 100)} aria-label={t('papers.progress')} />
      )}
    </div>
  );
}

/**
 * The papers of one agenda item: a dense list (kind, size, classification; a click downloads),
 * live through the entity registry; for chair and secretariat, the file chosen with the row's
 * `PaperUploadButton` (classified, then sent with progress) and delete with confirmation.
 * Nothing takes room while the item has no papers and no file is chosen.
 */
export function PapersPanel({
  committeeId,
  parentId,
  number,
  canManage,
  meetingId,
  defaultClassification = 'OPEN',
}: {
  committeeId: string;
  parentId: string;
  number: string;
  canManage: boolean;
  /** The meeting the papers' item is in: a paper opens in the in-app reader there. */
  meetingId?: string;
  /** The level a new paper starts at: its item's (a paper is usually as sensitive as its item). */
  defaultClassification?: Classification;
}) {
  const { t, i18n } = useTranslation();
  const papers = usePapers(parentId);
  const pending = usePending(parentId);
  // Read with the first panel, so the limit is known before anyone picks a file.
  useUploadMaxBytes();
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  // A new choice replaces what was said about the last one.
  useEffect(() => {
    if (pending) setMessage(null);
  }, [pending]);
  const state = viewStateOf(papers);
  const list = papers.data ?? [];
  const refusal =
    pending && 'refused' in pending
      ? pending.refused === 'tooLarge'
        ? t('papers.tooLarge', { name: pending.name, max: formatBytes(pending.maxBytes, i18n.language) })
        : t('papers.badType', { name: pending.name })
      : null;
  const shown = refusal ? { kind: 'error' as const, text: refusal } : message;
  if (list.length === 0 && state !== 'error' && !pending && !shown) return null;
  return (
    <section className="papers" aria-label={t('papers.ofItem', { number })} data-testid="papers">
      {state === 'error' && <RetryNotice message={t('papers.loadFailed')} onRetry={() => void papers.refetch()} />}
      {list.length > 0 && (
        <ul className="papers__list">
          {list.map((paper) => (
            <PaperRow key={paper.id} paper={paper} canManage={canManage} meetingId={meetingId} />
          ))}
        </ul>
      )}
      {canManage && pending && 'file' in pending && (
        <PaperUpload
          key={`${pending.file.name}-${pending.file.size}-${pending.file.lastModified}`}
          target={{ committeeId, parentId, number, defaultClassification }}
          file={pending.file}
          onMessage={setMessage}
        />
      )}
      {shown && (
        <p
          className={shown.kind === 'error' ? 'field__error papers__message' : 'muted papers__message'}
          role={shown.kind === 'error' ? 'alert' : 'status'}
        >
          {shown.text}
        </p>
      )}
    </section>
  );
}
