import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Annotation, DocumentRecord } from '@sidang/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { authStore } from '../../../../lib/auth/auth-store.ts';
import { CHAIR_ID, COMMITTEE_ID, committee, jsonResponse, memberUser, uuid } from '../../../../test/fixtures.ts';
import { renderWithApp } from '../../../../test/render.tsx';
import { PaperViewerPage } from './paper-viewer-page.tsx';

const MEETING_ID = 'cccccccc-cccc-4ccc-8ccc-0000000000c1';
const DOCUMENT_ID = 'cccccccc-cccc-4ccc-8ccc-0000000000d1';

const paper: DocumentRecord = {
  id: DOCUMENT_ID,
  committeeId: COMMITTEE_ID,
  parentId: uuid(),
  title: 'Sumber REE mengikut negeri',
  number: 'Kertas Bil. 2/2026',
  presenter: 'JMG',
  presenterId: null,
  status: 'for_circulation',
  fileVersion: 1,
  fileName: 'sumber.csv',
  mediaType: 'text/csv',
  size: 20,
  sha256: 'a'.repeat(64),
  uploadedBy: CHAIR_ID,
  classification: 'RESTRICTED',
  version: 1,
  createdAt: '2026-03-01T01:00:00.000Z',
  updatedAt: '2026-03-01T01:00:00.000Z',
};

function aNote(overrides: Partial<Annotation>): Annotation {
  return {
    id: uuid(),
    committeeId: COMMITTEE_ID,
    documentId: DOCUMENT_ID,
    authorId: memberUser.id,
    authorName: memberUser.name,
    visibility: 'private',
    page: 1,
    text: 'Semak angka',
    highlight: null,
    classification: 'RESTRICTED',
    version: 1,
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    ...overrides,
  };
}

beforeEach(() => authStore.setToken('test-token'));
afterEach(() => authStore.clear());

describe(PaperViewerPage.name, () => {
  it("should list the page's private and shared notes apart, and add a private note (a member may not share)", async () => {
    const user = userEvent.setup();
    const mine = aNote({ text: 'Semak angka Perak' });
    const shared = aNote({ authorId: CHAIR_ID, authorName: 'Pengerusi', visibility: 'shared', text: 'Untuk makluman' });
    const posted: unknown[] = [];
    renderWithApp(<PaperViewerPage />, {
      path: `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}/papers/${DOCUMENT_ID}`,
      route: '/c/:committeeId/meetings/:meetingId/papers/:documentId',
      handler: ({ method, url, body }) => {
        if (url === '/api/auth/me') return jsonResponse(200, memberUser);
        if (url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, { ...committee, role: 'member' });
        if (url === `/api/documents/${DOCUMENT_ID}`) return jsonResponse(200, paper);
        if (method === 'GET' && url === `/api/documents/${DOCUMENT_ID}/annotations`) return jsonResponse(200, [mine, shared]);
        if (method === 'POST' && url === `/api/documents/${DOCUMENT_ID}/annotations`) {
          posted.push(body);
          return jsonResponse(201, aNote({ text: 'Nota baharu', createdAt: '2026-03-03T01:00:00.000Z' }));
        }
        return jsonResponse(404, { statusCode: 404, message: 'Not found' });
      },
    });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Kertas Bil. 2/2026 Sumber REE mengikut negeri');
    // Not a PDF: said, with a download of the file.
    expect(await screen.findByText('This paper is not a PDF. Download it to read it.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Download · sumber\.csv \(20 bytes\)/ })).toBeInTheDocument();

    await screen.findByRole('button', { name: 'Delete note' });
    const notes = screen.getAllByTestId('viewer-note');
    expect(notes.map((note) => [note.getAttribute('data-visibility'), within(note).getByText(/Private|Shared/).textContent])).toEqual([
      ['private', 'Private'],
      ['shared', 'Shared'],
    ]);
    // Only one's own note has a delete button.
    expect(within(notes[0] as HTMLElement).getByRole('button', { name: 'Delete note' })).toBeInTheDocument();
    expect(within(notes[1] as HTMLElement).queryByRole('button', { name: 'Delete note' })).not.toBeInTheDocument();
    // A member keeps private notes only.
    expect(screen.getByRole('radio', { name: 'Private' })).toBeChecked();
    expect(screen.queryByRole('radio', { name: 'Shared' })).not.toBeInTheDocument();
    expect(screen.getByText('Only you see private notes.')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Add a note' }), 'Nota baharu');
    await user.keyboard('{Tab}');
    await user.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.getAllByTestId('viewer-note')).toHaveLength(3));
    expect(posted).toEqual([{ page: 1, text: 'Nota baharu', visibility: 'private', highlight: null }]);
    expect(screen.getByRole('textbox', { name: 'Add a note' })).toHaveValue('');
  });

  it('should list the earlier files of a paper with a new version, each readable', async () => {
    const user = userEvent.setup();
    const revised = { ...paper, fileVersion: 2, version: 2, fileName: 'sumber-v2.csv' };
    const asked: string[] = [];
    renderWithApp(<PaperViewerPage />, {
      path: `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}/papers/${DOCUMENT_ID}`,
      route: '/c/:committeeId/meetings/:meetingId/papers/:documentId',
      handler: ({ url }) => {
        asked.push(url);
        if (url === '/api/auth/me') return jsonResponse(200, memberUser);
        if (url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, { ...committee, role: 'member' });
        if (url === `/api/documents/${DOCUMENT_ID}`) return jsonResponse(200, revised);
        if (url === `/api/documents/${DOCUMENT_ID}/annotations`) return jsonResponse(200, []);
        if (url === `/api/documents/${DOCUMENT_ID}/versions`) {
          return jsonResponse(200, [
            {
              fileVersion: 2,
              fileName: 'sumber-v2.csv',
              mediaType: 'text/csv',
              size: 20,
              sha256: 'b'.repeat(64),
              uploadedBy: CHAIR_ID,
              uploadedAt: '2026-03-02T01:00:00.000Z',
              current: true,
            },
            {
              fileVersion: 1,
              fileName: 'sumber.csv',
              mediaType: 'text/csv',
              size: 2048,
              sha256: 'a'.repeat(64),
              uploadedBy: CHAIR_ID,
              uploadedAt: '2026-03-01T01:00:00.000Z',
              current: false,
            },
          ]);
        }
        return jsonResponse(404, { statusCode: 404, message: 'Not found' });
      },
    });
    expect(await screen.findByText('No notes on this page yet.')).toBeInTheDocument();
    // Read only when opened.
    expect(asked).not.toContain(`/api/documents/${DOCUMENT_ID}/versions`);
    await user.click(screen.getByText('Versions'));
    expect(await screen.findByRole('button', { name: 'version 1 · sumber.csv (2 KB)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'version 2 · sumber-v2.csv (20 bytes)' })).toBeInTheDocument();
  });
});
