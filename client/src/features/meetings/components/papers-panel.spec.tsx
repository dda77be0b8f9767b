import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DocumentRecord } from '@sidang/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { applyEnvelope } from '../../../lib/realtime/cache-apply.ts';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse, recordEnvelope, uuid } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { PapersPanel, PaperUploadButton, precheck } from './papers-panel.tsx';

const ITEM_ID = 'cccccccc-cccc-4ccc-8ccc-0000000000a1';

function makePaper(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id: uuid(),
    committeeId: COMMITTEE_ID,
    parentId: ITEM_ID,
    title: 'Kertas Kerja 1 - Moratorium eksport',
    number: 'Kertas Bil. 1/2026',
    presenter: null,
    presenterId: null,
    status: 'for_circulation',
    fileVersion: 1,
    fileName: 'Kertas Kerja 1 - Moratorium eksport.pdf',
    mediaType: 'application/pdf',
    size: 1_258_291,
    sha256: 'a'.repeat(64),
    uploadedBy: CHAIR_ID,
    classification: 'CONFIDENTIAL',
    version: 1,
    createdAt: '2026-03-01T01:00:00.000Z',
    updatedAt: '2026-03-01T01:00:00.000Z',
    ...overrides,
  };
}

/** XMLHttpRequest at the network boundary: the test answers each upload and reports progress. */
class FakeUpload {
  static sent: FakeUpload[] = [];
  readonly upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  readonly headers: Record<string, string> = {};
  method = '';
  url = '';
  body: FormData | null = null;
  status = 0;
  responseText = '';
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
    FakeUpload.sent.push(this);
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const original = globalThis.XMLHttpRequest;
beforeEach(() => {
  FakeUpload.sent = [];
  globalThis.XMLHttpRequest = FakeUpload as unknown as typeof XMLHttpRequest;
});
afterEach(async () => {
  globalThis.XMLHttpRequest = original;
  await i18n.changeLanguage('en');
});

function serve(papers: DocumentRecord[], parentId = ITEM_ID, uploadMaxBytes?: number): Handler {
  return ({ method, url }) => {
    if (method === 'GET' && url === `/api/documents?parentId=${parentId}`) return jsonResponse(200, papers);
    if (method === 'GET' && url === '/api/documents/limits' && uploadMaxBytes) return jsonResponse(200, { uploadMaxBytes });
    if (method === 'DELETE' && url.startsWith('/api/documents/')) return jsonResponse(204);
    return jsonResponse(404, { statusCode: 404, message: 'Not found' });
  };
}

function choose(file: File) {
  fireEvent.change(screen.getByTestId('paper-file'), { target: { files: [file] } });
}

describe(PapersPanel.name, () => {
  it('should ask for a title and a number before sending, and show a paper with its number, status, size and a reader link', async () => {
    const user = userEvent.setup();
    const MEETING_ID = 'cccccccc-cccc-4ccc-8ccc-0000000000b1';
    renderWithApp(
      <>
        <PaperUploadButton parentId={ITEM_ID} number="4" />
        <PapersPanel committeeId={COMMITTEE_ID} parentId={ITEM_ID} number="4" canManage meetingId={MEETING_ID} />
      </>,
      { handler: serve([]) },
    );
    await screen.findByRole('button', { name: 'Upload a paper to item 4' });
    choose(new File(['%PDF-1.4'], 'Kertas magnet.pdf', { type: 'application/pdf' }));
    const title = await screen.findByRole('textbox', { name: 'Title' });
    expect(title).toHaveValue('Kertas magnet');
    await user.clear(title);
    await user.type(title, 'Pakej insentif magnet');
    await user.type(screen.getByRole('textbox', { name: 'Number' }), 'Kertas Bil. 4/2026');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(1));
    const form = (FakeUpload.sent[0] as FakeUpload).body as FormData;
    expect(form.get('title')).toBe('Pakej insentif magnet');
    expect(form.get('number')).toBe('Kertas Bil. 4/2026');
    const stored = makePaper({
      title: 'Pakej insentif magnet',
      number: 'Kertas Bil. 4/2026',
      status: 'draft',
      size: 20,
      presenter: 'MIDA',
    });
    act(() => (FakeUpload.sent[0] as FakeUpload).respond(201, stored));
    const row = await screen.findByTestId('paper');
    expect(row).toHaveTextContent('Kertas Bil. 4/2026 Pakej insentif magnet');
    expect(row).toHaveTextContent('PDF · 20 bytes · Presented by MIDA');
    expect(within(row).getByTestId('paper-status')).toHaveTextContent('Draft');
    expect(within(row).getByRole('link', { name: 'Read Pakej insentif magnet in the app' })).toHaveAttribute(
      'href',
      `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}/papers/${stored.id}`,
    );
  });

  it('should upload a new version of a paper from its row, and say which version it is', async () => {
    const user = userEvent.setup();
    const paper = makePaper();
    const sent: Array<{ url: string; version: unknown; file: unknown }> = [];
    const original = globalThis.fetch;
    renderWithApp(<PapersPanel committeeId={COMMITTEE_ID} parentId={ITEM_ID} number="4" canManage />, { handler: serve([paper]) });
    const row = await screen.findByTestId('paper');
    const stored = { ...paper, version: 2, fileVersion: 2, fileName: 'v2.pdf', size: 2048 };
    globalThis.fetch = (async (url: string, init?: RequestInit) => {
      const form = init?.body as FormData;
      sent.push({ url, version: form.get('version'), file: (form.get('file') as File).name });
      return jsonResponse(201, stored);
    }) as typeof fetch;
    try {
      const input = within(row).getByTestId('paper-version-file');
      await user.upload(input as HTMLInputElement, new File(['%PDF-1.4 v2'], 'v2.pdf', { type: 'application/pdf' }));
      expect(await within(row).findByRole('status')).toHaveTextContent(`Version 2 of ${paper.title} uploaded.`);
    } finally {
      globalThis.fetch = original;
    }
    expect(sent).toEqual([{ url: `/api/documents/${paper.id}/versions`, version: '1', file: 'v2.pdf' }]);
    expect(screen.getByTestId('paper')).toHaveTextContent('PDF · 2 KB · version 2');
  });

  it('should list papers with kind, size and classification, and follow created and deleted events', async () => {
    const paper = makePaper();
    const { queryClient } = renderWithApp(<PapersPanel committeeId={COMMITTEE_ID} parentId={ITEM_ID} number="4" canManage={false} />, {
      handler: serve([paper]),
    });
    const row = await screen.findByTestId('paper');
    expect(within(row).getByRole('button', { name: `Download ${paper.fileName}` })).toHaveTextContent(paper.title);
    expect(row).toHaveTextContent('PDF · 1.2 MB');
    expect(within(row).getByText('Confidential')).toHaveAttribute('data-level', 'CONFIDENTIAL');
    // A reader gets no upload and no delete.
    expect(screen.queryByRole('button', { name: /Upload/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();

    const csv = makePaper({ title: 'Sumber REE', fileName: 'sumber.csv', mediaType: 'text/csv', size: 2048, classification: 'OPEN' });
    act(() => {
      expect(applyEnvelope(queryClient, recordEnvelope('document.created', csv))).toBe(true);
    });
    await waitFor(() => expect(screen.getAllByTestId('paper')).toHaveLength(2));
    expect(screen.getAllByTestId('paper')[1]).toHaveTextContent('CSV · 2 KB');
    act(() => {
      applyEnvelope(queryClient, recordEnvelope('document.deleted', { id: paper.id, version: 2 }));
    });
    await waitFor(() => expect(screen.getAllByTestId('paper')).toHaveLength(1));
    expect(screen.getByTestId('paper')).toHaveTextContent('Sumber REE');
  });

  it('should show nothing to a reader of an item without papers', async () => {
    const { calls } = renderWithApp(<PapersPanel committeeId={COMMITTEE_ID} parentId={ITEM_ID} number="4" canManage={false} />, {
      handler: serve([]),
    });
    await waitFor(() => expect(calls.filter((call) => call.url.startsWith('/api/documents?'))).toHaveLength(1));
    await act(async () => undefined);
    expect(screen.queryByTestId('papers')).not.toBeInTheDocument();
  });

  it('should refuse a wrong type or an oversized file before sending, in English and Malay', async () => {
    const parentId = 'cccccccc-cccc-4ccc-8ccc-0000000000a2';
    renderWithApp(
      <>
        <PaperUploadButton parentId={parentId} number="4" />
        <PapersPanel committeeId={COMMITTEE_ID} parentId={parentId} number="4" canManage />
      </>,
      { handler: serve([], parentId) },
    );
    await screen.findByRole('button', { name: 'Upload a paper to item 4' });
    choose(new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('setup.exe is not an accepted type');

    const big = new File(['%PDF-'], 'besar.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    choose(big);
    expect(await screen.findByRole('alert')).toHaveTextContent('besar.pdf is larger than 20 MB');

    await act(async () => {
      await i18n.changeLanguage('ms');
    });
    choose(new File(['MZ'], 'setup.exe'));
    expect(await screen.findByRole('alert')).toHaveTextContent('setup.exe bukan jenis yang diterima');
    expect(FakeUpload.sent).toHaveLength(0);
    expect(screen.queryByTestId('paper-pending')).not.toBeInTheDocument();
    expect(precheck({ name: 'Laporan.DOCX', size: 10 })).toBeNull();
  });

  it('should take nothing from the agenda until a file is chosen, then upload it classified, with progress', async () => {
    const user = userEvent.setup();
    renderWithApp(
      <>
        <PaperUploadButton parentId={ITEM_ID} number="4" />
        <PapersPanel committeeId={COMMITTEE_ID} parentId={ITEM_ID} number="4" canManage defaultClassification="RESTRICTED" />
      </>,
      { handler: serve([]) },
    );
    await screen.findByRole('button', { name: 'Upload a paper to item 4' });
    await act(async () => undefined);
    expect(screen.queryByTestId('papers')).not.toBeInTheDocument();

    const file = new File(['%PDF-1.4 mandat'], 'Mandat rundingan.pdf', { type: 'application/pdf' });
    fireEvent.drop(screen.getByTestId('paper-drop'), { dataTransfer: { files: [file] } });
    const select = await screen.findByRole('combobox', { name: 'Classification of Mandat rundingan.pdf' });
    expect(select).toHaveValue('RESTRICTED');
    expect(FakeUpload.sent).toHaveLength(0);
    await user.selectOptions(select, 'SECRET');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(1));
    const sent = FakeUpload.sent[0] as FakeUpload;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe(`/api/committees/${COMMITTEE_ID}/documents`);
    const form = sent.body as FormData;
    expect(form.get('parentId')).toBe(ITEM_ID);
    expect(form.get('classification')).toBe('SECRET');
    expect((form.get('file') as File).name).toBe('Mandat rundingan.pdf');

    act(() => sent.progress(50, 100));
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('value', '50');
    const stored = makePaper({ title: 'Mandat rundingan', fileName: 'Mandat rundingan.pdf', classification: 'SECRET', size: 15 });
    act(() => sent.respond(201, stored));
    expect(await screen.findByRole('status')).toHaveTextContent('Mandat rundingan.pdf uploaded.');
    expect(screen.getByTestId('paper')).toHaveTextContent('Mandat rundingan');
    expect(screen.queryByTestId('paper-pending')).not.toBeInTheDocument();

    // The server judges the content: a refusal is said, and the choice stays to cancel.
    choose(new File(['MZ'], 'renamed.pdf', { type: 'application/pdf' }));
    await user.click(await screen.findByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(2));
    act(() => (FakeUpload.sent[1] as FakeUpload).respond(415, { statusCode: 415, message: 'file: is not an accepted type' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('renamed.pdf is not an accepted type');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('paper-pending')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('should delete only after confirmation, by keyboard', async () => {
    const user = userEvent.setup();
    const paper = makePaper();
    const { calls } = renderWithApp(<PapersPanel committeeId={COMMITTEE_ID} parentId={ITEM_ID} number="4" canManage />, {
      handler: serve([paper]),
    });
    const remove = await screen.findByRole('button', { name: `Delete ${paper.fileName}` });
    remove.focus();
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: `Delete ${paper.fileName}` }));
    expect(screen.getByText(`Delete ${paper.title}?`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(screen.queryByTestId('paper')).not.toBeInTheDocument());
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual([`/api/documents/${paper.id}?version=1`]);
  });

  it("should check a file's size against the server's configured limit, not the built-in default", async () => {
    const parentId = 'cccccccc-cccc-4ccc-8ccc-0000000000a3';
    const { calls } = renderWithApp(
      <>
        <PaperUploadButton parentId={parentId} number="2" />
        <PapersPanel committeeId={COMMITTEE_ID} parentId={parentId} number="2" canManage />
      </>,
      { handler: serve([], parentId, 1024 * 1024) },
    );
    await screen.findByRole('button', { name: 'Upload a paper to item 2' });
    // One read of the limit for the page, however many rows ask for it.
    await waitFor(() => expect(calls.filter((call) => call.url === '/api/documents/limits')).toHaveLength(1));
    await act(async () => undefined);

    const big = new File(['%PDF-'], 'lampiran.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 2 * 1024 * 1024 });
    choose(big);
    expect(await screen.findByRole('alert')).toHaveTextContent('lampiran.pdf is larger than 1 MB');
    expect(screen.queryByTestId('paper-pending')).not.toBeInTheDocument();

    const fits = new File(['%PDF-'], 'ringkas.pdf', { type: 'application/pdf' });
    Object.defineProperty(fits, 'size', { value: 900 * 1024 });
    choose(fits);
    expect(await screen.findByTestId('paper-pending')).toHaveTextContent('ringkas.pdf');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await act(async () => {
      await i18n.changeLanguage('ms');
    });
    choose(big);
    expect(await screen.findByRole('alert')).toHaveTextContent('lampiran.pdf melebihi 1 MB');
    expect(FakeUpload.sent).toHaveLength(0);
  });

  it('should rename and reclassify a paper from its row, and follow a rename made elsewhere', async () => {
    const user = userEvent.setup();
    const paper = makePaper({ classification: 'RESTRICTED' });
    const renamed = { ...paper, title: 'Kertas Kerja 1 (pindaan)', classification: 'SECRET' as const, version: 2 };
    const { calls, queryClient } = renderWithApp(<PapersPanel committeeId={COMMITTEE_ID} parentId={ITEM_ID} number="4" canManage />, {
      handler: (call) => {
        if (call.method === 'PATCH' && call.url === `/api/documents/${paper.id}`) {
          const body = call.body as { version: number };
          if (body.version === 1) return jsonResponse(200, renamed);
          return jsonResponse(409, { statusCode: 409, message: 'stale', current: { ...renamed, version: 3 } });
        }
        return serve([paper])(call);
      },
    });
    await user.click(await screen.findByRole('button', { name: `Rename or reclassify ${paper.fileName}` }));
    const title = screen.getByRole('textbox', { name: `Title of ${paper.fileName}` });
    expect(title).toHaveFocus();
    expect(title).toHaveValue(paper.title);
    expect(screen.getByRole('combobox', { name: `Classification of ${paper.fileName}` })).toHaveValue('RESTRICTED');

    // An empty title is refused before sending.
    await user.clear(title);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a title.');
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);

    await user.type(title, 'Kertas Kerja 1 (pindaan)');
    await user.selectOptions(screen.getByRole('combobox', { name: `Classification of ${paper.fileName}` }), 'SECRET');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const row = await screen.findByTestId('paper');
    expect(within(row).getByRole('button', { name: `Download ${paper.fileName}` })).toHaveTextContent('Kertas Kerja 1 (pindaan)');
    expect(within(row).getByText('Secret')).toHaveAttribute('data-level', 'SECRET');
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([
      { version: 1, title: 'Kertas Kerja 1 (pindaan)', classification: 'SECRET' },
    ]);

    // Someone else renames it: the row follows the live event.
    const elsewhere = { ...renamed, title: 'Kertas Kerja 1 (muktamad)', classification: 'CONFIDENTIAL' as const, version: 3 };
    act(() => {
      expect(applyEnvelope(queryClient, recordEnvelope('document.updated', elsewhere))).toBe(true);
    });
    await waitFor(() => expect(screen.getByTestId('paper')).toHaveTextContent('Kertas Kerja 1 (muktamad)'));
    expect(within(screen.getByTestId('paper')).getByText('Confidential')).toHaveAttribute('data-level', 'CONFIDENTIAL');

    // A save based on a version someone else has replaced is refused: the stored paper is shown.
    await user.click(screen.getByRole('button', { name: `Rename or reclassify ${paper.fileName}` }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone changed this paper meanwhile');
    expect(screen.getByRole('textbox', { name: `Title of ${paper.fileName}` })).toHaveValue('Kertas Kerja 1 (pindaan)');
    expect(screen.getByRole('combobox', { name: `Classification of ${paper.fileName}` })).toHaveValue('SECRET');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(2);

    // Escape leaves the editor without sending.
    await user.click(screen.getByRole('button', { name: `Rename or reclassify ${paper.fileName}` }));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('paper-editor')).not.toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(2);
  });
});
