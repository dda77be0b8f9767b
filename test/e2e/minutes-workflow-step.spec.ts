import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Minutes, MinutesStatus } from '@sidang/shared';
import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite.js';
import { aMeetingWithMinutesSection } from '../support/minutes-meeting.js';
import { api, DEMO_USERS } from '../support/server-process.js';

/** How long to wait before calling an edit lost on a loaded machine. */
const ARRIVE_TIMEOUT_MS = 20_000;
const ROUNDS = 3;

/**
 * Issue 14, point 5 in the browser: two editors type (one also pastes) through the moment the
 * minutes are circulated, three times over (back to draft in between). After each circulation
 * the text on each screen is the stored text, and the circulated version holds the same; back
 * to draft, both editors can type again without a reload.
 */
describe('Minutes: no lost words at a workflow step (browser)', () => {
  const suite = browserSuite({ chair: { email: DEMO_USERS.chair }, secretariat: { email: DEMO_USERS.secretariat } });
  let meetingId = '';
  let sectionId = '';

  beforeAll(async () => {
    ({ meetingId, sectionId } = await aMeetingWithMinutesSection(suite.server.url, suite.token, suite.committeeId, {
      meeting: `Minit langkah ${Date.now()}`,
      item: 'Critical minerals roadmap',
    }));
  }, 60_000);

  const editorSelector = () => `[data-section-id="${sectionId}"] .ProseMirror`;

  async function stored(): Promise<Minutes> {
    const result = await api<Minutes>(suite.server?.url ?? '', suite.token, 'GET', `/api/meetings/${meetingId}/minutes`);
    expect(result.status).toBe(200);
    return result.body;
  }

  const storedText = async () => (await stored()).sections.find((section) => section.id === sectionId)?.text ?? '';

  /** The section as its screen shows it, one line per paragraph (as the server reads it), without others' carets. */
  function screenText(page: Page): Promise<string> {
    return page.evaluate((selector) => {
      const root = document.querySelector(selector);
      if (!root) return '';
      const copy = root.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return [...copy.children]
        .map((block) => block.textContent ?? '')
        .join('\n')
        .trim();
    }, editorSelector());
  }

  async function waitEditable(page: Page, editable: boolean): Promise<void> {
    await page.waitForFunction(
      ([selector, wanted]) => (document.querySelector(selector as string)?.getAttribute('contenteditable') === 'true') === wanted,
      [editorSelector(), editable] as const,
      { timeout: ARRIVE_TIMEOUT_MS },
    );
  }

  async function openMinutes(page: Page): Promise<void> {
    await page.goto(`${suite.server?.url}/c/${suite.committeeId}/meetings/${meetingId}/minutes`);
    await page.getByTestId('minutes-page').waitFor();
    await page.locator(`[data-section-id="${sectionId}"][data-sync-status="synced"]`).waitFor({ timeout: ARRIVE_TIMEOUT_MS });
    await waitEditable(page, true);
  }

  /** A paste, as the browser delivers one: a paste event with the text on its clipboard data. */
  async function paste(page: Page, text: string): Promise<void> {
    await page.evaluate(
      ([selector, pasted]) => {
        const target = document.querySelector(selector as string);
        const data = new DataTransfer();
        data.setData('text/plain', pasted as string);
        target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      },
      [editorSelector(), text] as const,
    );
  }

  /** Types words into the last paragraph until `stop()` (ignoring keys a read-only editor drops). */
  async function keepTyping(page: Page, who: string, stop: () => boolean, pasteToo: boolean): Promise<number> {
    await page.locator(`${editorSelector()} p`).last().click();
    await page.keyboard.press('End');
    let n = 0;
    while (!stop()) {
      n += 1;
      await page.keyboard.type(` ${who}${n}`, { delay: 8 });
      if (pasteToo && n % 3 === 0) await paste(page, ` Pasted ${who}${n}: the committee notes the roadmap and asks JMG to report.`);
      if (n % 5 === 0) await page.keyboard.press('Enter');
    }
    return n;
  }

  async function move(to: MinutesStatus): Promise<void> {
    const current = await stored();
    const result = await api(suite.server?.url ?? '', suite.token, 'POST', `/api/minutes/${current.id}/transition`, {
      to,
      version: current.version,
    });
    expect(result.status).toBe(200);
  }

  /** Each screen shows exactly the stored text (after any refused words went back), or says what differs. */
  async function screensMatchStore(pages: Page[]): Promise<string> {
    let last = '';
    for (const deadline = Date.now() + ARRIVE_TIMEOUT_MS; Date.now() < deadline; ) {
      const text = await storedText();
      const screens = await Promise.all(pages.map(screenText));
      if (screens.every((screen) => screen === text)) return text;
      const html = await Promise.all(
        pages.map((page) =>
          page.evaluate((id) => {
            const section = document.querySelector(`[data-section-id="${id}"]`);
            const editor = section?.querySelector('.minutes-editor')?.outerHTML.slice(0, 400) ?? '(no editor)';
            const refused = section?.querySelector('textarea')?.value ?? '(no refused words)';
            return `editor: ${editor}; refused: ${refused}`;
          }, sectionId),
        ),
      );
      last = `stored: ${JSON.stringify(text)}; screens: ${screens.map((screen) => JSON.stringify(screen)).join(' | ')}; sections: ${html.join(' | ')}`;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the screens never matched the stored minutes: ${last}`);
  }

  it('should lose no word when the minutes are circulated while two editors type and paste, three rounds running', async () => {
    const chairPage = suite.chair?.page;
    const secretariatPage = suite.secretariat?.page;
    if (!chairPage || !secretariatPage) throw new Error('beforeAll did not finish');
    const pages = [chairPage, secretariatPage];
    await Promise.all(pages.map(openMinutes));
    // "Saved" means the server has the text: read the minutes the moment the label says so.
    await chairPage.locator(`${editorSelector()} p`).last().click();
    const pasted = `Pasted before the rounds ${Date.now()}: the secretariat records the roadmap in full.`;
    // The label's changes from now on: "Saving…" first, then "Saved".
    await chairPage.evaluate((id) => {
      const label = document.querySelector(`[data-section-id="${id}"] [data-testid="section-sync"]`);
      const seen: string[] = [];
      (window as unknown as { labelSeen: string[] }).labelSeen = seen;
      if (label)
        new MutationObserver(() => seen.push(label.textContent ?? '')).observe(label, { attributes: true, childList: true, subtree: true });
    }, sectionId);
    const started = Date.now();
    await paste(chairPage, pasted);
    await chairPage.keyboard.type(' and typed fast', { delay: 0 });
    // The screen has drawn the last key (two frames), then: "Saving…" was shown, and now "Saved".
    await chairPage.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await chairPage.waitForFunction(
      (id) => {
        const seen = (window as unknown as { labelSeen: string[] }).labelSeen;
        const label = document.querySelector(`[data-section-id="${id}"] [data-testid="section-sync"]`);
        return seen.includes('Saving…') && label?.textContent === 'Saved';
      },
      sectionId,
      { timeout: ARRIVE_TIMEOUT_MS },
    );
    const savedAfter = Date.now() - started;
    expect(await storedText()).toContain(`${pasted} and typed fast`);
    expect(await chairPage.locator(`[data-section-id="${sectionId}"] [data-testid="section-sync"]`).textContent()).toBe('Saved');
    console.info(`Pasted and typed text acknowledged as saved after ${savedAfter} ms`);
    let previous = '';

    for (let round = 1; round <= ROUNDS; round += 1) {
      let circulated = false;
      const stop = () => circulated;
      const typing = Promise.all([keepTyping(chairPage, `c${round}w`, stop, false), keepTyping(secretariatPage, `s${round}w`, stop, true)]);
      // Typing well under way on both screens; then the step, from the chair's screen in the
      // middle round (its own provider flushes first) and from outside in the others.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      if (round === 2) {
        circulated = true;
        await typing;
        await chairPage.getByTestId('minutes-to-circulated').click();
        let circulatedSeen = false;
        const typingOn = keepTyping(secretariatPage, `s${round}x`, () => circulatedSeen, true);
        await chairPage.getByTestId('minutes-transition-proceed').click();
        await chairPage.locator('[data-testid="minutes-status"][data-status="circulated"]').waitFor({ timeout: ARRIVE_TIMEOUT_MS });
        await secretariatPage.locator('[data-testid="minutes-status"][data-status="circulated"]').waitFor({ timeout: ARRIVE_TIMEOUT_MS });
        circulatedSeen = true;
        await typingOn;
      } else {
        await move('circulated');
        for (const page of pages) {
          await page.locator('[data-testid="minutes-status"][data-status="circulated"]').waitFor({ timeout: ARRIVE_TIMEOUT_MS });
        }
        circulated = true;
        await typing;
      }
      for (const page of pages) await waitEditable(page, false);

      const text = await screensMatchStore(pages);
      // The round's words are there, and the circulated version holds exactly the stored text.
      expect(text).toContain(`c${round}w1`);
      expect(text).toContain(`s${round}w1`);
      expect(text).toContain(`Pasted s${round}w3`);
      expect(text.length).toBeGreaterThan(previous.length);
      previous = text;
      const current = await stored();
      const versions = await api<Array<{ number: number; status: string }>>(
        suite.server?.url ?? '',
        suite.token,
        'GET',
        `/api/minutes/${current.id}/versions`,
      );
      const last = versions.body.at(-1);
      expect(last?.status).toBe('circulated');
      const version = await api<{ sections: Array<{ sectionId: string; text: string }> }>(
        suite.server?.url ?? '',
        suite.token,
        'GET',
        `/api/minutes/${current.id}/versions/${last?.number}`,
      );
      expect(version.body.sections.find((section) => section.sectionId === sectionId)?.text).toBe(text);
      // Nothing is left saving: the server acknowledged all that the screens show.
      for (const page of pages) {
        expect(await page.locator(`[data-section-id="${sectionId}"] [data-testid="section-sync"][data-saving="true"]`).count()).toBe(0);
      }

      // Back to draft: both open editors are editable again at once, without a reload.
      if (round < ROUNDS) {
        await move('draft');
        for (const page of pages) await waitEditable(page, true);
      }
    }
  }, 300_000);
});
