import type { Page } from 'playwright-core';

/**
 * What an agenda drag looks like on the page right now, for a failure message: what the screen
 * reader was told, where each row is (`number@top+height`, `*` the dragged one), the scroll and
 * the focus.
 */
export function agendaDragState(page: Page): Promise<string> {
  return page
    .evaluate(() => ({
      announced: Array.from(document.querySelectorAll('[id^="DndLiveRegion"]')).map((region) => region.textContent),
      visibility: document.visibilityState,
      focused: document.activeElement?.getAttribute('aria-label'),
      scrollY: window.scrollY,
      rows: Array.from(document.querySelectorAll('[data-testid="agenda-item"]')).map((row) => {
        const box = row.getBoundingClientRect();
        return `${row.getAttribute('data-number')}@${Math.round(box.top)}+${Math.round(box.height)}${row.className.includes('dragging') ? '*' : ''}`;
      }),
    }))
    .then((state) => JSON.stringify(state));
}

/**
 * Waits two frames: dnd-kit measures the drop places in the frame after a pick-up, and a key or
 * a move sent sooner than any person could send it is measured against the old places.
 */
export function afterTwoFrames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}
