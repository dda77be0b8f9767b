import { describe, expect, it } from '@jest/globals';
import type { CommitteeSettings } from '@sidang/shared';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n/i18n.ts';
import { CHAIR_ID, jsonResponse } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { MEETING_ID, makeSettings, serveAttendanceSettings } from '../test-fixtures.ts';
import { AttendancePanel } from './attendance-panel.tsx';

const settingsOf = (overrides: Partial<CommitteeSettings> = {}) => makeSettings({ version: 3, ...overrides });

describe('withholding papers from those who step out', () => {
  it('should let the chair switch it by keyboard, sending only that field with the version it read', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, {
      handler: serveAttendanceSettings(settingsOf(), ({ body }) => jsonResponse(200, settingsOf({ ...(body as object), version: 4 }))),
    });
    const toggle = await screen.findByRole('checkbox', { name: 'Those who step out of an item do not get its papers' });
    expect(toggle).not.toBeChecked();
    expect(toggle).toHaveAccessibleDescription(/Withheld everywhere/);
    toggle.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(screen.getByTestId('recused-without-papers')).toBeChecked());
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([{ version: 3, recusedWithoutPapers: true }]);
  });

  it('should say so when someone changed the settings meanwhile (409)', async () => {
    const user = userEvent.setup();
    renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, {
      handler: serveAttendanceSettings(settingsOf(), () =>
        jsonResponse(409, { statusCode: 409, code: 'version_conflict', message: 'Changed' }),
      ),
    });
    await user.click(await screen.findByTestId('recused-without-papers'));
    expect(await screen.findByRole('alert')).toHaveTextContent('The settings were changed meanwhile');
  });

  it('should not offer it to a member', async () => {
    renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage={false} meId={undefined} />, {
      handler: serveAttendanceSettings(settingsOf()),
    });
    await screen.findByTestId('quorum');
    expect(screen.queryByTestId('recused-without-papers')).toBeNull();
  });

  it('should say it in Bahasa Malaysia', async () => {
    await i18n.changeLanguage('ms');
    try {
      const view = renderWithApp(<AttendancePanel meetingId={MEETING_ID} canManage meId={CHAIR_ID} />, {
        handler: serveAttendanceSettings(settingsOf()),
      });
      expect(
        await screen.findByRole('checkbox', { name: 'Mereka yang keluar daripada sesuatu perkara tidak menerima kertasnya' }),
      ).toBeInTheDocument();
      view.unmount();
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
