import type { Annotation, AnnotationVisibility, DocumentRecord, Highlight } from '@sidang/shared';
import { formatBytes } from '@sidang/shared/constants';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { type KeyboardEvent, type PointerEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../../../lib/api/api-context.tsx';
import { queryKeys } from '../../../../lib/query-keys.ts';
import { useRealtimeSocket } from '../../../../lib/realtime/realtime-provider.tsx';
import { ClassificationBadge } from '../../../../lib/ui/badges.tsx';
import { RetryNotice } from '../../../../lib/ui/retry-notice.tsx';
import { useMe } from '../../../auth/index.ts';
import { useCommittee } from '../../../committees/index.ts';
import { canManageMeetings } from '../../hooks/permissions.ts';
import { papersApi } from '../papers-api.ts';
import { annotationsApi, notesOfPage, withNote } from './annotations-api.ts';
import { openPdf } from './pdf-loader.ts';
import './paper-viewer.css';
import '../../load-strings.ts';

const ZOOMS: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** The paper's notes, kept live: shared ones through the record registry, one's own private ones from one's own socket. */
function useNotes(documentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const socket = useRealtimeSocket();
  const notes = useQuery({ queryKey: queryKeys.annotations(documentId), queryFn: () => annotationsApi.list(api, documentId) });
  useEffect(() => {
    if (!socket) return undefined;
    const key = queryKeys.annotations(documentId);
    const onNote = (note: Annotation) => {
      if (note?.documentId !== documentId) return;
      queryClient.setQueryData<Annotation[]>(key, (list) => withNote(list, note));
    };
    const onRemoved = (removed: { id: string }) => {
      queryClient.setQueryData<Annotation[]>(key, (list) => list?.filter((note) => note.id !== removed?.id));
    };
    socket.on('annotation', onNote);
    socket.on('annotation:removed', onRemoved);
    return () => {
      socket.off('annotation', onNote);
      socket.off('annotation:removed', onRemoved);
    };
  }, [socket, queryClient, documentId]);
  return notes;
}

/** The paper's bytes as a PDF document (null for a paper that is not a PDF). */
function usePdf(paper: DocumentRecord | undefined) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ pdf: PDFDocumentProxy | null; status: 'loading' | 'ready' | 'failed' }>({
    pdf: null,
    status: 'loading',
  });
  const [attempt, setAttempt] = useState(0);
  const id = paper?.id;
  const isPdf = paper?.mediaType === 'application/pdf';
  const fileVersion = paper?.fileVersion;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new file version or a retry reads the file again
  useEffect(() => {
    if (!id) return undefined;
    if (!isPdf) {
      setState({ pdf: null, status: 'ready' });
      return undefined;
    }
    let live = true;
    let opened: PDFDocumentProxy | null = null;
    setState({ pdf: null, status: 'loading' });
    api
      .getBlob(`/api/documents/${encodeURIComponent(id)}/content`)
      .then(({ blob }) => {
        // Opened: the home no longer lists it among the papers not opened.
        void queryClient.invalidateQueries({ queryKey: queryKeys.homeAll });
        return blob.arrayBuffer();
      })
      .then(openPdf)
      .then((pdf) => {
        opened = pdf;
        if (live) setState({ pdf, status: 'ready' });
        else void pdf.destroy();
      })
      .catch(() => live && setState({ pdf: null, status: 'failed' }));
    return () => {
      live = false;
      void opened?.destroy();
    };
  }, [api, queryClient, id, isPdf, fileVersion, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

/**
 * A paper read in the app (pdf.js): page by page, zoom and fit to width, its highlights drawn over
 * the page, and beside it (below it on a phone) the notes of the page — one's own private notes
 * and the shared ones, told apart — with a form to add a note and mark an area of the page.
 */
export function PaperViewerPage() {
  const { committeeId = '', meetingId = '', documentId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const paper = useQuery({ queryKey: ['documents', 'one', documentId], queryFn: () => papersApi.get(api, documentId) });
  const committee = useCommittee(committeeId);
  const me = useMe();
  const notes = useNotes(documentId);
  const { pdf, status, retry } = usePdf(paper.data);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [drawing, setDrawing] = useState(false);
  const [pending, setPending] = useState<Highlight | null>(null);
  const pages = pdf?.numPages ?? 0;
  const go = useCallback((next: number) => setPage((current) => Math.min(Math.max(1, next), Math.max(1, pages || current))), [pages]);
  const back = `/c/${committeeId}/meetings/${meetingId}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    if (event.key === 'Escape' && drawing) {
      setDrawing(false);
      return;
    }
    if (event.key === 'PageDown' || event.key === 'ArrowRight') {
      event.preventDefault();
      go(page + 1);
    } else if (event.key === 'PageUp' || event.key === 'ArrowLeft') {
      event.preventDefault();
      go(page - 1);
    }
  };

  if (paper.isError) {
    return (
      <div className="viewer">
        <Link to={back}>{t('viewer.back')}</Link>
        <RetryNotice message={t('viewer.failed')} onRetry={() => void paper.refetch()} />
      </div>
    );
  }
  if (!paper.data) return <p role="status">{t('viewer.loading')}</p>;
  const doc = paper.data;
  const pageNotes = notesOfPage(notes.data ?? [], page);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: page keys for the whole viewer; every control is a button or field of its own
    <div className="viewer" onKeyDown={onKeyDown} data-testid="paper-viewer">
      <header className="viewer__bar">
        <Link className="viewer__back" to={back}>
          ← {t('viewer.back')}
        </Link>
        <h1 className="viewer__title">
          {doc.number && <span className="viewer__number">{doc.number}</span>} {doc.title}{' '}
          <ClassificationBadge level={doc.classification} />
        </h1>
        {pdf && (
          <div className="viewer__tools" role="toolbar" aria-label={doc.title}>
            <button
              type="button"
              className="button button--small button--ghost"
              aria-label={t('viewer.previous')}
              disabled={page <= 1}
              onClick={() => go(page - 1)}
            >
              ‹
            </button>
            <label className="viewer__page">
              <span className="visually-hidden">{t('viewer.page')}</span>
              <input
                type="number"
                min={1}
                max={pages}
                value={page}
                inputMode="numeric"
                data-testid="viewer-page-input"
                onChange={(event) => go(Number(event.target.value) || 1)}
              />
            </label>
            <span className="viewer__of" data-testid="viewer-page-of">
              {t('viewer.pageOf', { page, pages })}
            </span>
            <button
              type="button"
              className="button button--small button--ghost"
              aria-label={t('viewer.next')}
              disabled={page >= pages}
              onClick={() => go(page + 1)}
            >
              ›
            </button>
            <button
              type="button"
              className="button button--small button--ghost"
              aria-label={t('viewer.zoomOut')}
              onClick={() => setZoom((z) => ZOOMS.filter((step) => step < (z === 'fit' ? 1 : z)).at(-1) ?? 0.5)}
            >
              −
            </button>
            <button
              type="button"
              className="button button--small button--ghost"
              aria-label={t('viewer.zoomIn')}
              onClick={() => setZoom((z) => ZOOMS.find((step) => step > (z === 'fit' ? 1 : z)) ?? 3)}
            >
              +
            </button>
            <button
              type="button"
              className="button button--small button--ghost"
              aria-pressed={zoom === 'fit'}
              onClick={() => setZoom('fit')}
            >
              {t('viewer.fitWidth')}
            </button>
          </div>
        )}
      </header>
      <div className="viewer__body">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a zoomed page scrolls; the keyboard must reach it to scroll it */}
        <section className="viewer__stage" tabIndex={0} aria-label={doc.title}>
          {status === 'loading' && <p role="status">{t('viewer.loading')}</p>}
          {status === 'failed' && <RetryNotice message={t('viewer.failed')} onRetry={retry} />}
          {status === 'ready' && !pdf && (
            <div className="notice">
              <p>{t('viewer.notPdf')}</p>
              <button
                type="button"
                className="button button--small"
                onClick={() => void papersApi.download(doc).then(() => queryClient.invalidateQueries({ queryKey: queryKeys.homeAll }))}
              >
                {t('viewer.download')} · {doc.fileName} ({formatBytes(doc.size, i18n.language)})
              </button>
            </div>
          )}
          {pdf && (
            <PageCanvas
              pdf={pdf}
              page={page}
              zoom={zoom}
              notes={pageNotes}
              drawing={drawing}
              pending={pending}
              onDrawn={(rect) => {
                setPending(rect);
                setDrawing(false);
              }}
            />
          )}
        </section>
        <div className="viewer__side">
          <NotesPanel
            documentId={doc.id}
            page={page}
            notes={pageNotes}
            state={notes.isError ? 'error' : notes.data ? 'ready' : 'loading'}
            onRetry={() => void notes.refetch()}
            meId={me.data?.id}
            canShare={canManageMeetings(committee.data?.role)}
            canHighlight={Boolean(pdf)}
            drawing={drawing}
            pending={pending}
            onDraw={() => setDrawing((on) => !on)}
            onClearPending={() => setPending(null)}
          />
          {doc.fileVersion > 1 && <FileVersions paper={doc} />}
        </div>
      </div>
    </div>
  );
}

/** The paper's earlier files: each still readable, by its version number. */
function FileVersions({ paper }: { paper: DocumentRecord }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [open, setOpen] = useState(false);
  const versions = useQuery({
    queryKey: [...queryKeys.documentVersions(paper.id), paper.fileVersion],
    queryFn: () => papersApi.versions(api, paper.id),
    enabled: open,
  });
  return (
    <details className="viewer__versions" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('papers.versions')}</summary>
      {versions.isError && <RetryNotice message={t('viewer.failed')} onRetry={() => void versions.refetch()} />}
      <ul className="viewer__version-list">
        {(versions.data ?? []).map((version) => (
          <li key={version.fileVersion}>
            <button
              type="button"
              className="button button--small button--ghost"
              onClick={() => void papersApi.downloadVersion(api, paper.id, version)}
            >
              {t('papers.fileVersion', { n: version.fileVersion })} · {version.fileName} ({formatBytes(version.size, i18n.language)})
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** One page drawn on a canvas at the chosen zoom (or the stage's width), with its highlights over it. */
function PageCanvas({
  pdf,
  page,
  zoom,
  notes,
  drawing,
  pending,
  onDrawn,
}: {
  pdf: PDFDocumentProxy;
  page: number;
  zoom: number | 'fit';
  notes: Annotation[];
  drawing: boolean;
  pending: Highlight | null;
  onDrawn: (rect: Highlight) => void;
}) {
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  // Marking an area starts from the notes (below the page on a phone): the page comes into view.
  useEffect(() => {
    if (drawing) frame.current?.scrollIntoView?.({ block: 'nearest' });
  }, [drawing]);
  useEffect(() => {
    const element = frame.current?.parentElement;
    if (!element) return undefined;
    // The stage's width inside its padding: a page fitted to it never overflows it.
    const measure = () => {
      const style = getComputedStyle(element);
      setWidth(element.clientWidth - (Number.parseFloat(style.paddingLeft) || 0) - (Number.parseFloat(style.paddingRight) || 0));
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);
  useEffect(() => {
    let task: RenderTask | null = null;
    let live = true;
    void pdf.getPage(page).then((proxy) => {
      if (!live || !canvas.current) return;
      const base = proxy.getViewport({ scale: 1 });
      const scale = zoom === 'fit' ? Math.max(0.25, (width || base.width) / base.width) : zoom;
      const viewport = proxy.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      const element = canvas.current;
      element.width = Math.floor(viewport.width * ratio);
      element.height = Math.floor(viewport.height * ratio);
      setSize({ width: viewport.width, height: viewport.height });
      const context = element.getContext('2d');
      if (!context) return;
      task = proxy.render({
        canvas: element,
        canvasContext: context,
        viewport,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      });
      task.promise.catch(() => undefined);
    });
    return () => {
      live = false;
      task?.cancel();
    };
  }, [pdf, page, zoom, width]);
  const point = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)),
      y: Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)),
    };
  };
  const rectOf = (d: { x0: number; y0: number; x1: number; y1: number }): Highlight => ({
    x: Math.min(d.x0, d.x1),
    y: Math.min(d.y0, d.y1),
    w: Math.abs(d.x1 - d.x0),
    h: Math.abs(d.y1 - d.y0),
  });
  const style = (rect: Highlight) => ({
    left: `${rect.x * 100}%`,
    top: `${rect.y * 100}%`,
    width: `${rect.w * 100}%`,
    height: `${rect.h * 100}%`,
  });
  return (
    <div className="viewer__page-frame" ref={frame} style={size ? { width: size.width, height: size.height } : undefined}>
      <canvas
        ref={canvas}
        className="viewer__canvas"
        style={size ? { width: size.width, height: size.height } : undefined}
        aria-label={t('viewer.pageOf', { page, pages: pdf.numPages })}
        role="img"
      />
      <div
        className={drawing ? 'viewer__overlay viewer__overlay--drawing' : 'viewer__overlay'}
        data-testid="viewer-overlay"
        onPointerDown={(event) => {
          if (!drawing) return;
          event.currentTarget.setPointerCapture?.(event.pointerId);
          const p = point(event);
          setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
        }}
        onPointerMove={(event) => {
          if (!drag) return;
          const p = point(event);
          setDrag({ ...drag, x1: p.x, y1: p.y });
        }}
        onPointerUp={() => {
          if (!drag) return;
          const rect = rectOf(drag);
          setDrag(null);
          if (rect.w > 0.005 && rect.h > 0.005) onDrawn(rect);
        }}
      >
        {notes
          .filter((note) => note.highlight)
          .map((note) => (
            <span
              key={note.id}
              className={`viewer__highlight viewer__highlight--${note.visibility}`}
              style={style(note.highlight as Highlight)}
              title={note.text}
            />
          ))}
        {pending && <span className="viewer__highlight viewer__highlight--pending" style={style(pending)} />}
        {drag && <span className="viewer__highlight viewer__highlight--pending" style={style(rectOf(drag))} />}
      </div>
    </div>
  );
}

/** The notes of the page and the form for a new one. */
function NotesPanel(props: {
  documentId: string;
  page: number;
  notes: Annotation[];
  state: 'loading' | 'ready' | 'error';
  onRetry: () => void;
  meId: string | undefined;
  canShare: boolean;
  canHighlight: boolean;
  drawing: boolean;
  pending: Highlight | null;
  onDraw: () => void;
  onClearPending: () => void;
}) {
  const { documentId, page, notes, state, meId, canShare, drawing, pending } = props;
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<AnnotationVisibility>('private');
  const key = queryKeys.annotations(documentId);
  const create = useMutation({
    mutationFn: () => annotationsApi.create(api, documentId, { page, text: text.trim(), visibility, highlight: pending }),
    onSuccess: (note) => {
      queryClient.setQueryData<Annotation[]>(key, (list) => withNote(list, note));
      setText('');
      props.onClearPending();
    },
  });
  const remove = useMutation({
    mutationFn: (note: Annotation) => annotationsApi.remove(api, note.id, note.version),
    onSuccess: (_result, note) => queryClient.setQueryData<Annotation[]>(key, (list) => list?.filter((other) => other.id !== note.id)),
  });
  return (
    <aside className="viewer__notes" aria-labelledby="viewer-notes-heading" data-testid="viewer-notes">
      <h2 id="viewer-notes-heading" className="viewer__notes-title">
        {t('viewer.notesOfPage', { page })}
      </h2>
      {state === 'error' && <RetryNotice message={t('viewer.notesFailed')} onRetry={props.onRetry} />}
      {state === 'loading' && <p role="status">{t('viewer.loading')}</p>}
      {state === 'ready' && notes.length === 0 && <p className="muted">{t('viewer.noNotes')}</p>}
      {notes.length > 0 && (
        <ul className="viewer__note-list">
          {notes.map((note) => (
            <li
              key={note.id}
              className={`viewer__note viewer__note--${note.visibility}`}
              data-testid="viewer-note"
              data-visibility={note.visibility}
            >
              <span className={`viewer__note-kind viewer__note-kind--${note.visibility}`}>
                {note.visibility === 'private' ? t('viewer.private') : t('viewer.shared')}
                {note.highlight ? ` · ${t('viewer.highlighted')}` : ''}
              </span>
              <p className="viewer__note-text">{note.text}</p>
              <span className="muted viewer__note-by">{t('viewer.by', { name: note.authorName })}</span>
              {note.authorId === meId && (
                <button
                  type="button"
                  className="button button--small button--ghost"
                  aria-label={t('viewer.deleteNote')}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(note)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError && (
        <p className="field__error" role="alert">
          {t('viewer.deleteFailed')}
        </p>
      )}
      <form
        className="viewer__note-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) create.mutate();
        }}
      >
        <label className="field">
          <span className="field__label">{t('viewer.addNote')}</span>
          <textarea
            name="note"
            rows={3}
            maxLength={2000}
            value={text}
            data-testid="viewer-note-text"
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <fieldset className="viewer__visibility">
          <legend>{t('viewer.visibility')}</legend>
          <label>
            <input
              type="radio"
              name="visibility"
              value="private"
              checked={visibility === 'private'}
              onChange={() => setVisibility('private')}
            />{' '}
            {t('viewer.private')}
          </label>
          {canShare && (
            <label>
              <input
                type="radio"
                name="visibility"
                value="shared"
                checked={visibility === 'shared'}
                onChange={() => setVisibility('shared')}
              />{' '}
              {t('viewer.shared')}
            </label>
          )}
          <span className="muted viewer__hint">{visibility === 'private' ? t('viewer.privateHint') : t('viewer.sharedHint')}</span>
        </fieldset>
        {props.canHighlight && (
          <div className="viewer__highlight-tools">
            <button
              type="button"
              className="button button--small button--ghost"
              aria-pressed={drawing}
              onClick={props.onDraw}
              data-testid="viewer-highlight"
            >
              {t('viewer.highlight')}
            </button>
            {drawing && <span className="muted">{t('viewer.highlighting')}</span>}
            {pending && (
              <button type="button" className="button button--small button--ghost" onClick={props.onClearPending}>
                {t('viewer.clearHighlight')}
              </button>
            )}
          </div>
        )}
        <button type="submit" className="button button--small" disabled={create.isPending || !text.trim()} data-testid="viewer-note-save">
          {create.isPending ? t('viewer.saving') : t('viewer.save')}
        </button>
        {create.isError && (
          <p className="field__error" role="alert">
            {t('viewer.saveFailed')}
          </p>
        )}
      </form>
    </aside>
  );
}
