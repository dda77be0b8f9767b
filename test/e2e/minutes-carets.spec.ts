import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite.js';
import { aMeetingWithMinutesSection } from '../support/minutes-meeting.js';
import { DEMO_USERS, login } from '../support/server-process.js';

/** How long to wait for an edit or a caret to arrive on a loaded machine. */
const ARRIVE_TIMEOUT_MS = 20_000;

const TEXT =
  'Pilot plant discussed at length by the members present, with reports from JMG and MIDA on the rare earth processing pilot, its permits and the schedule agreed for the next review.';

/**
 * Issue "first day", point 4: another person's caret label on a phone may neither cover the words
 * (the line it stands above, or its own) nor run off the editor's box, at the start of the text,
 * at the end of a wrapped line (the right edge), in the middle of a line and at the end.
 */
describe('Caret labels in the minutes editor on a phone', () => {
  const suite = browserSuite({
    member: { email: DEMO_USERS.chair, viewport: { width: 360, height: 740 } },
    writer: { email: DEMO_USERS.secretariat },
  });
  let meetingId = '';
  let sectionId = '';
  let writerName = '';

  beforeAll(async () => {
    writerName = (await login(suite.server.url, DEMO_USERS.secretariat)).user.name;
    ({ meetingId, sectionId } = await aMeetingWithMinutesSection(suite.server.url, suite.token, suite.committeeId, {
      meeting: `Carets ${Date.now()}`,
      item: 'Rare earth processing pilot',
    }));
  }, 60_000);

  const editorSelector = () => `[data-section-id="${sectionId}"] .ProseMirror`;

  async function openMinutes(page: Page): Promise<void> {
    await page.goto(`${suite.server.url}/c/${suite.committeeId}/meetings/${meetingId}/minutes`);
    await page
      .locator(`[data-section-id="${sectionId}"] [data-testid="section-sync"][data-status="synced"]`)
      .waitFor({ timeout: ARRIVE_TIMEOUT_MS });
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.getAttribute('contenteditable') === 'true',
      editorSelector(),
    );
  }

  /** Puts the writer's caret after `offset` letters of the section's text. */
  async function moveWriterCaret(page: Page, offset: number): Promise<void> {
    await page.evaluate(
      ([selector, at]) => {
        const editor = document.querySelector(selector as string) as HTMLElement;
        editor.focus();
        const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
        let left = at as number;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (left <= length) {
            document.getSelection()?.collapse(node, left);
            return;
          }
          left -= length;
        }
      },
      [editorSelector(), offset] as const,
    );
  }

  /** Where the writer's caret stands on the member's screen: letters before it (labels aside), or -1. */
  function caretOffsetOn(page: Page): Promise<number> {
    return page.evaluate((selector) => {
      const editor = document.querySelector(selector);
      const caret = editor?.querySelector('.collaboration-carets__caret');
      if (!editor || !caret) return -1;
      let count = 0;
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (caret.contains(node)) continue;
        if (caret.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) break;
        count += node.textContent?.length ?? 0;
      }
      return count;
    }, editorSelector());
  }

  /** Offsets of the member's lines: where each wrapped line of the text starts. */
  function lineStartsOn(page: Page): Promise<number[]> {
    return page.evaluate((selector) => {
      const editor = document.querySelector(selector) as HTMLElement;
      const text = [...editor.querySelectorAll('p')][0]?.firstChild;
      if (!text) return [];
      const starts: number[] = [0];
      let top = Number.NaN;
      const range = document.createRange();
      for (let i = 0; i < (text.textContent?.length ?? 0); i += 1) {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const rect = range.getBoundingClientRect();
        if (!Number.isNaN(top) && rect.top > top + 2) starts.push(i);
        top = rect.top;
      }
      return starts;
    }, editorSelector());
  }

  /** What is wrong with the writer's label on the member's screen, one line a problem. */
  function labelProblems(page: Page): Promise<string[]> {
    return page.evaluate((selector) => {
      const editor = document.querySelector(selector) as HTMLElement;
      const label = editor.querySelector('.collaboration-carets__label');
      if (!label) return ['no label'];
      const box = editor.getBoundingClientRect();
      const own = label.getBoundingClientRect();
      const at = `label ${Math.round(own.left)}–${Math.round(own.right)} × ${Math.round(own.top)}–${Math.round(own.bottom)}`;
      const problems: string[] = [];
      if (own.left < box.left - 0.5 || own.right > box.right + 0.5 || own.top < box.top - 0.5 || own.bottom > box.bottom + 0.5)
        problems.push(
          `${at} outside the editor ${Math.round(box.left)}–${Math.round(box.right)} × ${Math.round(box.top)}–${Math.round(box.bottom)}`,
        );
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (label.contains(node) || !node.textContent?.trim()) continue;
        range.selectNodeContents(node);
        for (const line of range.getClientRects()) {
          const across = Math.min(own.right, line.right) - Math.max(own.left, line.left);
          const down = Math.min(own.bottom, line.bottom) - Math.max(own.top, line.top);
          if (across > 0.5 && down > 0.5)
            problems.push(
              `${at} covers "${node.textContent.trim().slice(0, 20)}…" (line ${Math.round(line.top)}–${Math.round(line.bottom)})`,
            );
        }
      }
      return problems;
    }, editorSelector());
  }

  it('should keep the other editor name on the phone inside the editor and off the words, wherever the caret stands', async () => {
    const member = suite.member?.page as Page;
    const writer = suite.writer?.page as Page;
    await Promise.all([openMinutes(member), openMinutes(writer)]);
    await writer.locator(editorSelector()).click();
    await writer.keyboard.type(TEXT);
    await member.waitForFunction(
      ([selector, wanted]) => (document.querySelector(selector as string)?.textContent ?? '').includes(wanted as string),
      [editorSelector(), TEXT.slice(-20)] as const,
      { timeout: ARRIVE_TIMEOUT_MS },
    );
    await member.locator('.collaboration-carets__label', { hasText: writerName }).waitFor({ timeout: ARRIVE_TIMEOUT_MS });

    const starts = await lineStartsOn(member);
    expect(starts.length).toBeGreaterThanOrEqual(3);
    const second = starts[1] ?? 0;
    const third = starts[2] ?? TEXT.length;
    // The start, the end of the first line (at the right edge), the middle of the second line, the end.
    const places = [0, second - 1, Math.round((second + third) / 2), TEXT.length];
    const found: Record<number, string[]> = {};
    for (const offset of places) {
      await moveWriterCaret(writer, offset);
      for (const deadline = Date.now() + ARRIVE_TIMEOUT_MS; (await caretOffsetOn(member)) !== offset; ) {
        if (Date.now() > deadline) throw new Error(`the caret did not reach ${offset} on the phone`);
        await member.waitForTimeout(100);
      }
      // A frame for the label to settle where it is drawn.
      await member.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      found[offset] = await labelProblems(member);
    }
    expect(await caretOffsetOn(member)).toBe(TEXT.length);
    expect(found).toEqual(Object.fromEntries(places.map((offset) => [offset, []])));
  }, 180_000);
});
