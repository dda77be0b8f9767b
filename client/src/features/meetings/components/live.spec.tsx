import { describe, expect, it } from '@jest/globals';
import { act, screen } from '@testing-library/react';
import { setLocale } from '../../../lib/i18n/i18n.ts';
import { renderWithApp } from '../../../test/render.tsx';
import { makeAgenda, makeMeeting } from '../test-fixtures.ts';
import { ItemTimer, NowOn } from './live.tsx';

function startedAgo(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

describe(ItemTimer.name, () => {
  it('should show the time on the current item against its allocation', () => {
    const agenda = makeAgenda([['Papers']]);
    const papers = agenda[0];
    if (papers) papers.durationMinutes = 10;
    const meeting = makeMeeting({
      status: 'in_progress',
      currentAgendaItemId: papers?.id,
      currentItemStartedAt: startedAgo(4 * 60_000 + 5_400),
    });
    renderWithApp(<ItemTimer meeting={meeting} items={agenda} />);
    expect(screen.getByTestId('item-timer')).toHaveTextContent('04:05 of 10 min');
    expect(screen.getByTestId('item-timer')).not.toHaveAttribute('data-over');
  });

  it('should say so when the item runs over its allocation', () => {
    const agenda = makeAgenda([['Papers']]);
    const papers = agenda[0];
    if (papers) papers.durationMinutes = 3;
    const meeting = makeMeeting({
      status: 'in_progress',
      currentAgendaItemId: papers?.id,
      currentItemStartedAt: startedAgo(5 * 60_000 + 500),
    });
    renderWithApp(<ItemTimer meeting={meeting} items={agenda} />);
    expect(screen.getByTestId('item-timer')).toHaveAttribute('data-over', 'true');
    expect(screen.getByTestId('item-timer')).toHaveTextContent('05:00 of 3 min over time');
  });

  it('should show nothing when the meeting is not in progress', () => {
    const agenda = makeAgenda([['Papers']]);
    const meeting = makeMeeting({ status: 'adjourned', currentAgendaItemId: agenda[0]?.id, currentItemStartedAt: startedAgo(1000) });
    renderWithApp(<ItemTimer meeting={meeting} items={agenda} />);
    expect(screen.queryByTestId('item-timer')).not.toBeInTheDocument();
  });
});

describe(NowOn.name, () => {
  it('should say a restricted item is being discussed when the server withheld the current item, in either language', async () => {
    const agenda = makeAgenda([['Papers']]);
    const meeting = makeMeeting({
      status: 'in_progress',
      currentAgendaItemId: null,
      currentItemStartedAt: null,
      currentItemRestricted: true,
    });
    renderWithApp(<NowOn meeting={meeting} items={agenda} />);
    expect(screen.getByTestId('live-now')).toHaveTextContent('A restricted item is being discussed');
    await act(() => setLocale('ms'));
    expect(screen.getByTestId('live-now')).toHaveTextContent('Perkara terhad sedang dibincangkan');
    await act(() => setLocale('en'));
  });

  it('should say no item is current when none is (positive control: the flag is what changes it)', () => {
    const meeting = makeMeeting({ status: 'in_progress', currentAgendaItemId: null, currentItemRestricted: false });
    renderWithApp(<NowOn meeting={meeting} items={makeAgenda([['Papers']])} />);
    expect(screen.getByTestId('live-now')).toHaveTextContent('No item is current yet.');
  });
});
