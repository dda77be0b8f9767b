import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AgendaItem, DocumentLimits, Meeting } from '@sidang/shared';
import type { Page } from 'playwright-core';
import { afterTwoFrames, agendaDragState } from '../support/agenda-drag.js';
import { openBrowser, signInThroughUi, type TestBrowser } from '../support/browser.js';
import type { TestDatabase } from '../support/databases.js';
import { startDemoServer, stopDemoServer } from '../support/demo-server.js';
import { api, DEMO_PASSWORD, DEMO_USERS, demoCommittee, login, type RunningServer } from '../support/server-process.js';

/** "Every participant's view follows": from the change being stored to another screen showing it. */
const FOLLOW_BUDGET_MS = 1_000;
/** How long to wait before calling a change lost. */
const LIVE_TIMEOUT_MS = 15_000;
/** The server's upload limit for this run: smaller than the built-in default, so the client must read it. */
const UPLOAD_MAX_BYTES = 64 * 1024;

/** A `datetime-local` value in Kuala Lumpur time, `days` from now. */
function klInput(days: number): string {
  const kl = new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000);
  return kl.toISOString().slice(0, 16);
}

/** A small, valid PDF. */
function pdf(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/**
 * The day of a meeting, as the "Done when" puts it: the secretariat prepares, runs and
 * closes a meeting in the browser while a member follows on a laptop and another on a phone.
 */
describe('A meeting day, end to end in the browser', () => {
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  let secretariat: TestBrowser | undefined;
  let laptop: TestBrowser | undefined;
  let phone: TestBrowser | undefined;
  let committeeId = '';
  let token = '';
  const stamp = Date.now();
  const title = `Mesyuarat Jawatankuasa Teknikal ${stamp}`;

  beforeAll(async () => {
    ({ database, server } = await startDemoServer({ UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) }));
    token = (await login(server.url, DEMO_USERS.secretariat)).accessToken;
    committeeId = (await demoCommittee(server.url, token)).id;
    [secretariat, laptop, phone] = await Promise.all([openBrowser(), openBrowser(), openBrowser({ width: 360, height: 740 })]);
    if (!secretariat || !laptop || !phone) throw new Error('no browser');
    await Promise.all([
      signInThroughUi(secretariat.page, server.url, DEMO_USERS.secretariat, DEMO_PASSWORD),
      signInThroughUi(laptop.page, server.url, DEMO_USERS.member, DEMO_PASSWORD),
      signInThroughUi(phone.page, server.url, DEMO_USERS.observer, DEMO_PASSWORD),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([secretariat?.close(), laptop?.close(), phone?.close()]);
    await stopDemoServer(server, database);
  }, 60_000);

  async function waitLive(page: Page): Promise<void> {
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
  }

  async function agendaOf(meetingId: string): Promise<AgendaItem[]> {
    const response = await api<AgendaItem[]>(server?.url ?? '', token, 'GET', `/api/meetings/${meetingId}/agenda-items`);
    expect(response.status).toBe(200);
    return response.body;
  }

  /** The row of an item on a page (its own row, not its sub-items'). */
  const row = (id: string) => `[data-agenda-id="${id}"] > .agenda__row`;

  it('should let the secretariat prepare, run and close a meeting while a laptop and a phone follow live', async () => {
    if (!server || !secretariat || !laptop || !phone) throw new Error('beforeAll did not finish');
    const desk = secretariat.page;
    const followers = [laptop.page, phone.page];

    // The server says how large a paper may be.
    const limits = await api<DocumentLimits>(server.url, token, 'GET', '/api/documents/limits');
    expect(limits.body).toEqual({ uploadMaxBytes: UPLOAD_MAX_BYTES });

    // Prepare: a meeting from the standard agenda.
    await desk.goto(`${server.url}/c/${committeeId}/meetings`);
    await desk.getByTestId('new-meeting').click();
    await desk.locator('[name="title"]').fill(title);
    await desk.locator('[name="startsAt"]').fill(klInput(0));
    await desk.locator('[name="venue"]').fill('Bilik Gerakan, Aras 5');
    await desk.getByTestId('save-meeting').click();
    await desk.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    const meetingId = desk.url().split('/').at(-1) ?? '';
    const meetingUrl = `${server.url}/c/${committeeId}/meetings/${meetingId}`;
    await desk.getByTestId('agenda-item').nth(5).waitFor();

    // A draft is the chair's and the secretariat's; scheduling publishes it to the members.
    await desk.getByTestId('draft-notice').waitFor();
    await desk.getByTestId('transition-scheduled').click();
    await desk.locator('[data-testid="meeting-status"][data-status="scheduled"]').waitFor();

    // The followers open the meeting as it is being prepared.
    await Promise.all(followers.map((page) => page.goto(meetingUrl)));
    await Promise.all([desk, ...followers].map(waitLive));

    // An item, and a sub-item under it.
    const paperItemTitle = 'Kertas cadangan: rantaian bekalan magnet NdFeB';
    await desk.getByTestId('add-agenda-item').click();
    await desk.locator('form [name="title"]').fill(paperItemTitle);
    await desk.getByTestId('save-agenda-item').click();
    await desk.getByTestId('agenda-item').nth(6).waitFor();
    const paperItem = (await agendaOf(meetingId)).find((item) => item.title === paperItemTitle);
    if (!paperItem) throw new Error('the item was not stored');
    expect(paperItem.number).toBe('6'); // a new item lands before the close of the meeting
    await desk.getByTestId('add-agenda-item').click();
    await desk.locator('form [name="title"]').fill('Laporan kumpulan kerja');
    await desk.locator('form [name="parentId"]').selectOption(paperItem.id);
    await desk.getByTestId('save-agenda-item').click();
    await desk.locator(`[data-agenda-id="${paperItem.id}"] [data-testid="agenda-item"][data-number="6.1"]`).waitFor();

    // Reorder by keyboard: the new item goes up one place.
    const handle = desk.getByRole('button', { name: `Move item 6: ${paperItemTitle}` });
    await handle.focus();
    const [moved] = await Promise.all([
      desk.waitForResponse((r) => r.url().endsWith(`/api/agenda-items/${paperItem.id}/move`)),
      (async () => {
        await desk.keyboard.press('Space');
        await desk.locator(`[data-agenda-id="${paperItem.id}"].agenda__item--dragging`).waitFor({ timeout: 10_000 });
        await afterTwoFrames(desk);
        await desk.keyboard.press('ArrowUp');
        await desk
          .waitForFunction(
            () =>
              Array.from(document.querySelectorAll('[id^="DndLiveRegion"]')).some((region) =>
                region.textContent?.includes('Item 6 is over the place of item 5.'),
              ),
            undefined,
            { timeout: 10_000 },
          )
          .catch(async (error: Error) => {
            throw new Error(`${error.message}; the page: ${await agendaDragState(desk)}`);
          });
        await desk.keyboard.press('Space');
      })(),
    ]);
    expect(moved.status()).toBe(200);
    expect(await moved.json()).toMatchObject({ id: paperItem.id, number: '5' });
    for (const page of followers) {
      await page
        .locator(`[data-agenda-id="${paperItem.id}"][data-number="5"] [data-testid="agenda-item"][data-number="5.1"]`)
        .waitFor({ timeout: LIVE_TIMEOUT_MS });
    }

    // A paper: one over the server's limit is refused before sending, a small PDF goes up.
    const fileInput = desk.locator(`${row(paperItem.id)} [data-testid="paper-file"]`);
    await fileInput.setInputFiles({
      name: 'lampiran-besar.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.alloc(UPLOAD_MAX_BYTES + 1, 0x20),
    });
    await desk.getByText('lampiran-besar.pdf is larger than 64 kB').waitFor({ timeout: 5_000 });
    const content = pdf(`Kertas ${stamp}`);
    await fileInput.setInputFiles({ name: 'Kertas cadangan NdFeB.pdf', mimeType: 'application/pdf', buffer: content });
    await desk.locator('[data-testid="paper-pending"] button', { hasText: 'Upload' }).click();
    await desk.locator('[data-testid="papers"] [role="status"]', { hasText: 'uploaded' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    for (const page of followers) {
      await page.locator(`[data-agenda-id="${paperItem.id}"] [data-testid="paper"]`).first().waitFor({ timeout: LIVE_TIMEOUT_MS });
    }

    // Attendance: the quorum indicator turns on the followers' screens as people are marked present.
    await Promise.all(
      followers.map((page) => page.locator('[data-testid="quorum"].quorum--not-met').waitFor({ timeout: LIVE_TIMEOUT_MS })),
    );
    const selects = desk.locator('[data-testid="attendance-panel"] select.attendance__select');
    const count = await selects.count();
    expect(count).toBeGreaterThan(1);
    for (let index = 0; index < count; index += 1) {
      const select = selects.nth(index);
      await select.selectOption('present');
      await desk.waitForFunction(
        (i) => !(document.querySelectorAll('[data-testid="attendance-panel"] select.attendance__select')[i] as HTMLSelectElement).disabled,
        index,
      );
    }
    await Promise.all(followers.map((page) => page.locator('[data-testid="quorum"].quorum--met').waitFor({ timeout: LIVE_TIMEOUT_MS })));

    // Run: start the meeting and set the current item; both followers move within a second.
    await desk.getByTestId('transition-in_progress').click();
    await desk.locator('[data-testid="meeting-status"][data-status="in_progress"]').waitFor();
    const [current] = await Promise.all([
      desk.waitForResponse((r) => r.url().endsWith(`/api/meetings/${meetingId}/current-item`) && r.request().method() === 'POST'),
      desk.locator(`${row(paperItem.id)} [data-testid="make-current"]`).click(),
    ]);
    const storedAt = Date.now();
    expect(current.status()).toBe(200);
    expect(((await current.json()) as Meeting).currentAgendaItemId).toBe(paperItem.id);
    await Promise.all(
      followers.map((page) =>
        page
          .locator(`[data-testid="agenda-item"][aria-current="step"][data-agenda-id="${paperItem.id}"]`)
          .waitFor({ timeout: LIVE_TIMEOUT_MS }),
      ),
    );
    expect(Date.now() - storedAt).toBeLessThanOrEqual(FOLLOW_BUDGET_MS);
    const phoneLayout = await phone.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(phoneLayout.scrollWidth).toBeLessThanOrEqual(phoneLayout.innerWidth);

    // Capture in place: a decision and an action from the item, on every screen without a reload.
    const decision = `Jawatankuasa bersetuju menyokong cadangan ${stamp}.`;
    await desk.getByRole('textbox', { name: 'Record a decision on item 6', exact: true }).fill(decision);
    await desk.keyboard.press('Enter');
    const actionTitle = `Sediakan kertas dasar bekalan magnet ${stamp}`;
    await desk.locator(`${row(paperItem.id)} [data-testid="raise-action"]`).click();
    await desk.locator('.raise-action input[type="text"]').first().fill(actionTitle);
    await desk.locator('.raise-action [data-testid="save-action-item"]').click();
    for (const page of followers) {
      await page.locator('[data-testid="decision"]', { hasText: decision }).waitFor({ timeout: LIVE_TIMEOUT_MS });
      await page
        .locator(`[data-agenda-id="${paperItem.id}"] [data-testid="item-action"]`, { hasText: actionTitle })
        .waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
    const phoneAfter = await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(phoneAfter).toBe(true);

    // The member downloads the paper: the same bytes.
    const [download] = await Promise.all([
      laptop.page.waitForEvent('download'),
      laptop.page.getByRole('button', { name: 'Download Kertas cadangan NdFeB.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Kertas cadangan NdFeB.pdf');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(path)).equals(content)).toBe(true);

    // Close the meeting; every screen shows it closed.
    await desk.getByTestId('transition-closed').click();
    for (const page of [desk, ...followers]) {
      await page.locator('[data-testid="meeting-status"][data-status="closed"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
    }

    // The next meeting's matters arising lists the action still open.
    const next = await api<Meeting>(server.url, token, 'POST', `/api/committees/${committeeId}/meetings`, {
      title: `${title} (susulan)`,
      startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      status: 'scheduled',
    });
    expect(next.status).toBe(201);
    await laptop.page.goto(`${server.url}/c/${committeeId}/meetings/${next.body.id}`);
    await laptop.page.locator('[data-testid="matter"]', { hasText: actionTitle }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  }, 150_000);
});
