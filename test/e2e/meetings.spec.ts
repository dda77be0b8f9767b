import { describe, expect, it } from '@jest/globals';
import type { ActionItem, AgendaItem, Meeting, RecordLink } from '@sidang/shared';
import type { Page } from 'playwright-core';
import { blockingViolations } from '../support/accessibility.js';
import { afterTwoFrames, agendaDragState } from '../support/agenda-drag.js';
import { browserSuite } from '../support/browser-suite.js';
import { api, DEMO_USERS } from '../support/server-process.js';

/** "Every participant's view follows": from the chair's change being stored to another screen showing it. */
const FOLLOW_BUDGET_MS = 1_000;
/** How long to wait before calling a change lost (the assertion on the budget says how long it took). */
const LIVE_TIMEOUT_MS = 15_000;

/** A `datetime-local` value in Kuala Lumpur time, `days` from now. */
function klInput(days: number): string {
  const kl = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return kl.toISOString().slice(0, 16);
}

describe('Live meetings in the browser', () => {
  const suite = browserSuite({ chair: { email: DEMO_USERS.chair }, member: { email: DEMO_USERS.member } }, 120_000);
  let meetingId = '';
  const title = `Mesyuarat e2e ${Date.now()}: NdFeB magnet plant`;

  function meetingUrl(suffix = ''): string {
    return `${suite.server?.url}/c/${suite.committeeId}/meetings/${meetingId}${suffix}`;
  }

  async function waitLive(page: Page): Promise<void> {
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
  }

  async function agendaOnServer(): Promise<AgendaItem[]> {
    const response = await api<AgendaItem[]>(suite.server?.url ?? '', suite.token, 'GET', `/api/meetings/${meetingId}/agenda-items`);
    expect(response.status).toBe(200);
    return response.body;
  }

  /** The chair presses "Next item"; resolves with when the server stored it and the item now current. */
  async function nextItem(chairPage: Page): Promise<{ storedAt: number; current: string }> {
    const [response] = await Promise.all([
      chairPage.waitForResponse((r) => r.url().endsWith(`/api/meetings/${meetingId}/current-item`) && r.request().method() === 'POST'),
      chairPage.getByTestId('next-item').click(),
    ]);
    const storedAt = Date.now();
    expect(response.status()).toBe(200);
    const meeting = (await response.json()) as Meeting;
    return { storedAt, current: meeting.currentAgendaItemId ?? '' };
  }

  it('should let the chair create a meeting with the standard agenda and start it', async () => {
    const page = suite.chair?.page;
    if (!page || !suite.server) throw new Error('beforeAll did not finish');
    await page.goto(`${suite.server.url}/c/${suite.committeeId}`);
    await page.getByRole('link', { name: 'Meetings' }).first().click();
    await page.getByTestId('new-meeting').click();
    await page.locator('[name="title"]').fill(title);
    await page.locator('[name="startsAt"]').fill(klInput(0));
    await page.locator('[name="venue"]').fill('Bilik Mesyuarat Utama, MITI');
    await page.getByTestId('save-meeting').click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    meetingId = page.url().split('/').at(-1) ?? '';

    await page.getByTestId('agenda-item').nth(5).waitFor();
    expect(await page.getByTestId('agenda-number').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6']);
    // A draft: only the chair and the secretariat see it; scheduling publishes it and numbers it.
    await page.getByTestId('draft-notice').waitFor();
    await page.getByTestId('transition-scheduled').click();
    await page.locator('[data-testid="meeting-status"][data-status="scheduled"]').waitFor();
    await page.locator('[data-testid="meeting-number"]', { hasText: /^Bil\. \d+\/\d{4}$/ }).waitFor();
    await page.getByTestId('transition-in_progress').click();
    await page.locator('[data-testid="meeting-status"][data-status="in_progress"]').waitFor();

    const stored = await api<Meeting>(suite.server.url, suite.token, 'GET', `/api/meetings/${meetingId}`);
    expect(stored.body.status).toBe('in_progress');
    expect(stored.body.title).toBe(title);
  }, 90_000);

  it("should move the member's page and the projector to each item the chair advances to, within a second", async () => {
    const chairPage = suite.chair?.page;
    if (!chairPage || !suite.member) throw new Error('beforeAll did not finish');
    const memberPage = suite.member.page;
    await memberPage.setViewportSize({ width: 1280, height: 420 });
    await memberPage.goto(meetingUrl());
    const projector = await suite.member.context.newPage();
    try {
      await projector.goto(meetingUrl('/projector'));
      await Promise.all([waitLive(memberPage), waitLive(chairPage), projector.getByTestId('projector').waitFor()]);
      await memberPage.getByTestId('agenda-item').nth(5).waitFor();
      await projector.getByTestId('agenda-item').nth(5).waitFor();
      // The projector has no app chrome.
      expect(await projector.locator('nav').count()).toBe(0);

      const agenda = await agendaOnServer();
      for (const expected of agenda.slice(0, 5)) {
        const { storedAt, current } = await nextItem(chairPage);
        expect(current).toBe(expected.id);
        const onMember = memberPage.locator(`[data-testid="agenda-item"][aria-current="step"][data-agenda-id="${expected.id}"]`);
        const onProjector = projector.locator(`[data-testid="agenda-item"][aria-current="step"][data-agenda-id="${expected.id}"]`);
        await Promise.all([onMember.waitFor({ timeout: LIVE_TIMEOUT_MS }), onProjector.waitFor({ timeout: LIVE_TIMEOUT_MS })]);
        const followedIn = Date.now() - storedAt;
        expect(followedIn).toBeLessThanOrEqual(FOLLOW_BUDGET_MS);
        expect(await memberPage.getByTestId('live-now').textContent()).toBe(`Now on item ${expected.number}: ${expected.title}`);
        expect(await projector.getByTestId('live-now').textContent()).toBe(`Now on item ${expected.number}: ${expected.title}`);
      }

      // Following keeps the current item on screen: the fifth item is below the fold of a 420 px window.
      await memberPage.waitForFunction(
        (id) => {
          const row = document.querySelector(`[data-agenda-id="${id}"]`)?.getBoundingClientRect();
          return row !== undefined && row.top >= 0 && row.bottom <= window.innerHeight;
        },
        agenda[4]?.id,
        { timeout: 5_000 },
      );

      // Stopped following: the page stays put while the meeting moves on; one click rejoins.
      await memberPage.getByTestId('stop-following').click();
      await memberPage.evaluate(() => window.scrollTo(0, 0));
      const { current } = await nextItem(chairPage);
      await memberPage.locator(`[aria-current="step"][data-agenda-id="${current}"]`).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await memberPage.waitForTimeout(700);
      expect(await memberPage.evaluate(() => window.scrollY)).toBe(0);
      await memberPage.getByTestId('follow').click();
      await memberPage.waitForFunction(
        (id) => {
          const row = document.querySelector(`[data-agenda-id="${id}"]`)?.getBoundingClientRect();
          return row !== undefined && row.top >= 0 && row.bottom <= window.innerHeight;
        },
        current,
        { timeout: 5_000 },
      );
    } finally {
      await projector.close();
      await memberPage.setViewportSize({ width: 1280, height: 800 });
    }
  }, 120_000);

  it('should read well on a 360 px phone: no horizontal scrolling, four agenda rows a screen, a big "Next item"', async () => {
    if (!suite.chair || !suite.member) throw new Error('beforeAll did not finish');
    for (const page of [suite.member.page, suite.chair.page]) {
      await page.setViewportSize({ width: 360, height: 740 });
      try {
        await page.goto(meetingUrl());
        await page.getByTestId('agenda-item').nth(5).waitFor();
        const layout = await page.evaluate(() => {
          const width = window.innerWidth;
          const offenders = Array.from(document.querySelectorAll('body *'))
            .map((element) => ({ element, right: element.getBoundingClientRect().right }))
            .filter(({ right }) => right > width + 1)
            .slice(0, 5)
            .map(({ element, right }) => `${element.tagName.toLowerCase()}.${element.className} right=${Math.round(right)}`);
          const rows = Array.from(document.querySelectorAll('.agenda__row')).map((row) => row.getBoundingClientRect().height);
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, height: window.innerHeight, offenders, rows };
        });
        if (layout.scrollWidth > layout.innerWidth) console.warn('Overflowing elements:', layout.offenders);
        expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
        expect(Math.max(...layout.rows)).toBeLessThanOrEqual(layout.height / 4);
      } finally {
        if (page !== suite.chair.page) await page.setViewportSize({ width: 1280, height: 800 });
      }
    }
    const next = await suite.chair.page.getByTestId('next-item').boundingBox();
    expect(next?.height ?? 0).toBeGreaterThanOrEqual(48);
    expect(next?.width ?? 0).toBeGreaterThanOrEqual(200);
    await suite.chair.page.setViewportSize({ width: 1280, height: 800 });
  }, 90_000);

  it('should reorder the agenda from the keyboard, and show the new order on the member page', async () => {
    if (!suite.chair || !suite.member) throw new Error('beforeAll did not finish');
    const chairPage = suite.chair.page;
    const memberPage = suite.member.page;
    await Promise.all([chairPage.goto(meetingUrl()), memberPage.goto(meetingUrl())]);
    await Promise.all([waitLive(chairPage), waitLive(memberPage)]);
    const before = await agendaOnServer();
    const last = before.at(-1);
    if (!last) throw new Error('no agenda');
    expect(last.number).toBe('6');

    const handle = chairPage.getByRole('button', { name: `Move item 6: ${last.title}` });
    await handle.focus();
    const [response] = await Promise.all([
      chairPage.waitForResponse((r) => r.url().endsWith(`/api/agenda-items/${last.id}/move`)),
      (async () => {
        // One key at a time, as a person types: each step is announced before the next (on a
        // loaded machine a key pressed before the pick-up has rendered would be lost).
        const announced = (text: string) =>
          chairPage
            .waitForFunction(
              (expected) =>
                Array.from(document.querySelectorAll('[id^="DndLiveRegion"]')).some((region) => region.textContent?.includes(expected)),
              text,
              { timeout: 10_000 },
            )
            .catch(async (error: Error) => {
              throw new Error(`${error.message}; the page: ${await agendaDragState(chairPage)}`);
            });
        await chairPage.keyboard.press('Space');
        await chairPage.locator(`[data-agenda-id="${last.id}"].agenda__item--dragging`).waitFor({ timeout: 10_000 });
        await afterTwoFrames(chairPage);
        await chairPage.keyboard.press('ArrowUp');
        await announced('Item 6 is over the place of item 5.');
        await chairPage.keyboard.press('ArrowUp');
        await announced('Item 6 is over the place of item 4.');
        await chairPage.keyboard.press('Space');
      })(),
    ]);
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ id: last.id, position: 3, number: '4' });

    const after = await agendaOnServer();
    expect(after.map((item) => item.id)).toEqual([...before.slice(0, 3), last, ...before.slice(3, 5)].map((item) => item.id));
    const expectedTitles = after.map((item) => item.title);
    for (const page of [chairPage, memberPage]) {
      await page.waitForFunction(
        (titles) =>
          JSON.stringify(Array.from(document.querySelectorAll('[data-testid="agenda-item"] .agenda__title')).map((e) => e.textContent)) ===
          JSON.stringify(titles),
        expectedTitles,
        { timeout: LIVE_TIMEOUT_MS },
      );
    }
    expect(await memberPage.getByTestId('agenda-number').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6']);
    // The keyboard user is still on the item they moved, now item 4.
    await chairPage.waitForFunction(
      (id) => document.activeElement?.closest('[data-agenda-id]')?.getAttribute('data-agenda-id') === id,
      last.id,
      { timeout: 5_000 },
    );
    expect(await chairPage.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move item 4: ${last.title}`);
  }, 90_000);

  it('should reorder the agenda by dragging an item with the mouse', async () => {
    if (!suite.chair) throw new Error('beforeAll did not finish');
    const page = suite.chair.page;
    await page.goto(meetingUrl());
    await waitLive(page);
    const before = await agendaOnServer();
    const [first, second] = before;
    if (!first || !second) throw new Error('no agenda');
    // The live bar stays in view (sticky) once the page has scrolled: item 1 is brought to the
    // middle of the screen, below the bar rather than behind it.
    await page.evaluate((id) => document.querySelector(`[data-agenda-id="${id}"]`)?.scrollIntoView({ block: 'center' }), first.id);
    // Measured once the page has settled: two reads 300 ms apart agree.
    const handle = page.getByRole('button', { name: `Move item 1: ${first.title}` });
    for (let settled = false; !settled; ) {
      const earlier = await handle.boundingBox();
      await page.waitForTimeout(300);
      settled = JSON.stringify(earlier) === JSON.stringify(await handle.boundingBox());
    }
    const from = await handle.boundingBox();
    // Item 2's whole block (its row and what sits under it: decisions, papers, links) is where
    // a drop lands; its lower part means "after item 2".
    const to = await page.locator(`[data-agenda-id="${second.id}"]`).first().boundingBox();
    if (!from || !to) throw new Error('agenda not laid out');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/agenda-items/${first.id}/move`)),
      (async () => {
        await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
        await page.mouse.down();
        // Past the activation distance, then over the lower part of item 2.
        await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 12, { steps: 3 });
        await afterTwoFrames(page);
        await page.mouse.move(from.x + from.width / 2, to.y + to.height * 0.85, { steps: 10 });
        await page.waitForTimeout(100);
        await page.mouse.up();
      })(),
    ]);
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ id: first.id, parentId: null, position: 1, number: '2' });
    expect((await agendaOnServer()).map((item) => item.id).slice(0, 2)).toEqual([second.id, first.id]);
    await page.locator(`[data-testid="agenda-item"][data-agenda-id="${first.id}"][data-number="2"]`).waitFor({ timeout: LIVE_TIMEOUT_MS });
  }, 90_000);

  it('should make an item a sub-item by dragging it right with the mouse, and a top-level item again by dragging it left', async () => {
    if (!suite.chair) throw new Error('beforeAll did not finish');
    const page = suite.chair.page;
    await page.goto(meetingUrl());
    await waitLive(page);
    const before = await agendaOnServer();
    const top = before.filter((item) => item.parentId === null);
    const moved = top.at(-1);
    const above = top.at(-2);
    if (!moved || !above) throw new Error('no agenda');
    const siblings = before.filter((item) => item.parentId === above.id).length;

    /** Where a locator is once the page has settled (two reads 300 ms apart agree). */
    const settledBox = async (selector: string) => {
      const locator = page.locator(selector);
      for (let settled = false; !settled; ) {
        const earlier = await locator.boundingBox();
        await page.waitForTimeout(300);
        settled = earlier !== null && JSON.stringify(earlier) === JSON.stringify(await locator.boundingBox());
      }
      const box = await locator.boundingBox();
      if (!box) throw new Error(`${selector} not laid out`);
      return box;
    };
    /** Drags the item's handle by `dx` to the height of `toRow`, and resolves with the server's answer. */
    const dragHandle = async (toRow: string, dx: number) => {
      const from = await settledBox(`[data-agenda-id="${moved.id}"] > .agenda__row .agenda__handle`);
      const to = await settledBox(toRow);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/agenda-items/${moved.id}/move`)),
        (async () => {
          const x = from.x + from.width / 2;
          const y = from.y + from.height / 2;
          await page.mouse.move(x, y);
          await page.mouse.down();
          // Past the activation distance, then sideways and to the row's height.
          await page.mouse.move(x + Math.sign(dx) * 10, y, { steps: 3 });
          await afterTwoFrames(page);
          await page.mouse.move(x + dx, to.y + to.height / 2, { steps: 12 });
          await page.waitForTimeout(100);
          await page.mouse.up();
        })(),
      ]);
      return response;
    };

    // Right onto the item above it: its last sub-item.
    const nested = await dragHandle(`[data-agenda-id="${above.id}"] > .agenda__row`, 80);
    expect(nested.status()).toBe(200);
    const number = `${above.number}.${siblings + 1}`;
    expect(await nested.json()).toMatchObject({ id: moved.id, parentId: above.id, position: siblings, number });
    await page
      .locator(`[data-agenda-id="${above.id}"] [data-testid="agenda-item"][data-agenda-id="${moved.id}"][data-number="${number}"]`)
      .waitFor({ timeout: LIVE_TIMEOUT_MS });

    // Left out of its parent, on its own row: a top-level item again, right after it.
    const back = await dragHandle(`[data-agenda-id="${moved.id}"] > .agenda__row`, -80);
    expect(back.status()).toBe(200);
    expect(await back.json()).toMatchObject({ id: moved.id, parentId: null, position: top.length - 1, number: String(top.length) });
    expect((await agendaOnServer()).map((item) => item.id)).toEqual(before.map((item) => item.id));
    await page
      .locator(`ol[data-testid="agenda"] > [data-agenda-id="${moved.id}"][data-number="${top.length}"]`)
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
  }, 90_000);

  it("should show an agenda item's linked records on the meeting page, and the agenda item on the linked action's page", async () => {
    if (!suite.member || !suite.server) throw new Error('beforeAll did not finish');
    const page = suite.member.page;
    const [item] = await agendaOnServer();
    if (!item) throw new Error('no agenda');
    const action = await api<ActionItem>(suite.server.url, suite.token, 'POST', `/api/committees/${suite.committeeId}/action-items`, {
      title: `JMG to brief on the residue plan ${Date.now()}`,
    });
    expect(action.status).toBe(201);
    const link = await api<RecordLink>(suite.server.url, suite.token, 'POST', '/api/links', { fromId: action.body.id, toId: item.id });
    expect(link.status).toBe(201);

    await page.goto(meetingUrl());
    await waitLive(page);
    const toggle = page.getByRole('button', { name: `Linked records of item ${item.number}` });
    await toggle.click();
    const panel = page.locator(`#agenda-links-${item.id}`).getByTestId('links-panel');
    await panel.getByRole('link', { name: new RegExp(action.body.title) }).click();
    await page.waitForURL(`**/c/${suite.committeeId}/actions/${action.body.id}`);
    await page.getByTestId('links-panel').getByText(item.title).waitFor({ timeout: LIVE_TIMEOUT_MS });
  }, 90_000);

  it('should have no serious or critical accessibility violations on the live meeting page, the projector and the list', async () => {
    if (!suite.chair || !suite.member) throw new Error('beforeAll did not finish');
    const page = suite.chair.page;
    await page.goto(meetingUrl());
    await page.locator('[aria-current="step"]').waitFor();
    expect(await blockingViolations(page, '/c/:committeeId/meetings/:meetingId')).toEqual([]);
    await page.goto(meetingUrl('/projector'));
    await page.locator('[data-testid="projector"] [aria-current="step"]').waitFor();
    expect(await blockingViolations(page, '/c/:committeeId/meetings/:meetingId/projector')).toEqual([]);
    await page.goto(`${suite.server?.url}/c/${suite.committeeId}/meetings`);
    await page.getByTestId('meeting-row').first().waitFor();
    expect(await blockingViolations(page, '/c/:committeeId/meetings')).toEqual([]);
  }, 90_000);
});
