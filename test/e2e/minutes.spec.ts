import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Meeting, Minutes } from '@sidang/shared';
import type { Page } from 'playwright-core';
import { blockingViolations } from '../support/accessibility.js';
import { openBrowser, signInThroughUi } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { aMeetingWithMinutesSection } from '../support/minutes-meeting.js';
import { api, DEMO_PASSWORD, DEMO_USERS, login } from '../support/server-process.js';

/** How long to wait before calling an edit lost on a loaded machine. */
const ARRIVE_TIMEOUT_MS = 20_000;

describe('Minutes in the browser', () => {
  const suite = browserSuite({ chair: { email: DEMO_USERS.chair }, secretariat: { email: DEMO_USERS.secretariat } });
  let meetingId = '';
  let sectionId = '';
  let chairName = '';
  let secretariatName = '';

  beforeAll(async () => {
    chairName = (await login(suite.server.url, DEMO_USERS.chair)).user.name;
    secretariatName = (await login(suite.server.url, DEMO_USERS.secretariat)).user.name;
    ({ meetingId, sectionId } = await aMeetingWithMinutesSection(suite.server.url, suite.token, suite.committeeId, {
      meeting: `Minit e2e ${Date.now()}`,
      item: 'Rare earth processing pilot',
    }));
  }, 60_000);

  const minutesUrl = () => `${suite.server?.url}/c/${suite.committeeId}/meetings/${meetingId}/minutes`;
  const editorOf = (page: Page) => page.locator(`[data-section-id="${sectionId}"] .ProseMirror`);

  /** The section's text as the reader sees it, without the carets and names of others. */
  function docText(page: Page): Promise<string> {
    return editorOf(page).evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return copy.textContent ?? '';
    });
  }

  async function openMinutes(page: Page): Promise<void> {
    await page.goto(minutesUrl());
    await page.getByTestId('minutes-page').waitFor();
    await page
      .locator(`[data-section-id="${sectionId}"] [data-testid="section-sync"][data-status="synced"]`)
      .waitFor({ timeout: ARRIVE_TIMEOUT_MS });
    await editorOf(page).waitFor();
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.getAttribute('contenteditable') === 'true',
      `[data-section-id="${sectionId}"] .ProseMirror`,
    );
  }

  async function typeAtEnd(page: Page, text: string): Promise<void> {
    await typeAt(page, 'end', text);
  }

  /** Types at the end of the section's first paragraph, or of its last one. */
  async function typeAt(page: Page, where: 'first-paragraph' | 'end', text: string): Promise<void> {
    // The end of a paragraph by clicking it and pressing End (Control+End does not always reach
    // the end of the document in a headless browser).
    const paragraphs = editorOf(page).locator('p');
    await (where === 'first-paragraph' ? paragraphs.first() : paragraphs.last()).click();
    await page.keyboard.press('End');
    await page.keyboard.type(text, { delay: 15 });
  }

  /** Waits until the section shows every one of `parts`; on a time-out, says what it shows. */
  async function waitForParts(page: Page, parts: string[], timeout = ARRIVE_TIMEOUT_MS): Promise<void> {
    const selector = `[data-section-id="${sectionId}"] .ProseMirror`;
    await page
      .waitForFunction(
        ([where, wanted]) => {
          // Without the others' carets and names, which sit inside the text.
          const copy = document.querySelector(where as string)?.cloneNode(true) as HTMLElement | undefined;
          for (const caret of copy?.querySelectorAll('.collaboration-carets__caret') ?? []) caret.remove();
          const text = copy?.textContent ?? '';
          return (wanted as string[]).every((part) => text.includes(part));
        },
        [selector, parts] as const,
        { timeout },
      )
      .catch(async (error: Error) => {
        throw new Error(`${error.message}; the section shows: ${await docText(page).catch(() => '(nothing)')}`);
      });
  }

  it('should let two editors type at once in one section, each seeing the other text and caret with a name', async () => {
    const chairPage = suite.chair?.page;
    const secretariatPage = suite.secretariat?.page;
    if (!chairPage || !secretariatPage) throw new Error('beforeAll did not finish');
    await Promise.all([openMinutes(chairPage), openMinutes(secretariatPage)]);
    expect(await chairPage.getByTestId('minutes-header').textContent()).toContain('Bilik Mesyuarat Utama, MITI');

    // Two paragraphs, then both type at once, one in each (two people typing at the very same caret
    // interleave their letters, in Sidang as in any co-editor: not what this proves).
    await typeAtEnd(secretariatPage, 'Pilot plant discussed.');
    await secretariatPage.keyboard.press('Enter');
    await secretariatPage.keyboard.type('Next steps:', { delay: 15 });
    await waitForParts(chairPage, ['Pilot plant discussed.', 'Next steps:']);
    await Promise.all([
      typeAt(chairPage, 'first-paragraph', ' Chair notes the pilot plant.'),
      typeAt(secretariatPage, 'end', ' JMG to report in May.'),
    ]);
    for (const page of [chairPage, secretariatPage]) {
      await waitForParts(page, ['Pilot plant discussed. Chair notes the pilot plant.', 'Next steps: JMG to report in May.']);
    }
    // Each sees the other's caret, labelled with their name.
    await chairPage.locator('.collaboration-carets__label', { hasText: secretariatName }).waitFor({ timeout: ARRIVE_TIMEOUT_MS });
    await secretariatPage.locator('.collaboration-carets__label', { hasText: chairName }).waitFor({ timeout: ARRIVE_TIMEOUT_MS });
    expect(await blockingViolations(chairPage, '/c/:committeeId/meetings/:meetingId/minutes')).toEqual([]);
    // Same document on both screens, and on the server.
    const [a, b] = await Promise.all([docText(chairPage), docText(secretariatPage)]);
    expect(a).toBe(b);
    const token = (await login(suite.server?.url ?? '', DEMO_USERS.chair)).accessToken;
    let stored = '';
    for (const deadline = Date.now() + ARRIVE_TIMEOUT_MS; Date.now() < deadline && !stored.includes('JMG to report in May.'); ) {
      stored = (await api<Minutes>(suite.server?.url ?? '', token, 'GET', `/api/meetings/${meetingId}/minutes`)).body.text;
      if (!stored.includes('JMG to report in May.')) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(stored).toContain('Chair notes the pilot plant.');
    expect(stored).toContain('JMG to report in May.');
  }, 120_000);

  it('should show an opened minutes page offline and deliver what was typed offline after reconnecting', async () => {
    const chairPage = suite.chair?.page;
    if (!chairPage || !suite.secretariat) throw new Error('beforeAll did not finish');
    const page = suite.secretariat.page;
    await openMinutes(page);
    await page.getByTestId('attendance-present').waitFor();
    // Controlled by the service worker, and the page's data kept on the device, before the network goes.
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
    await page.waitForFunction(
      (id) => Object.keys(localStorage).some((key) => key.startsWith('sidang') && (localStorage.getItem(key) ?? '').includes(id)),
      sectionId,
      { timeout: 20_000 },
    );

    await suite.secretariat.context.setOffline(true);
    try {
      await page.reload();
      await page.getByTestId('minutes-page').waitFor({ timeout: 20_000 });
      await page.getByTestId('minutes-offline').waitFor();
      // The house header and attendance as last opened.
      await page.getByTestId('minutes-header').waitFor();
      await page.getByTestId('attendance-present').waitFor();
      await page.waitForFunction(
        (selector) => (document.querySelector(selector)?.textContent ?? '').includes('JMG to report in May.'),
        `[data-section-id="${sectionId}"]`,
        { timeout: 20_000 },
      );
      await editorOf(page).waitFor();
      await typeAtEnd(page, ' Typed on the train.');
      await page.locator(`[data-section-id="${sectionId}"] [data-testid="section-sync"]`, { hasText: /Not yet sent|Offline/ }).waitFor();
      // Nothing of it reached the other editor while offline.
      expect(await docText(chairPage)).not.toContain('Typed on the train.');
    } finally {
      await suite.secretariat.context.setOffline(false);
    }
    await chairPage.waitForFunction(
      (selector) => (document.querySelector(selector)?.textContent ?? '').includes('Typed on the train.'),
      `[data-section-id="${sectionId}"] .ProseMirror`,
      { timeout: 40_000 },
    );
  }, 150_000);

  it('should take the next meeting of the demo committee from co-editing to a published PDF read on a phone', async () => {
    const chairPage = suite.chair?.page;
    const secretariatPage = suite.secretariat?.page;
    const base = suite.server?.url ?? '';
    if (!chairPage || !secretariatPage || !base) throw new Error('beforeAll did not finish');
    const chairToken = (await login(base, DEMO_USERS.chair)).accessToken;
    const memberToken = (await login(base, DEMO_USERS.member)).accessToken;
    const upcoming = await api<Meeting[]>(base, chairToken, 'GET', `/api/committees/${suite.committeeId}/meetings?when=upcoming`);
    expect(upcoming.status).toBe(200);
    const next = upcoming.body.filter((meeting) => meeting.id !== meetingId).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
    if (!next) throw new Error('the demo committee has no next meeting');
    // The chair's first read makes the minutes; the member reads the sections they may see.
    expect((await api<Minutes>(base, chairToken, 'GET', `/api/meetings/${next.id}/minutes`)).status).toBe(200);
    const forMember = await api<Minutes>(base, memberToken, 'GET', `/api/meetings/${next.id}/minutes`);
    expect(forMember.status).toBe(200);
    const minutesId = forMember.body.id;
    const section = forMember.body.sections[0]?.id ?? '';
    expect(section).not.toBe('');
    const url = `${base}/c/${suite.committeeId}/meetings/${next.id}/minutes`;
    const editor = (page: Page) => page.locator(`[data-section-id="${section}"] .ProseMirror`);
    const sectionText = (page: Page) => page.locator(`[data-section-id="${section}"]`);
    const open = async (page: Page, editable: boolean) => {
      await page.goto(url);
      await page.getByTestId('minutes-page').waitFor();
      // Readers see no save label: the section itself says where its document stands.
      await page.locator(`[data-section-id="${section}"][data-sync-status="synced"]`).waitFor({ timeout: ARRIVE_TIMEOUT_MS });
      await editor(page).waitFor();
      if (editable) {
        await page.waitForFunction(
          (selector) => document.querySelector(selector)?.getAttribute('contenteditable') === 'true',
          `[data-section-id="${section}"] .ProseMirror`,
        );
      }
    };
    const waitForText = (page: Page, text: string, timeout = ARRIVE_TIMEOUT_MS) =>
      page.waitForFunction(
        ([selector, wanted]) => (document.querySelector(selector as string)?.textContent ?? '').includes(wanted as string),
        [`[data-section-id="${section}"]`, text],
        { timeout },
      );
    const move = async (page: Page, to: string, confirmation?: string) => {
      await page.getByTestId(`minutes-to-${to}`).click();
      if (confirmation) {
        // Confirming names the meeting (the next one is chosen), the proposer and the seconder.
        await page.getByTestId('confirm-proposer').selectOption({ index: 1 });
        await page.getByTestId('confirm-seconder').selectOption({ index: 2 });
        await page.getByTestId(`confirmation-${confirmation}`).check();
      }
      await page.getByTestId('minutes-transition-proceed').click();
      await page.locator(`[data-testid="minutes-status"][data-status="${to}"]`).waitFor({ timeout: ARRIVE_TIMEOUT_MS });
    };

    // The secretariat and the chair write the section together.
    await Promise.all([open(chairPage, true), open(secretariatPage, true)]);
    const typeInto = async (page: Page, where: 'first-paragraph' | 'end', text: string) => {
      const paragraphs = editor(page).locator('p');
      await (where === 'first-paragraph' ? paragraphs.first() : paragraphs.last()).click();
      await page.keyboard.press('End');
      await page.keyboard.type(text, { delay: 10 });
    };
    // Two paragraphs, then both at once, one in each.
    await typeInto(secretariatPage, 'end', 'Laporan dibentangkan.');
    await secretariatPage.keyboard.press('Enter');
    await secretariatPage.keyboard.type('Tindakan', { delay: 10 });
    await waitForText(chairPage, 'Tindakan');
    await Promise.all([
      typeInto(chairPage, 'first-paragraph', ' Pengerusi menerima laporan.'),
      typeInto(secretariatPage, 'end', ' susulan oleh JMG.'),
    ]);
    for (const page of [chairPage, secretariatPage]) {
      await waitForText(page, 'Pengerusi menerima laporan.').catch(async (error: Error) => {
        throw new Error(
          `${error.message}: ${await sectionText(chairPage).textContent()} | ${await sectionText(secretariatPage).textContent()}`,
        );
      });
      await waitForText(page, 'Tindakan susulan oleh JMG.');
    }

    // Circulated: a member comments on a passage, the secretariat resolves the thread.
    await move(secretariatPage, 'circulated');
    const member = await openBrowser();
    try {
      await signInThroughUi(member.page, base, DEMO_USERS.member, DEMO_PASSWORD);
      await open(member.page, false);
      await waitForText(member.page, 'Tindakan susulan oleh JMG.');
      await member.page.evaluate((selector) => {
        const root = document.querySelector(selector);
        const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent?.indexOf('susulan oleh JMG') ?? -1;
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 'susulan oleh JMG'.length);
          document.getSelection()?.removeAllRanges();
          document.getSelection()?.addRange(range);
          return;
        }
      }, `[data-section-id="${section}"] .ProseMirror`);
      const commentButton = member.page.locator(`[data-section-id="${section}"] [data-testid="comment-on-selection"]`);
      await member.page.waitForFunction(
        (selector) => !(document.querySelector(selector) as HTMLButtonElement | null)?.disabled,
        `[data-section-id="${section}"] [data-testid="comment-on-selection"]`,
      );
      await commentButton.click();
      const form = member.page.getByTestId('new-comment');
      await form.getByRole('textbox').fill('Sila nyatakan tarikh laporan JMG.');
      await form.getByRole('button', { name: 'Post comment' }).click();

      await member.page
        .getByTestId('comment-thread')
        .filter({ hasText: 'Sila nyatakan tarikh laporan JMG.' })
        .waitFor({ timeout: ARRIVE_TIMEOUT_MS });
      await secretariatPage.reload();
      const thread = secretariatPage.getByTestId('comment-thread').filter({ hasText: 'Sila nyatakan tarikh laporan JMG.' });
      await thread.waitFor({ timeout: ARRIVE_TIMEOUT_MS });
      expect(await thread.textContent()).toContain('susulan oleh JMG');
      await thread.getByRole('button', { name: 'Resolve' }).click();
      for (const deadline = Date.now() + ARRIVE_TIMEOUT_MS; ; ) {
        const threads = await api<Array<{ body: string; resolved: boolean }>>(
          base,
          chairToken,
          'GET',
          `/api/minutes/${minutesId}/comments`,
        );
        if (threads.body.some((head) => head.body === 'Sila nyatakan tarikh laporan JMG.' && head.resolved)) break;
        if (Date.now() > deadline) throw new Error(`the thread was not resolved: ${JSON.stringify(threads.body)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      // The chair confirms without amendment at a later meeting and publishes; the PDF downloads.
      const confirming = await api<Meeting>(base, chairToken, 'POST', `/api/committees/${suite.committeeId}/meetings`, {
        title: 'Mesyuarat Pengesahan Minit',
        startsAt: new Date(Date.parse(next.startsAt) + 30 * 86_400_000).toISOString(),
        status: 'scheduled',
        standardAgenda: false,
      });
      expect(confirming.status).toBe(201);
      await chairPage.reload();
      await chairPage.getByTestId('minutes-page').waitFor();
      await move(chairPage, 'confirmed', 'without_amendment');
      expect(await chairPage.getByTestId('minutes-confirmation').textContent()).toContain('without amendment');
      await move(chairPage, 'published');
      const [pdf] = await Promise.all([
        chairPage.waitForResponse((response) => response.url().endsWith(`/api/minutes/${minutesId}/pdf`), { timeout: ARRIVE_TIMEOUT_MS }),
        chairPage.getByTestId('minutes-pdf').click(),
      ]);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      // The same file as the chair downloads it: a PDF with content.
      const file = await fetch(`${base}/api/minutes/${minutesId}/pdf`, { headers: { Authorization: `Bearer ${chairToken}` } });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toContain('application/pdf');
      const bytes = Buffer.from(await file.arrayBuffer());
      expect(bytes.length).toBeGreaterThan(0);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // A member on a phone reads the published text, with nothing sticking out sideways.
      await member.page.setViewportSize({ width: 360, height: 740 });
      await member.page.goto(url);
      await member.page.locator('[data-testid="minutes-status"][data-status="published"]').waitFor({ timeout: ARRIVE_TIMEOUT_MS });
      await waitForText(member.page, 'Pengerusi menerima laporan.');
      expect(await sectionText(member.page).textContent()).toContain('Tindakan susulan oleh JMG.');
      const overflow = await member.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
    } finally {
      await member.close();
    }
  }, 120_000);

  it('should read on a 360 px phone without horizontal overflow', async () => {
    const page = suite.chair?.page;
    if (!page) throw new Error('beforeAll did not finish');
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await openMinutes(page);
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        // The elements sticking out, named, so a failure says where.
        const outside = [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((element) => element.getBoundingClientRect().right > width + 0.5 && element.getClientRects().length > 0)
          .filter((element) => ![...element.children].some((child) => child.getBoundingClientRect().right > width + 0.5))
          // Cut off by a box that clips (an editor clips others' name labels): not on the page.
          .filter((element) => {
            for (let box = element.parentElement; box; box = box.parentElement) {
              if (
                ['clip', 'hidden', 'auto', 'scroll'].includes(getComputedStyle(box).overflowX) &&
                box.getBoundingClientRect().right <= width + 0.5
              )
                return false;
            }
            return true;
          })
          .map(
            (element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)}px)`,
          );
        return { scroll: document.documentElement.scrollWidth - width, outside };
      });
      expect(overflow).toEqual({ scroll: 0, outside: [] });
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 60_000);
});
