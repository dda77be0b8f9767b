import { describe, expect, it } from '@jest/globals';
import type { ActionsByAgencyReport, AttendanceReport } from '@sidang/shared';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse, MEMBER_ID } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { ReportsPage } from './reports-page.tsx';

const ROUTE = '/c/:committeeId/reports';
const PATH = `/c/${COMMITTEE_ID}/reports`;
const YEAR = new Date().getFullYear();

function attendance(year: number, meetings: number): AttendanceReport {
  return {
    committeeId: COMMITTEE_ID,
    year,
    meetings,
    classification: meetings > 2 ? 'SECRET' : 'OPEN',
    rows: [
      {
        userId: CHAIR_ID,
        name: 'Dato’ Pengerusi',
        agency: 'MITI',
        role: 'chair',
        invited: meetings,
        present: meetings,
        apologies: 0,
        absent: 0,
        rate: meetings ? 100 : null,
      },
      {
        userId: MEMBER_ID,
        name: 'Aminah Hassan',
        agency: 'JMG',
        role: 'member',
        invited: meetings,
        present: 1,
        apologies: 1,
        absent: Math.max(0, meetings - 2),
        rate: meetings ? Math.round(100 / meetings) : null,
      },
    ],
  };
}

const actions: ActionsByAgencyReport = {
  committeeId: COMMITTEE_ID,
  today: '2026-12-07',
  classification: 'CONFIDENTIAL',
  rows: [
    { agency: 'JMG', open: 3, overdue: 1, done: 2 },
    { agency: '', open: 1, overdue: 0, done: 0 },
  ],
};

const serve: Handler = ({ url }) => {
  const parsed = new URL(url, 'http://localhost');
  if (parsed.pathname === `/api/committees/${COMMITTEE_ID}/reports/attendance`) {
    const year = Number(parsed.searchParams.get('year'));
    return jsonResponse(200, attendance(year, year === YEAR ? 2 : 3));
  }
  if (parsed.pathname === `/api/committees/${COMMITTEE_ID}/reports/actions-by-agency`) return jsonResponse(200, actions);
  return jsonResponse(404, { statusCode: 404, message: 'Not found' });
};

/** The markings shown, in page order. */
const badges = () => Array.from(document.querySelectorAll('.badge--class')).map((badge) => badge.getAttribute('data-level'));

describe(ReportsPage.name, () => {
  it('should show attendance per member and actions per agency in dense tables, each with its marking', async () => {
    renderWithApp(<ReportsPage />, { route: ROUTE, path: PATH, handler: serve });
    const table = await screen.findByTestId('attendance-report');
    const rows = within(table)
      .getAllByTestId('attendance-row')
      .map((row) => Array.from(row.children).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Dato’ Pengerusi', 'MITI', '2', '2', '0', '0', '100%'],
      ['Aminah Hassan', 'JMG', '2', '1', '1', '0', '50%'],
    ]);
    expect(screen.getByText(`2 meetings held in ${YEAR}`)).toBeInTheDocument();
    const agencies = await screen.findByTestId('actions-report');
    expect(
      within(agencies)
        .getAllByTestId('actions-row')
        .map((row) => row.textContent),
    ).toEqual(['JMG312', '(no agency)100']);
    expect(badges()).toEqual(['OPEN', 'CONFIDENTIAL']);
    expect(screen.getByRole('button', { name: 'Download Attendance as CSV' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download Actions by agency as Excel' })).toBeInTheDocument();
  });

  it('should read another year when one is chosen, with its marking', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<ReportsPage />, { route: ROUTE, path: PATH, handler: serve });
    await screen.findByTestId('attendance-report');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Year' }), String(YEAR - 1));
    await waitFor(() => expect(screen.getByText(`3 meetings held in ${YEAR - 1}`)).toBeInTheDocument());
    expect(calls.some((call) => call.url.includes(`year=${YEAR - 1}`))).toBe(true);
    await waitFor(() => expect(badges()[0]).toBe('SECRET'));
  });

  it('should say so in Bahasa Malaysia when nothing was held, and offer a retry when loading failed', async () => {
    const empty: Handler = ({ url }) =>
      url.includes('attendance')
        ? jsonResponse(200, { ...attendance(YEAR, 0), rows: [] })
        : jsonResponse(500, { statusCode: 500, message: 'x' });
    await act(async () => {
      await i18n.changeLanguage('ms');
    });
    try {
      renderWithApp(<ReportsPage />, { route: ROUTE, path: PATH, handler: empty });
      expect(await screen.findByText(`Tiada mesyuarat yang boleh anda lihat diadakan pada ${YEAR}.`)).toBeInTheDocument();
      expect(await screen.findByText('Laporan tidak dapat dimuatkan.')).toBeInTheDocument();
      expect(screen.getByRole('heading', { name: 'Tindakan mengikut agensi' })).toBeInTheDocument();
    } finally {
      await act(async () => {
        await i18n.changeLanguage('en');
      });
    }
  });
});
