import {
  CLASSIFICATIONS,
  type Classification,
  DEFAULT_UPLOAD_MAX_BYTES,
  DOCUMENT_EXTENSIONS,
  type DocumentRecord,
  documentKindOf,
} from '@sidang/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { removeRecord, upsertRecord } from '../../../lib/realtime/cache-apply.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { ClassificationBadge } from '../../action-items/components/badges.tsx';
import { papersApi } from './papers-api.ts';

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

/** "1.2 MB" in the UI language. */
export function formatSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language === 'ms' ? 'ms-MY' : 'en-MY', {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** What the browser can tell before sending: the server checks the content again. */
export function precheck(file: Pick<File, 'name' | 'size'>, maxBytes = DEFAULT_UPLOAD_MAX_BYTES): 'tooLarge' | 'badType' | null {
  const name = file.name.toLowerCase();
  if (!DOCUMENT_EXTENSIONS.some((extension) => name.endsWith(extension))) return 'badType';
  if (file.size > maxBytes) return 'tooLarge';
  return null;
}

export function usePapers(parentId: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.documents(parentId), queryFn: () => papersApi.ofParent(api, parentId) });
}

function PaperRow({ paper, canManage }: { paper: DocumentRecord; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const kind = documentKindOf(paper.mediaType) ?? 'other';
  const download = useMutation({ mutationFn: () => papersApi.download(paper) });
  const remove = useMutation({
    mutationFn: () => papersApi.remove(api, paper.id, paper.version),
    onSuccess: () => {
      removeRecord(queryClient, 'document', paper.committeeId, paper.id, 'deleted', paper.version + 1);
    },
  });
  return (
    <li className="papers__row" data-testid="paper">
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
        {paper.title}
      </button>
      <span className="papers__meta muted">
        {t(`papers.kinds.${kind}`)} · {formatSize(paper.size, i18n.language)}
      </span>
      <ClassificationBadge level={paper.classification} />
      {canManage &&
        (confirming ? (
          <span className="papers__confirm">
            <span className="papers__confirm-text">{t('papers.confirmDelete', { name: paper.title })}</span>
            <button
              type="button"
              className="button button--small button--danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {t('papers.confirm')}
            </button>
            <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
              {t('papers.cancel')}
            </button>
          </span>
        ) : (
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
        ))}
      {(download.isError || remove.isError) && (
        <span className="field__error papers__error" role="alert">
          {download.isError ? t('papers.downloadFailed') : t('papers.deleteFailed')}
        </span>
      )}
    </li>
  );
}

function PaperUpload({
  committeeId,
  parentId,
  number,
  defaultClassification,
}: {
  committeeId: string;
  parentId: string;
  number: string;
  defaultClassification: Classification;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [classification, setClassification] = useState<Classification>(defaultClassification);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => papersApi.upload({ committeeId, parentId, classification, file, onProgress: setProgress }),
    onSuccess: (paper) => {
      upsertRecord(queryClient, 'document', paper, committeeId);
      setMessage({ kind: 'done', text: t('papers.uploaded', { name: paper.fileName }) });
    },
    onError: (error, file) => {
      const text = isApiError(error, 413)
        ? t('papers.tooLarge', { name: file.name, max: formatSize(DEFAULT_UPLOAD_MAX_BYTES, i18n.language) })
        : isApiError(error, 415)
          ? t('papers.badType', { name: file.name })
          : t('papers.uploadFailed');
      setMessage({ kind: 'error', text });
    },
    onSettled: () => setProgress(null),
  });
  const pick = (file: File | undefined) => {
    if (!file || upload.isPending) return;
    const problem = precheck(file);
    if (problem === 'tooLarge') {
      setMessage({
        kind: 'error',
        text: t('papers.tooLarge', { name: file.name, max: formatSize(DEFAULT_UPLOAD_MAX_BYTES, i18n.language) }),
      });
      return;
    }
    if (problem === 'badType') {
      setMessage({ kind: 'error', text: t('papers.badType', { name: file.name }) });
      return;
    }
    setMessage(null);
    setProgress(0);
    upload.mutate(file);
  };
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    pick(event.target.files?.[0]);
    event.target.value = '';
  };
  const onDrop = (event: DragEvent<HTMLFieldSetElement>) => {
    event.preventDefault();
    setDragging(false);
    pick(event.dataTransfer.files[0]);
  };
  return (
    <fieldset
      className={`papers__upload${dragging ? ' papers__upload--over' : ''}`}
      aria-label={t('papers.uploadFor', { number })}
      data-testid="paper-drop"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
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
        className="button button--small"
        disabled={upload.isPending}
        aria-label={t('papers.uploadFor', { number })}
        onClick={() => input.current?.click()}
      >
        {t('papers.upload')}
      </button>
      <select
        className="papers__class"
        aria-label={t('papers.classificationFor', { number })}
        value={classification}
        onChange={(event) => setClassification(event.target.value as Classification)}
      >
        {CLASSIFICATIONS.map((level) => (
          <option key={level} value={level}>
            {t(`classification.${level}`)}
          </option>
        ))}
      </select>
      <span className="muted papers__hint">{t('papers.dropHere')}</span>
      {progress !== null && (
        <progress className="papers__progress" max={100} value={Math.round(progress * 100)} aria-label={t('papers.progress')} />
      )}
      {message && (
        <span
          className={message.kind === 'error' ? 'field__error papers__message' : 'muted papers__message'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
        </span>
      )}
    </fieldset>
  );
}

/**
 * The papers of one agenda item: a dense list (kind, size, classification; a click downloads),
 * live through the entity registry, and for chair and secretariat an upload (button or drop)
 * and delete with confirmation. Nothing is shown to a reader when the item has no papers.
 */
export function PapersPanel({
  committeeId,
  parentId,
  number,
  canManage,
  defaultClassification = 'OPEN',
}: {
  committeeId: string;
  parentId: string;
  number: string;
  canManage: boolean;
  /** The level a new paper starts at: its item's (a paper is usually as sensitive as its item). */
  defaultClassification?: Classification;
}) {
  const { t } = useTranslation();
  const papers = usePapers(parentId);
  const state = viewStateOf(papers);
  const list = papers.data ?? [];
  if (!canManage && list.length === 0 && state !== 'error') return null;
  return (
    <section className="papers" aria-label={t('papers.ofItem', { number })} data-testid="papers">
      {state === 'error' && <RetryNotice message={t('papers.loadFailed')} onRetry={() => void papers.refetch()} />}
      {state === 'pending' && (
        <p className="muted papers__loading" role="status">
          {t('papers.loading')}
        </p>
      )}
      {list.length > 0 && (
        <ul className="papers__list">
          {list.map((paper) => (
            <PaperRow key={paper.id} paper={paper} canManage={canManage} />
          ))}
        </ul>
      )}
      {canManage && (
        <PaperUpload committeeId={committeeId} parentId={parentId} number={number} defaultClassification={defaultClassification} />
      )}
    </section>
  );
}
