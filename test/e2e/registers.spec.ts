import { describe, expect, it } from '@jest/globals';
import type { Page as ListPage, Negotiation, RndProject } from '@sidang/shared';
import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite.js';
import { api, DEMO_USERS } from '../support/server-process.js';

/** How long a change may take to reach another person's screen before we call it lost. */
const LIVE_TIMEOUT_MS = 15_000;

/** Whether the page is wider than the screen (a phone would scroll sideways). */
function overflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

describe('The registers in the browser', () => {
  const suite = browserSuite({
    chair: { email: DEMO_USERS.chair },
    member: { email: DEMO_USERS.member, viewport: { width: 360, height: 740 } },
  });

  async function open(page: Page, path: string): Promise<void> {
    await page.goto(`${suite.server?.url}/c/${suite.committeeId}${path}`);
    await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
  }

  it("should show a bilateral meeting created by the chair live on a member's phone, four or more rows to a screen", async () => {
    const phone = suite.member?.page as Page;
    const desk = suite.chair?.page as Page;
    await open(phone, '/registers/bilateral');
    await phone.getByTestId('bilateral-row').first().waitFor();
    const layout = await phone.evaluate(() => {
      const bar = document.querySelector('.bottomnav')?.getBoundingClientRect();
      const bottom = window.innerHeight - (bar?.height ?? 0);
      const rows = Array.from(document.querySelectorAll('[data-testid="bilateral-row"]')).map((row) => row.getBoundingClientRect());
      return { visible: rows.filter((row) => row.top >= 0 && row.bottom <= bottom).length, total: rows.length };
    });
    expect(layout.visible).toBeGreaterThanOrEqual(Math.min(4, layout.total));
    const width = await overflow(phone);
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth);

    const counterpart = `Geoscience Australia ${Date.now()}`;
    await open(desk, '/registers/bilateral/new');
    await desk.getByLabel('Country').fill('AU');
    await desk.getByLabel('Counterpart').fill(counterpart);
    await desk.getByTestId('register-save').click();
    await desk.getByRole('heading', { level: 1, name: new RegExp(counterpart) }).waitFor();

    const row = phone.getByTestId('bilateral-row').filter({ hasText: counterpart });
    await row.waitFor({ timeout: LIVE_TIMEOUT_MS });

    // Its page reads on the phone too: commitments, agreements and links without sideways scrolling.
    await row.getByRole('link', { name: counterpart }).click();
    await phone.getByRole('heading', { level: 1, name: new RegExp(counterpart) }).waitFor();
    await phone.getByTestId('links-panel').waitFor();
    const page = await overflow(phone);
    expect(page.scrollWidth).toBeLessThanOrEqual(page.innerWidth);
  }, 90_000);

  it('should withhold SECRET red lines from a CONFIDENTIAL member, and show them to the chair', async () => {
    const list = await api<ListPage<Negotiation>>(
      suite.server?.url ?? '',
      suite.token,
      'GET',
      `/api/committees/${suite.committeeId}/negotiations`,
    );
    const negotiation = list.body.items.find((n) => n.fieldClassifications.redLines === 'SECRET' && n.redLines);
    expect(negotiation).toBeDefined();
    const redLines = negotiation?.redLines ?? '';
    const path = `/registers/negotiations/${negotiation?.id}`;

    const phone = suite.member?.page as Page;
    await open(phone, path);
    const section = phone.getByRole('region', { name: 'Red lines' });
    await section.getByText('Withheld — above your clearance').waitFor();
    // Nowhere in the page, hidden text and attributes included.
    expect(await phone.content()).not.toContain(redLines);
    const width = await overflow(phone);
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth);

    const desk = suite.chair?.page as Page;
    await open(desk, path);
    await desk.getByRole('region', { name: 'Red lines' }).getByText(redLines).waitFor();
  }, 60_000);

  it('should open a country page and a slipping project on a 360 px phone, and show a new milestone live', async () => {
    const phone = suite.member?.page as Page;
    await open(phone, '/registers/countries/JP');
    await phone.getByTestId('timeline-item').first().waitFor();
    let width = await overflow(phone);
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth);

    const projects = await api<ListPage<RndProject>>(
      suite.server?.url ?? '',
      suite.token,
      'GET',
      `/api/committees/${suite.committeeId}/rnd-projects`,
    );
    const slipping = projects.body.items.find((p) => p.slipping);
    expect(slipping).toBeDefined();
    await open(phone, `/registers/rnd/${slipping?.id}`);
    await phone.getByTestId('slipping').first().waitFor();
    await phone.getByTestId('milestone-row').first().waitFor();
    width = await overflow(phone);
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth);

    const title = `Independent assay of pilot output ${Date.now()}`;
    const created = await api(suite.server?.url ?? '', suite.token, 'POST', `/api/rnd-projects/${slipping?.id}/milestones`, {
      title,
      plannedOn: '2027-06-30',
    });
    expect(created.status).toBe(201);
    await phone.getByTestId('milestone-row').filter({ hasText: title }).waitFor({ timeout: LIVE_TIMEOUT_MS });
  }, 90_000);
});
