import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { COMMITTEE_ID, jsonResponse, memberUser } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { RegisterCreator } from '../components/register-pages.tsx';
import { apiTable, makeAgreement, makeBilateral, makeCommitment, page } from '../test-fixtures.ts';
import { BilateralListPage } from './bilateral-list.tsx';
import { BilateralDetailPage } from './bilateral-pages.tsx';
import { bilateral } from './bilateral-register.ts';
import { CountryPage } from './country-page.tsx';

// Pages that load several queries: allow for a loaded machine.
configure({ asyncUtilTimeout: 5_000 });

const LIST = `/api/committees/${COMMITTEE_ID}/bilateral-meetings`;
const AGREEMENTS = `/api/committees/${COMMITTEE_ID}/agreements`;

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe(BilateralListPage.name, () => {
  const japan = makeBilateral({ country: 'JP', counterpart: 'JICA', level: 'technical', date: '2026-02-10', classification: 'RESTRICTED' });
  const korea = makeBilateral({
    country: 'KR',
    counterpart: 'KOMIR',
    level: 'ministerial',
    date: '2026-01-20',
    classification: 'CONFIDENTIAL',
  });

  function renderList(path = `/c/${COMMITTEE_ID}/registers/bilateral`) {
    return renderWithApp(<BilateralListPage />, {
      path,
      route: '/c/:committeeId/registers/bilateral',
      handler: apiTable({ [`GET ${LIST}`]: page([japan, korea]) }),
    });
  }

  it('should show one dense row per meeting: date, country, counterpart, level and classification', async () => {
    renderList();
    const rows = await screen.findAllByTestId('bilateral-row');
    expect(rows).toHaveLength(2);
    const first = within(rows[0] as HTMLElement);
    expect(first.getByRole('link', { name: 'JICA' })).toHaveAttribute('href', `/c/${COMMITTEE_ID}/registers/bilateral/${japan.id}`);
    expect(first.getByTestId('country-link')).toHaveAttribute('href', `/c/${COMMITTEE_ID}/registers/countries/JP`);
    expect(first.getByText('Technical')).toBeInTheDocument();
    expect(first.getByText('Restricted')).toBeInTheDocument();
    expect(within(rows[1] as HTMLElement).getByText('Ministerial')).toBeInTheDocument();
  });

  it('should filter by country and level from the URL', async () => {
    renderList(`/c/${COMMITTEE_ID}/registers/bilateral?level=ministerial`);
    const rows = await screen.findAllByTestId('bilateral-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveAttribute('data-id', korea.id);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Level' }), '');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Country' }), 'JP');
    await waitFor(() => expect(screen.getAllByTestId('bilateral-row').map((row) => row.dataset.id)).toEqual([japan.id]));
  });

  it('should export with the filters on screen, through the signed-in client', async () => {
    const createObjectURL = jest.fn(() => 'blob:export');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { calls } = renderWithApp(<BilateralListPage />, {
      path: `/c/${COMMITTEE_ID}/registers/bilateral?country=KR`,
      route: '/c/:committeeId/registers/bilateral',
      handler: apiTable({
        [`GET ${LIST}`]: page([japan, korea]),
        [`GET ${LIST}/export`]: () =>
          ({
            ok: true,
            status: 200,
            statusText: '',
            headers: new Headers({ 'Content-Disposition': 'attachment; filename="bilateral-meetings.xlsx"' }),
            blob: async () => new Blob(['x']),
          }) as unknown as Response,
      }),
    });
    await screen.findAllByTestId('bilateral-row');
    await userEvent.click(screen.getByTestId('export-xlsx'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(calls.find((call) => call.url.startsWith(`${LIST}/export`))?.url).toBe(`${LIST}/export?country=KR&format=xlsx`);
    click.mockRestore();
  });

  it('should say when the register is empty', async () => {
    renderWithApp(<BilateralListPage />, {
      path: `/c/${COMMITTEE_ID}/registers/bilateral`,
      route: '/c/:committeeId/registers/bilateral',
      handler: apiTable({ [`GET ${LIST}`]: page([]) }),
    });
    expect(await screen.findByTestId('register-empty')).toBeInTheDocument();
  });

  it('should offer a retry when the register fails to load', async () => {
    let fail = true;
    renderWithApp(<BilateralListPage />, {
      path: `/c/${COMMITTEE_ID}/registers/bilateral`,
      route: '/c/:committeeId/registers/bilateral',
      handler: apiTable({
        [`GET ${LIST}`]: () => (fail ? jsonResponse(503, { statusCode: 503, message: 'down' }) : jsonResponse(200, page([japan]))),
      }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    fail = false;
    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('bilateral-row')).toHaveLength(1);
  });

  it('should read in Bahasa Malaysia', async () => {
    await i18n.changeLanguage('ms');
    renderList();
    expect(await screen.findByRole('heading', { name: 'Mesyuarat dua hala' })).toBeInTheDocument();
    expect(screen.getAllByText('Menteri').length).toBeGreaterThan(0);
  });
});

describe(BilateralDetailPage.name, () => {
  it('should show objectives, a withheld field as such, commitments by side with overdue marked, and agreements', async () => {
    const meeting = makeBilateral({
      outcomes: undefined,
      redactedFields: ['outcomes'],
      fieldClassifications: { outcomes: 'SECRET' },
    });
    const late = makeCommitment(meeting.id, { side: 'theirs', text: 'Send two JICA experts', dueDate: '2020-01-31' });
    const ours = makeCommitment(meeting.id, { side: 'ours', text: 'Share the groundwater baseline', dueDate: '2099-01-01' });
    const mou = makeAgreement({
      country: 'JP',
      title: 'LoI on monitoring',
      kind: 'LoI',
      bilateralMeetingId: meeting.id,
      status: 'drafting',
    });
    const { calls } = renderWithApp(<BilateralDetailPage />, {
      path: `/c/${COMMITTEE_ID}/registers/bilateral/${meeting.id}`,
      route: '/c/:committeeId/registers/bilateral/:id',
      handler: apiTable(
        {
          [`GET /api/bilateral-meetings/${meeting.id}`]: meeting,
          [`GET /api/bilateral-meetings/${meeting.id}/commitments`]: [late, ours],
          [`GET ${AGREEMENTS}`]: page([mou, makeAgreement()]),
          [`PATCH /api/bilateral-commitments/${ours.id}`]: { ...ours, status: 'done', version: 2 },
        },
        memberUser,
        'chair',
      ),
    });
    expect(await screen.findByText('Technical cooperation on in-situ leaching monitoring.')).toBeInTheDocument();
    const outcomes = screen.getByRole('region', { name: 'Outcomes' });
    expect(within(outcomes).getByTestId('withheld-outcomes')).toHaveTextContent('Withheld — above your clearance');
    expect(within(outcomes).getByText('Secret')).toBeInTheDocument();

    const rows = await screen.findAllByTestId('commitment-row');
    const lateRow = rows.find((row) => row.dataset.id === late.id) as HTMLElement;
    expect(lateRow.closest('[data-side]')).toHaveAttribute('data-side', 'theirs');
    expect(within(lateRow).getByText('Overdue')).toBeInTheDocument();
    const ourRow = rows.find((row) => row.dataset.id === ours.id) as HTMLElement;
    expect(within(ourRow).queryByText('Overdue')).not.toBeInTheDocument();

    expect(await screen.findAllByTestId('agreement-row')).toHaveLength(1);
    expect(screen.getByText('LoI on monitoring')).toBeInTheDocument();

    await userEvent.click(within(ourRow).getByRole('checkbox'));
    await waitFor(() => expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ version: 1, status: 'done' }));
    await waitFor(() => expect(within(ourRow).getByRole('checkbox')).toBeChecked());
  });

  it('should say a record that is not there (or not permitted) is not found', async () => {
    renderWithApp(<BilateralDetailPage />, {
      path: `/c/${COMMITTEE_ID}/registers/bilateral/00000000-0000-4000-8000-000000000000`,
      route: '/c/:committeeId/registers/bilateral/:id',
      handler: apiTable({}),
    });
    expect(await screen.findByTestId('record-unavailable')).toHaveTextContent('does not exist or you may not see it');
  });
});

describe(`${RegisterCreator.name} (bilateral)`, () => {
  it('should require the country and send field levels above the record', async () => {
    const created = makeBilateral();
    const { calls, location } = renderWithApp(<RegisterCreator register={bilateral} committeeId={COMMITTEE_ID} clearance="SECRET" />, {
      path: '/new',
      handler: apiTable({ [`POST ${LIST}`]: created }),
    });
    await userEvent.click(screen.getByTestId('register-save'));
    expect(screen.getByLabelText(/^Country/)).toHaveFocus();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    await userEvent.type(screen.getByLabelText(/^Country/), 'kr');
    await userEvent.type(screen.getByLabelText(/^Counterpart/), 'KOMIR');
    await userEvent.selectOptions(screen.getByLabelText('Classification'), 'CONFIDENTIAL');
    await userEvent.type(screen.getByLabelText('Objectives'), 'Offtake of NdPr oxide');
    await userEvent.selectOptions(screen.getByLabelText('Classification of "Objectives"'), 'SECRET');
    await userEvent.click(screen.getByTestId('register-save'));
    await waitFor(() => expect(location.current.pathname).toBe(`/c/${COMMITTEE_ID}/registers/bilateral/${created.id}`));
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({
      country: 'KR',
      counterpart: 'KOMIR',
      classification: 'CONFIDENTIAL',
      objectives: 'Offtake of NdPr oxide',
      fieldClassifications: { objectives: 'SECRET' },
    });
  });
});

describe(CountryPage.name, () => {
  it("should show the partner's engagements, open commitments and agreements", async () => {
    const japan = makeBilateral({ country: 'JP', counterpart: 'JICA' });
    const korea = makeBilateral({ country: 'KR', counterpart: 'KOMIR' });
    const open = makeCommitment(japan.id, { text: 'Joint survey plan' });
    renderWithApp(<CountryPage />, {
      path: `/c/${COMMITTEE_ID}/registers/countries/JP`,
      route: '/c/:committeeId/registers/countries/:code',
      handler: apiTable({
        [`GET ${LIST}`]: page([japan, korea]),
        [`GET ${AGREEMENTS}`]: page([
          makeAgreement({ country: 'JP', title: 'JICA record of discussions' }),
          makeAgreement({ country: 'US' }),
        ]),
        [`GET /api/committees/${COMMITTEE_ID}/countries/JP`]: {
          country: 'JP',
          engagements: [japan],
          openCommitments: [open],
          agreements: [],
        },
      }),
    });
    expect(await screen.findByRole('heading', { level: 1, name: /Japan/ })).toBeInTheDocument();
    expect(await screen.findAllByTestId('timeline-item')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'JICA' })).toBeInTheDocument();
    expect(await screen.findByText('Joint survey plan')).toBeInTheDocument();
    expect(await screen.findByText('JICA record of discussions')).toBeInTheDocument();
    expect(screen.queryByText('MoU on critical minerals cooperation')).not.toBeInTheDocument();
  });
});
