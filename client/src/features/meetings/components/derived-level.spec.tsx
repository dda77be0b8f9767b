import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { AgendaItem } from '@sidang/shared';
import { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { COMMITTEE_ID, chairUser, committee, jsonResponse, makeActionItem, members, uuid } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { MEETING_ID, makeAgendaItem, makeDecision, makeMeeting } from '../test-fixtures.ts';
import { RecordDecision } from './decisions.tsx';
import { MeetingPage } from './meeting-page.tsx';
import { PapersPanel, PaperUploadButton } from './papers-panel.tsx';

const belowOrigin = {
  statusCode: 400,
  code: 'below_origin',
  message: 'classification: must not be below its origin (CONFIDENTIAL) without declassificationReason',
  issues: [
    {
      field: 'classification',
      path: 'classification',
      code: 'below_origin',
      message: 'must not be below its origin (CONFIDENTIAL) without declassificationReason',
      params: { level: 'CONFIDENTIAL' },
    },
  ],
};

afterEach(async () => {
  await i18n.changeLanguage('en');
});

/** A cache that knows the signed-in chair (SECRET): the levels offered stop at their clearance. */
function signedInChair(): QueryClient {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  queryClient.setQueryData(queryKeys.me, chairUser);
  return queryClient;
}

describe('raising an action from a RESTRICTED item of a CONFIDENTIAL meeting', () => {
  const item: AgendaItem = makeAgendaItem({ title: 'Magnet plant incentives', number: '3.2', classification: 'RESTRICTED' });
  const serve =
    (answer: () => Response): Handler =>
    ({ method, url }) => {
      if (url === '/api/auth/me') return jsonResponse(200, chairUser);
      if (url === `/api/committees/${COMMITTEE_ID}`) return jsonResponse(200, committee);
      if (url === `/api/committees/${COMMITTEE_ID}/members`) return jsonResponse(200, members);
      if (url === `/api/meetings/${MEETING_ID}`) return jsonResponse(200, makeMeeting({ classification: 'CONFIDENTIAL' }));
      if (url === `/api/meetings/${MEETING_ID}/agenda-items`) return jsonResponse(200, [item]);
      if (method === 'GET' && url.endsWith('/action-items')) return jsonResponse(200, []);
      if (url.endsWith('/decisions')) return jsonResponse(200, []);
      if (method === 'POST' && url === `/api/committees/${COMMITTEE_ID}/action-items`) return answer();
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };
  const open = async (answer: () => Response) => {
    const user = userEvent.setup();
    const rendered = renderWithApp(<MeetingPage />, {
      route: '/c/:committeeId/meetings/:meetingId',
      path: `/c/${COMMITTEE_ID}/meetings/${MEETING_ID}`,
      handler: serve(answer),
      queryClient: signedInChair(),
    });
    await user.click(await screen.findByRole('button', { name: 'Raise an action from item 3.2' }));
    await user.type(await screen.findByRole('textbox', { name: /Title/ }), 'Prepare the incentive paper');
    return { user, ...rendered };
  };
  const posts = (calls: Array<{ method: string; url: string; body: unknown }>) =>
    calls.filter((call) => call.method === 'POST' && call.url.endsWith('/action-items'));

  it('should start at the inherited level, say where it comes from, and leave the level to the server', async () => {
    const { user, calls } = await open(() => jsonResponse(201, makeActionItem({ classification: 'CONFIDENTIAL' })));
    const form = screen.getByTestId('save-action-item').closest('form') as HTMLFormElement;
    expect(within(form).getByRole('combobox', { name: 'Classification' })).toHaveValue('CONFIDENTIAL');
    expect(within(form).getByTestId('inherited-level')).toHaveTextContent('Inherited from agenda item 3.2 (Confidential)');
    expect(screen.queryByLabelText(/Reason for declassification/)).not.toBeInTheDocument();
    await user.click(screen.getByTestId('save-action-item'));
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    const body = posts(calls)[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ meetingId: MEETING_ID, agendaItemId: item.id });
    expect(body).not.toHaveProperty('classification');
    expect(body).not.toHaveProperty('declassificationReason');
  });

  it('should ask for a reason below the inherited level, and send it with the lower level', async () => {
    const { user, calls } = await open(() => jsonResponse(201, makeActionItem({ classification: 'OPEN' })));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Classification' }), 'OPEN');
    const reason = screen.getByRole('textbox', { name: /Reason for declassification/ });
    await user.click(screen.getByTestId('save-action-item'));
    expect(await screen.findByText('Give a reason for declassification.')).toBeInTheDocument();
    expect(posts(calls)).toHaveLength(0);
    await user.type(reason, 'Already announced by the minister');
    await user.click(screen.getByTestId('save-action-item'));
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]?.body).toMatchObject({ classification: 'OPEN', declassificationReason: 'Already announced by the minister' });
  });

  it('should show the server refusal below_origin by its code, in Malay too', async () => {
    const { user } = await open(() => jsonResponse(400, belowOrigin));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Classification' }), 'OPEN');
    await user.type(screen.getByRole('textbox', { name: /Reason for declassification/ }), 'Published');
    await user.click(screen.getByTestId('save-action-item'));
    expect(
      await screen.findByText('Cannot be below Confidential, the level it inherits, without a reason for declassification.'),
    ).toBeInTheDocument();
    await act(async () => {
      await i18n.changeLanguage('ms');
    });
    expect(
      await screen.findByText('Tidak boleh di bawah Sulit, peringkat yang diwarisi, tanpa sebab nyahklasifikasi.'),
    ).toBeInTheDocument();
  });
});

describe(RecordDecision.name, () => {
  const agendaItemId = uuid();
  const inherited = { level: 'CONFIDENTIAL' as const, from: 'agenda item 3.2' };
  const serve =
    (answer: () => Response): Handler =>
    ({ method, url }) => {
      if (url === '/api/auth/me') return jsonResponse(200, chairUser);
      if (method === 'POST' && url === `/api/agenda-items/${agendaItemId}/decisions`) return answer();
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };

  it('should record at the inherited level unless a lower one is chosen with a reason', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<RecordDecision agendaItemId={agendaItemId} number="3.2" inherited={inherited} />, {
      handler: serve(() => jsonResponse(201, makeDecision())),
      queryClient: signedInChair(),
    });
    expect(screen.getByRole('option', { name: 'Secret' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Classification of a decision on item 3.2' })).toHaveValue('CONFIDENTIAL');
    expect(screen.getByTestId('inherited-level')).toHaveTextContent('Inherited from agenda item 3.2 (Confidential)');
    const text = screen.getByRole('textbox', { name: 'Record a decision on item 3.2' });
    await user.type(text, 'Agreed to the incentive package');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    const decisionPosts = () => calls.filter((call) => call.method === 'POST');
    await waitFor(() => expect(decisionPosts()).toHaveLength(1));
    expect(decisionPosts()[0]?.body).toEqual({ text: 'Agreed to the incentive package' });

    await user.type(text, 'Noted the public summary');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Classification of a decision on item 3.2' }), 'RESTRICTED');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('Give a reason for declassification.')).toBeInTheDocument();
    expect(decisionPosts()).toHaveLength(1);
    await user.type(screen.getByRole('textbox', { name: /Reason for declassification/ }), 'Summary for agencies');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(decisionPosts()).toHaveLength(2));
    expect(decisionPosts()[1]?.body).toEqual({
      text: 'Noted the public summary',
      classification: 'RESTRICTED',
      declassificationReason: 'Summary for agencies',
    });
  });

  it('should show the server refusal below_origin by its code', async () => {
    const user = userEvent.setup();
    renderWithApp(<RecordDecision agendaItemId={agendaItemId} number="3.2" inherited={inherited} />, {
      handler: serve(() => jsonResponse(400, belowOrigin)),
      queryClient: signedInChair(),
    });
    await user.type(screen.getByRole('textbox', { name: 'Record a decision on item 3.2' }), 'Noted');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Classification of a decision on item 3.2' }), 'OPEN');
    await user.type(screen.getByRole('textbox', { name: /Reason for declassification/ }), 'Public');
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cannot be below Confidential, the level it inherits, without a reason for declassification.',
    );
  });
});

/** XMLHttpRequest at the network boundary (uploads report progress through it). */
class FakeUpload {
  static sent: FakeUpload[] = [];
  readonly upload = { onprogress: null };
  body: FormData | null = null;
  status = 0;
  responseText = '';
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open() {}
  setRequestHeader() {}
  send(body: FormData) {
    this.body = body;
    FakeUpload.sent.push(this);
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('uploading a paper to an item', () => {
  const parentId = uuid();
  const original = globalThis.XMLHttpRequest;
  beforeEach(() => {
    FakeUpload.sent = [];
    globalThis.XMLHttpRequest = FakeUpload as unknown as typeof XMLHttpRequest;
  });
  afterEach(() => {
    globalThis.XMLHttpRequest = original;
  });
  const serve: Handler = ({ url }) =>
    url === `/api/documents?parentId=${parentId}` ? jsonResponse(200, []) : jsonResponse(404, { statusCode: 404, message: 'Not found' });
  /** Item 3.2's upload button and papers (it inherits Confidential), with a PDF chosen to send. */
  async function choosePdf() {
    renderWithApp(
      <>
        <PaperUploadButton parentId={parentId} number="3.2" />
        <PapersPanel committeeId={COMMITTEE_ID} parentId={parentId} number="3.2" canManage defaultClassification="CONFIDENTIAL" />
      </>,
      { handler: serve },
    );
    const pdf = new File(['%PDF-1.4'], 'Insentif.pdf', { type: 'application/pdf' });
    fireEvent.change(await screen.findByTestId('paper-file'), { target: { files: [pdf] } });
  }

  it('should start at the inherited level and ask for a reason below it', async () => {
    const user = userEvent.setup();
    await choosePdf();
    const select = await screen.findByRole('combobox', { name: 'Classification of Insentif.pdf' });
    expect(select).toHaveValue('CONFIDENTIAL');
    expect(screen.getByTestId('inherited-level')).toHaveTextContent('Inherited from agenda item 3.2 (Confidential)');

    await user.selectOptions(select, 'RESTRICTED');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('Give a reason for declassification.')).toBeInTheDocument();
    expect(FakeUpload.sent).toHaveLength(0);
    await user.type(screen.getByRole('textbox', { name: /Reason for declassification/ }), 'Circulated to agencies');
    await user.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(1));
    const form = (FakeUpload.sent[0] as FakeUpload).body as FormData;
    expect(form.get('classification')).toBe('RESTRICTED');
    expect(form.get('declassificationReason')).toBe('Circulated to agencies');

    act(() => (FakeUpload.sent[0] as FakeUpload).respond(400, belowOrigin));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cannot be below Confidential, the level it inherits, without a reason for declassification.',
    );
  });

  it('should leave the inherited level to the server when it is kept', async () => {
    const user = userEvent.setup();
    await choosePdf();
    await user.click(await screen.findByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeUpload.sent).toHaveLength(1));
    const form = (FakeUpload.sent[0] as FakeUpload).body as FormData;
    expect(form.get('classification')).toBeNull();
    expect(form.get('declassificationReason')).toBeNull();
  });
});
