import { afterEach, describe, expect, it } from '@jest/globals';
import type { ActivityEntry, ActivityPage } from '@sidang/shared';
import { act, screen } from '@testing-library/react';
import { setLocale } from '../../../lib/i18n/i18n.ts';
import { CHAIR_ID, COMMITTEE_ID, jsonResponse } from '../../../test/fixtures.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { ActivityList } from './activity-list.tsx';

const ACTION_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-000000000001';
const MEETING_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-000000000001';
const MINUTES_ID = 'cccccccc-cccc-4ccc-8ccc-000000000001';
const OWNER_ID = 'dddddddd-dddd-4ddd-8ddd-000000000001';
const UNNAMED_ID = 'eeeeeeee-eeee-4eee-8eee-000000000001';

const entry = (fields: Partial<ActivityEntry>): ActivityEntry => ({
  seq: 1,
  at: '2025-06-03T02:00:00.000Z',
  actorId: CHAIR_ID,
  actorName: 'Pengerusi (MITI)',
  entityType: 'action-item',
  entityId: ACTION_ID,
  verb: 'updated',
  title: null,
  changes: [],
  parentTitle: null,
  ancestorIds: [],
  names: {},
  ...fields,
});

const page: ActivityPage = {
  items: [
    entry({
      seq: 13,
      entityType: 'minutes',
      entityId: MINUTES_ID,
      parentTitle: 'Bil. 3/2026',
      ancestorIds: [MEETING_ID],
      changes: [{ field: 'status', before: 'draft', after: 'circulated' }],
    }),
    entry({
      seq: 12,
      title: 'Validate the resource estimate',
      changes: [
        { field: 'status', before: 'open', after: 'in_progress' },
        { field: 'ownerIds', before: [], after: [OWNER_ID, UNNAMED_ID] },
        { field: 'fieldClassifications', before: {}, after: { description: 'CONFIDENTIAL' } },
      ],
      names: { [OWNER_ID]: 'Ketua Pengarah JMG' },
    }),
  ],
  nextCursor: null,
};

/** Raw keys, enum values and ids: what the page must never show. */
const RAW = /status\.|activity\.|\b[a-z]+_[a-z_]+\b|[0-9a-f]{8}-[0-9a-f]{4}-/;

describe(ActivityList.name, () => {
  afterEach(async () => {
    await act(() => setLocale('en'));
  });

  it('should say each change in a sentence naming the record, with the moved fields in words', async () => {
    const { calls } = renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(200, page) });
    const minutes = await screen.findByRole('link', { name: 'the minutes of Bil. 3/2026' });
    expect(minutes.getAttribute('href')).toBe(`/c/${COMMITTEE_ID}/meetings/${MEETING_ID}`);
    expect(minutes.closest('.activity__sentence')?.textContent).toBe('Pengerusi (MITI) circulated the minutes of Bil. 3/2026');
    const action = screen.getByRole('link', { name: 'the action “Validate the resource estimate”' });
    expect(action.getAttribute('href')).toBe(`/c/${COMMITTEE_ID}/actions/${ACTION_ID}`);
    const lines = [...document.querySelectorAll('.activity__change')].map((line) => line.textContent?.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual([
      'Status: Draft →to Circulated',
      'Status: Not started →to In progress',
      'Owners: — →to Ketua Pengarah JMG',
      'Field classification: — →to Description: Confidential',
    ]);
    expect(document.body.textContent).not.toMatch(RAW);
    expect(calls.map((call) => call.url)).toEqual([`/api/committees/${COMMITTEE_ID}/activity?limit=50`]);
  });

  it('should say it in Bahasa Malaysia', async () => {
    await act(() => setLocale('ms'));
    renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(200, page) });
    const minutes = await screen.findByRole('link', { name: 'minit Bil. 3/2026' });
    expect(minutes.closest('.activity__sentence')?.textContent).toBe('Pengerusi (MITI) mengedarkan minit Bil. 3/2026');
    const lines = [...document.querySelectorAll('.activity__change')].map((line) => line.textContent?.replace(/\s+/g, ' ').trim());
    expect(lines[0]).toBe('Status: Draf →kepada Diedarkan');
    expect(lines[1]).toBe('Status: Belum bermula →kepada Dalam tindakan');
    expect(document.body.textContent).not.toMatch(RAW);
  });

  it('should name a record in the UI language from its title fields, the server title its fallback', async () => {
    await act(() => setLocale('ms'));
    const named: ActivityPage = {
      items: [
        entry({ seq: 3, verb: 'deleted', entityType: 'negotiation-round', title: 'Round 2', titleFields: { number: 2 } }),
        entry({
          seq: 2,
          verb: 'deleted',
          entityType: 'bilateral-meeting',
          title: 'JICA (JP), 2026-08-02',
          titleFields: { counterpart: 'JICA', country: 'JP', date: '2026-08-02' },
        }),
        entry({ seq: 1, verb: 'deleted', entityType: 'negotiation-round', title: 'Round 1' }),
      ],
      nextCursor: null,
    };
    renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(200, named) });
    expect(await screen.findByText('pusingan rundingan “Pusingan 2”')).toBeTruthy();
    expect(screen.getByText(/“JICA \(JP\), 2 Ogo 2026”/)).toBeTruthy();
    expect(screen.getByText('pusingan rundingan “Round 1”')).toBeTruthy();
    expect(document.body.textContent).not.toContain('2026-08-02');
  });

  it('should link nothing in the compact history, nor a deleted record', async () => {
    const deleted: ActivityPage = { items: [entry({ verb: 'deleted', title: 'Gone' })], nextCursor: null };
    renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(200, deleted) });
    expect(await screen.findByText('the action “Gone”')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('should say when there is nothing yet', async () => {
    renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(200, { items: [], nextCursor: null }) });
    expect(await screen.findByText('No changes yet.')).toBeTruthy();
  });

  it('should say it is loading until the page comes', async () => {
    renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => new Promise<Response>(() => undefined) });
    expect(await screen.findByRole('status')).toBeTruthy();
  });

  it('should offer a retry when the load fails', async () => {
    renderWithApp(<ActivityList committeeId={COMMITTEE_ID} />, { handler: () => jsonResponse(500, { statusCode: 500, message: 'x' }) });
    expect(await screen.findByText('Could not load the activity.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
