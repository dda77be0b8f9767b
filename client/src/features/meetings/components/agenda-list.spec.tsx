import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { AgendaItem } from '@sidang/shared';
import { screen, within } from '@testing-library/react';
import { renderWithApp } from '../../../test/render.tsx';
import { makeAgenda } from '../test-fixtures.ts';
import { AgendaList, INDENT_PX, type MoveTarget, planMove } from './agenda-list.tsx';
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

describe(`${AgendaList.name} by keyboard`, () => {
  let restore: () => void;
  beforeEach(() => {
    restore = stubRowGeometry();
  });
  afterEach(() => restore());

  // 1 Opening · 2 Minutes · 3 Matters arising · 4 Papers (4.1 NdPr pilot, 4.2 Magnet plant) · 5 Close
  const agenda = () => makeAgenda([['Opening'], ['Minutes'], ['Matters arising'], ['Papers', ['NdPr pilot', 'Magnet plant']], ['Close']]);
  const announced = () => document.querySelector('[id^="DndLiveRegion"]')?.textContent ?? '';
  const rowOf = (number: string) => document.querySelector(`[data-testid="agenda-item"][data-number="${number}"]`) as HTMLElement;

  it('should step item 1 down through every top-level item (4, then 5: never a sub-item), draw the target and announce it truly', async () => {
    const items = agenda();
    const onMove = jest.fn<(target: MoveTarget) => void>();
    renderWithApp(<AgendaList items={items} canReorder onMove={onMove} />);
    const handle = screen.getByRole('button', { name: 'Move item 1: Opening' });
    await pressKeys(handle, ['Space', 'ArrowDown', 'ArrowDown', 'ArrowDown']);
    expect(announced()).toContain('Item 1 is over the place of item 4.');
    expect(rowOf('4')).toHaveClass('agenda__item--drop-over');
    expect(rowOf('3')).not.toHaveClass('agenda__item--drop-over');
    await pressKeys(handle, ['ArrowDown']);
    expect(announced()).toContain('Item 1 is over the place of item 5.');
    expect(rowOf('5')).toHaveClass('agenda__item--drop-over');
    expect(rowOf('4.1')).not.toHaveClass('agenda__item--drop-over');
    await pressKeys(handle, ['Space']);
    expect(onMove).toHaveBeenCalledTimes(1);
    expect(onMove.mock.calls[0]?.[0]).toMatchObject({ item: { id: items[0]?.id }, parentId: null, position: 4 });
    expect(announced()).toContain('Item 1 dropped at the place of item 5.');
  });

  it("should move a sub-item to another parent's sub-items, and out of its parent with the left arrow, as announced", async () => {
    const items = agenda();
    const papers = items.find((item) => item.title === 'Papers') as AgendaItem;
    const onMove = jest.fn<(target: MoveTarget) => void>();
    renderWithApp(<AgendaList items={items} canReorder onMove={onMove} />);
    const handle = screen.getByRole('button', { name: 'Move item 4.2: Magnet plant' });
    await pressKeys(handle, ['Space', 'ArrowLeft']);
    expect(screen.getByTestId('agenda-key-place')).toHaveTextContent('Item 4.2 will become a top-level item after item 4.');
    expect(rowOf('4')).toHaveClass('agenda__item--drop-after');
    await pressKeys(handle, ['Space']);
    expect(onMove.mock.calls[0]?.[0]).toMatchObject({ parentId: null, position: 4 });

    // Up from 4.2 is 4.1, not the top-level item 4: a drop there does what it says.
    await pressKeys(handle, ['Space', 'ArrowUp', 'Space']);
    expect(onMove.mock.calls[1]?.[0]).toMatchObject({ parentId: papers.id, position: 0 });
  });

  it('should make a top-level item a sub-item of the item it is over with the right arrow', async () => {
    const items = agenda();
    const papers = items.find((item) => item.title === 'Papers') as AgendaItem;
    const onMove = jest.fn<(target: MoveTarget) => void>();
    renderWithApp(<AgendaList items={items} canReorder onMove={onMove} />);
    const handle = screen.getByRole('button', { name: 'Move item 5: Close' });
    await pressKeys(handle, ['Space', 'ArrowRight']);
    expect(screen.getByTestId('agenda-key-place')).toHaveTextContent('Item 5 will become the last sub-item of item 4.');
    expect(rowOf('4')).toHaveClass('agenda__item--nest-target');
    await pressKeys(handle, ['Space']);
    expect(onMove.mock.calls[0]?.[0]).toMatchObject({ parentId: papers.id, position: 2 });
    expect(announced()).toContain('Item 5 will become the last sub-item of item 4. Saving the new order.');
  });
});

describe(planMove.name, () => {
  // 1 Opening · 2 Papers (2.1 NdPr pilot, 2.2 Magnet plant) · 3 Other business · 4 Close
  const items = makeAgenda([['Opening'], ['Papers', ['NdPr pilot', 'Magnet plant']], ['Other business'], ['Close']]);
  const byTitle = (title: string) => {
    const found = items.find((item) => item.title === title);
    if (!found) throw new Error(title);
    return found;
  };
  const right = INDENT_PX + 10;
  const left = -(INDENT_PX + 10);

  it('should keep the keyboard among siblings: another level is no place', () => {
    expect(planMove(items, byTitle('Close'), byTitle('Opening'), 0, false)).toEqual({ parentId: null, position: 0 });
    expect(planMove(items, byTitle('Close'), byTitle('NdPr pilot'), right, false)).toBeNull();
    expect(planMove(items, byTitle('Magnet plant'), byTitle('NdPr pilot'), 0, false)).toEqual({
      parentId: byTitle('Papers').id,
      position: 0,
    });
  });

  it('should make a top-level item the last sub-item of the item it is dragged right onto, or of the one above it', () => {
    expect(planMove(items, byTitle('Other business'), byTitle('Papers'), right, true)).toEqual({
      parentId: byTitle('Papers').id,
      position: 2,
    });
    expect(planMove(items, byTitle('Close'), byTitle('Close'), right, true)).toEqual({
      parentId: byTitle('Other business').id,
      position: 0,
    });
    // Without the move to the right it takes the place at the top level.
    expect(planMove(items, byTitle('Close'), byTitle('Papers'), 0, true)).toEqual({ parentId: null, position: 1 });
  });

  it('should take a sub-item to the top level: dragged left out of its parent, or dropped on a top-level item', () => {
    expect(planMove(items, byTitle('NdPr pilot'), byTitle('NdPr pilot'), left, true)).toEqual({ parentId: null, position: 2 });
    expect(planMove(items, byTitle('Magnet plant'), byTitle('Close'), 0, true)).toEqual({ parentId: null, position: 3 });
    // Onto a sub-item of another parent: its place there.
    expect(planMove(items, byTitle('Opening'), byTitle('Magnet plant'), 0, true)).toEqual({ parentId: byTitle('Papers').id, position: 1 });
  });

  it('should keep an item with sub-items at the top level', () => {
    expect(planMove(items, byTitle('Papers'), byTitle('Other business'), right, true)).toEqual({ parentId: null, position: 2 });
    expect(planMove(items, byTitle('Papers'), byTitle('NdPr pilot'), 0, true)).toBeNull();
    expect(planMove(items, byTitle('Opening'), byTitle('Opening'), right, true)).toBeNull();
  });
});
