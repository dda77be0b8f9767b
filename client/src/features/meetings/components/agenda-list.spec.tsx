import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import { renderWithApp } from '../../../test/render.tsx';
import { makeAgenda } from '../test-fixtures.ts';
import { AgendaList, type MoveTarget } from './agenda-list.tsx';
import { pressKeys, stubRowGeometry } from './test-geometry.ts';

describe(AgendaList.name, () => {
  let restore: () => void;
  beforeEach(() => {
    restore = stubRowGeometry();
  });
  afterEach(() => restore());

  it('should number the agenda 1, 2, 2.1 with presenter and time allocation', () => {
    const items = makeAgenda([["Chair's opening remarks"], ['Papers', ['NdPr pilot', 'Magnet plant']], ['Close']]);
    const papers = items[1];
    if (papers) Object.assign(papers, { presenter: 'MIDA', durationMinutes: 20 });
    renderWithApp(<AgendaList items={items} />);
    const rows = screen.getAllByTestId('agenda-item');
    expect(rows.map((row) => row.getAttribute('data-number'))).toEqual(['1', '2', '2.1', '2.2', '3']);
    const second = within(rows[1] as HTMLElement);
    expect(second.getByText('MIDA')).toBeInTheDocument();
    expect(second.getByText('20 min')).toBeInTheDocument();
    // Sub-items are a list inside their parent's entry.
    expect(within(rows[1] as HTMLElement).getAllByTestId('agenda-item')).toHaveLength(2);
    expect(screen.queryByTestId('agenda-handle')).not.toBeInTheDocument();
  });

  it('should ask to move an item one place down from the keyboard', async () => {
    const items = makeAgenda([['Opening'], ['Minutes'], ['Matters arising'], ['Close']]);
    const onMove = jest.fn<(target: MoveTarget) => void>();
    renderWithApp(<AgendaList items={items} canReorder onMove={onMove} />);
    const handle = screen.getByRole('button', { name: 'Move item 1: Opening' });
    await pressKeys(handle, ['Space', 'ArrowDown', 'Space']);
    expect(onMove).toHaveBeenCalledTimes(1);
    expect(onMove.mock.calls[0]?.[0]).toMatchObject({ item: { id: items[0]?.id }, parentId: null, position: 1 });
  });
});
