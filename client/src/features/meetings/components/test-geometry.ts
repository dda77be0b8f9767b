import { act, fireEvent } from '@testing-library/react';

/**
 * jsdom lays nothing out: gives every agenda row a box (40 px high, one under another, in
 * document order) so that drag and drop and its keyboard sensor can measure. Returns the undo.
 */
export function stubRowGeometry(): () => void {
  const original = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function getBoundingClientRect(this: Element) {
    const row = this.closest('[data-testid="agenda-item"]');
    if (!row) return original.call(this);
    const rows = Array.from(document.querySelectorAll('[data-testid="agenda-item"]'));
    const index = rows.indexOf(row);
    const top = index * 40;
    return { x: 0, y: top, top, left: 0, right: 600, bottom: top + 40, width: 600, height: 40, toJSON: () => ({}) } as DOMRect;
  };
  return () => {
    Element.prototype.getBoundingClientRect = original;
  };
}

/** Keys on a drag handle, one at a time: the keyboard sensor listens from the tick after pick-up. */
export async function pressKeys(handle: HTMLElement, codes: string[]): Promise<void> {
  handle.focus();
  for (const code of codes) {
    await act(async () => {
      fireEvent.keyDown(handle, { code, key: code === 'Space' ? ' ' : code });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}
