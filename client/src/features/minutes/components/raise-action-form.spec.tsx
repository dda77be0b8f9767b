import { describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COMMITTEE_ID, chairUser, jsonResponse, makeActionItem } from '../../../test/fixtures.ts';
import { type Handler, renderWithApp } from '../../../test/render.tsx';
import { makeSection } from '../test-fixtures.ts';
import { agenciesForRaise, RaiseActionForm } from './action-line.tsx';

describe(RaiseActionForm.name, () => {
  // A passage of CONFIDENTIAL minutes (the section's level is the highest of meeting, item and section).
  const section = makeSection({
    number: '3.2',
    classification: 'CONFIDENTIAL',
    actionLine: { kind: 'action', agencies: ['MIDA'], actionItemIds: [] },
  });
  const serve =
    (answer: () => Response): Handler =>
    ({ method, url }) => {
      if (url === '/api/auth/me') return jsonResponse(200, chairUser);
      if (method === 'POST' && url === `/api/committees/${COMMITTEE_ID}/action-items`) return answer();
      if (method === 'PATCH' && url === `/api/minutes-sections/${section.id}`) return jsonResponse(200, { ...section, version: 2 });
      return jsonResponse(404, { statusCode: 404, message: 'Not found' });
    };
  const posts = (calls: Array<{ method: string; url: string; body: unknown }>) =>
    calls.filter((call) => call.method === 'POST' && call.url.endsWith('/action-items'));

  it('should raise at the section level with the agencies the passage names, and the section as origin', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(
      <RaiseActionForm
        section={section}
        committeeId={COMMITTEE_ID}
        quote={'Prepare the costed incentive paper.\nTindakan: JMG, NRES'}
        onDone={() => undefined}
      />,
      { handler: serve(() => jsonResponse(201, makeActionItem({ classification: 'CONFIDENTIAL' }))) },
    );
    expect(await screen.findByRole('combobox', { name: 'Classification' })).toHaveValue('CONFIDENTIAL');
    expect(screen.getByTestId('inherited-level')).toHaveTextContent('Inherited from the minutes of item 3.2 (Confidential)');
    expect(screen.getByRole('textbox', { name: 'Owner agencies' })).toHaveValue('JMG, NRES');
    await user.click(screen.getByRole('button', { name: 'Raise action item' }));
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    const body = posts(calls)[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      ownerAgencies: ['JMG', 'NRES'],
      meetingId: section.meetingId,
      agendaItemId: section.agendaItemId,
      minutesSectionId: section.id,
    });
    // The level is the server's to apply from the origin: the OPEN default of old is gone.
    expect(body).not.toHaveProperty('classification');
  });

  it('should require a reason for a level below the section, then send both', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(
      <RaiseActionForm section={section} committeeId={COMMITTEE_ID} quote="Brief the state governments" onDone={() => undefined} />,
      { handler: serve(() => jsonResponse(201, makeActionItem({ classification: 'OPEN' }))) },
    );
    // No agencies in the passage: those of the section's action line.
    expect(await screen.findByRole('textbox', { name: 'Owner agencies' })).toHaveValue('MIDA');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Classification' }), 'OPEN');
    await user.click(screen.getByRole('button', { name: 'Raise action item' }));
    expect(await screen.findByText('Give a reason for declassification.')).toBeInTheDocument();
    expect(posts(calls)).toHaveLength(0);
    await user.type(screen.getByRole('textbox', { name: /Reason for declassification/ }), 'Briefing is public');
    await user.click(screen.getByRole('button', { name: 'Raise action item' }));
    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0]?.body).toMatchObject({ classification: 'OPEN', declassificationReason: 'Briefing is public' });
  });

  it('should show the server refusal below_origin by its code', async () => {
    const user = userEvent.setup();
    renderWithApp(<RaiseActionForm section={section} committeeId={COMMITTEE_ID} quote="Brief" onDone={() => undefined} />, {
      handler: serve(() =>
        jsonResponse(400, {
          statusCode: 400,
          code: 'below_origin',
          message: 'classification: must not be below its origin (SECRET) without declassificationReason',
          issues: [{ field: 'classification', path: 'classification', code: 'below_origin', message: '…', params: { level: 'SECRET' } }],
        }),
      ),
    });
    await user.click(await screen.findByRole('button', { name: 'Raise action item' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cannot be below Secret, the level it inherits, without a reason for declassification.',
    );
  });
});

describe('agenciesForRaise', () => {
  it('should take the agencies a passage names, else the action line, never "for information"', () => {
    expect(agenciesForRaise('Siapkan kertas. Tindakan: jmg, NRES', null)).toEqual(['JMG', 'NRES']);
    expect(agenciesForRaise('Action: MIDA', { kind: 'action', agencies: ['JMG'], actionItemIds: [] })).toEqual(['MIDA']);
    expect(agenciesForRaise('Tindakan: Untuk makluman', { kind: 'action', agencies: ['JMG'], actionItemIds: [] })).toEqual(['JMG']);
    expect(agenciesForRaise('No agencies here', { kind: 'information' })).toEqual([]);
  });
});
