import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from '@jest/globals';
import type { AgendaItem, Meeting } from '@sidang/shared';
import type { Page } from 'playwright-core';
import { blockingViolations } from '../support/accessibility.js';
import { browserSuite } from '../support/browser-suite.js';
import { api, DEMO_USERS } from '../support/server-process.js';

/**
 * What a phone may not do to a marking: cut it ("Restricte"), push it off the screen, or hide it
 * behind a clipping or scrolling box; likewise the R&D TRL bar, and the active register tab
 * must be in view. Returns one line per problem.
 */
function markingProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    const whole = (element: Element, what: string) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return;
      if (element.scrollWidth > element.clientWidth + 1) problems.push(`${what} cut: ${describe(element)}`);
      if (box.left < -0.5 || box.right > window.innerWidth + 0.5)
        problems.push(`${what} off the screen: ${describe(element)} ${box.left}–${box.right}`);
      for (let box2 = element.parentElement; box2; box2 = box2.parentElement) {
        const style = getComputedStyle(box2);
        if (style.overflowX === 'visible') continue;
        const outer = box2.getBoundingClientRect();
        if (box.left < outer.left - 0.5 || box.right > outer.right + 0.5) {
          problems.push(`${what} hidden by ${describe(box2)}: ${describe(element)}`);
          break;
        }
      }
    };
    for (const badge of document.querySelectorAll('.badge--class')) whole(badge, 'marking');
    for (const trl of document.querySelectorAll('.trl')) whole(trl, 'TRL bar');
    for (const tab of document.querySelectorAll('.register-tabs__tab.active')) whole(tab, 'active tab');
    return { problems, markings: document.querySelectorAll('.badge--class').length };
  });
}

/**
 * What a secretariat, a chair and a member on a phone meet on their first day (issue "the rough
 * edges"): markings on a phone, the projector's contrast, one main landmark on the search page.
 */
describe('A first day in Sidang', () => {
  const suite = browserSuite({ chair: { email: DEMO_USERS.chair, viewport: { width: 360, height: 740 } } });

  const PAGES: Array<[string, string]> = [
    ['/actions', '[data-testid="action-item-row"]'],
    ['/registers/bilateral', '[data-testid="bilateral-row"]'],
    ['/registers/negotiations', '[data-testid="negotiation-row"]'],
    ['/registers/rnd', '[data-testid="rnd-row"]'],
    ['/meetings', '[data-testid="meeting-row"]'],
  ];

  for (const width of [360, 320]) {
    it(`should keep every marking whole and on the screen at ${width} px, the TRL bars and the active register tab too`, async () => {
      const page = suite.chair?.page as Page;
      await page.setViewportSize({ width, height: 740 });
      for (const [path, row] of PAGES) {
        await page.goto(`${suite.server?.url}/c/${suite.committeeId}${path}`);
        await page.locator(row).first().waitFor();
        const { problems, markings } = await markingProblems(page);
        expect({ path, problems }).toEqual({ path, problems: [] });
        expect(markings).toBeGreaterThan(0);
      }
      // A meeting's page (its agenda and papers) and a register record's page.
      const opened: Array<[string, string, string]> = [
        ['/meetings', 'meeting-row', 'meeting-page'],
        ['/registers/negotiations', 'negotiation-row', 'links-panel'],
      ];
      for (const [list, row, open] of opened) {
        await page.goto(`${suite.server?.url}/c/${suite.committeeId}${list}`);
        await page.getByTestId(row).first().getByRole('link').first().click();
        await page.getByTestId(open).waitFor();
        await page.locator('main .badge--class').first().waitFor();
        const { problems } = await markingProblems(page);
        expect({ page: page.url(), problems }).toEqual({ page: page.url(), problems: [] });
      }
    }, 90_000);
  }

  it("should show the projector's current item with meta text at 4.5:1 or more (axe clean)", async () => {
    const page = suite.chair?.page as Page;
    const url = suite.server?.url ?? '';
    await page.setViewportSize({ width: 1440, height: 900 });
    const meeting = await api<Meeting>(url, suite.token, 'POST', `/api/committees/${suite.committeeId}/meetings`, {
      title: `Projector contrast ${Date.now()}`,
      startsAt: new Date().toISOString(),
      status: 'scheduled',
    });
    expect(meeting.status).toBe(201);
    const item = await api<AgendaItem>(url, suite.token, 'POST', `/api/meetings/${meeting.body.id}/agenda-items`, {
      title: 'Magnet plant feasibility',
      presenter: 'JMG',
      durationMinutes: 20,
    });
    expect(item.status).toBe(201);
    const started = await api<Meeting>(url, suite.token, 'PATCH', `/api/meetings/${meeting.body.id}`, {
      version: meeting.body.version,
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    const current = await api(url, suite.token, 'POST', `/api/meetings/${meeting.body.id}/current-item`, { agendaItemId: item.body.id });
    expect(current.status).toBe(200);
    await page.goto(`${url}/c/${suite.committeeId}/meetings/${meeting.body.id}/projector`);
    const row = page.locator(`[data-testid="projector"] [aria-current="step"]`);
    await row.waitFor();
    await row.locator('.agenda__meta').first().waitFor();
    expect(await blockingViolations(page, 'projector, current item with its presenter and time')).toEqual([]);
  }, 60_000);

  it("should keep the chair's live controls in view while the page scrolls down the agenda, on a desk and a phone", async () => {
    const page = suite.chair?.page as Page;
    const url = suite.server?.url ?? '';
    const meetings = await api<{ items: Meeting[] } | Meeting[]>(url, suite.token, 'GET', `/api/committees/${suite.committeeId}/meetings`);
    const list = Array.isArray(meetings.body) ? meetings.body : meetings.body.items;
    const running = list.find((meeting) => meeting.status === 'in_progress' && meeting.title.startsWith('Projector contrast'));
    expect(running).toBeDefined();
    for (const viewport of [
      { width: 1440, height: 600 },
      { width: 360, height: 640 },
    ]) {
      await page.setViewportSize(viewport);
      await page.goto(`${url}/c/${suite.committeeId}/meetings/${running?.id}`);
      await page.getByTestId('next-item').waitFor();
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(300);
      const where = await page.evaluate(() => {
        const box = document.querySelector('[data-testid="next-item"]')?.getBoundingClientRect();
        return { top: box?.top ?? -1, bottom: box?.bottom ?? -1, scrolled: window.scrollY, height: window.innerHeight };
      });
      expect(where.scrolled).toBeGreaterThan(0);
      expect(where.top).toBeGreaterThanOrEqual(0);
      expect(where.bottom).toBeLessThanOrEqual(where.height);
    }
  }, 60_000);

  it('should give the search page one main landmark (axe clean) on a desk and a phone', async () => {
    const page = suite.chair?.page as Page;
    for (const width of [1440, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${suite.server?.url}/c/${suite.committeeId}/search?q=magnet`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await blockingViolations(page, `search page at ${width} px`)).toEqual([]);
      // Landmark rules are "moderate" in axe: none of them either.
      const landmarks = (await new AxeBuilder({ page }).analyze()).violations
        .filter((violation) => violation.id.startsWith('landmark') || violation.id === 'region')
        .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
      expect({ width, landmarks }).toEqual({ width, landmarks: [] });
    }
  }, 60_000);

  it("should line up the new meeting form's fields on a desk and a phone: inputs of one row, one height, the checkbox beside its label", async () => {
    const page = suite.chair?.page as Page;
    for (const width of [1440, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${suite.server?.url}/c/${suite.committeeId}/meetings`);
      await page.getByTestId('new-meeting').click();
      await page.getByTestId('meeting-form').waitFor();
      const layout = await page.evaluate(() => {
        const form = document.querySelector('[data-testid="meeting-form"]') as HTMLElement;
        const inputs = Array.from(form.querySelectorAll<HTMLElement>('.form__grid .field > input, .form__grid .field > select')).map(
          (input) => input.getBoundingClientRect(),
        );
        const box = form.querySelector('input[type="checkbox"]')?.getBoundingClientRect();
        const label = form.querySelector('input[type="checkbox"] + label')?.getBoundingClientRect();
        return {
          inputs: inputs.map((rect) => ({ top: Math.round(rect.top), bottom: Math.round(rect.bottom), height: Math.round(rect.height) })),
          checkbox:
            box && label
              ? { besideLabel: box.right <= label.left + 1, sameLine: box.top < label.top + 24 && box.bottom > label.top }
              : null,
          overflow: form.scrollWidth > form.clientWidth + 1,
        };
      });
      // Fields that share a row end at one line (their inputs' bottoms agree).
      const bottoms = layout.inputs.map((input) => input.bottom);
      for (const input of layout.inputs) {
        const sameRow = layout.inputs.filter((other) => Math.abs(other.bottom - input.bottom) < 30 || Math.abs(other.top - input.top) < 30);
        expect({ width, row: sameRow.map((other) => other.bottom) }).toEqual({ width, row: sameRow.map(() => input.bottom) });
      }
      expect(new Set(layout.inputs.map((input) => input.height)).size).toBe(1);
      expect(bottoms.length).toBeGreaterThan(2);
      expect({ width, checkbox: layout.checkbox }).toEqual({ width, checkbox: { besideLabel: true, sameLine: true } });
      expect(layout.overflow).toBe(false);
      await page.getByRole('button', { name: 'Cancel' }).click();
    }
  }, 60_000);

  it('should keep axe clean on the first pages at 360 and 1440 px, in English and Bahasa Malaysia', async () => {
    const page = suite.chair?.page as Page;
    const url = suite.server?.url ?? '';
    const pages: Array<[string, string]> = [
      ['', 'main h1'],
      ['/actions', '[data-testid="action-item-row"]'],
      ['/meetings', '[data-testid="meeting-row"]'],
      ['/registers/bilateral', '[data-testid="bilateral-row"]'],
      ['/registers/rnd', '[data-testid="rnd-row"]'],
    ];
    const found: string[] = [];
    const langs = new Set<string>();
    try {
      for (const locale of ['en', 'ms']) {
        // Chosen as a person does: the language switch in the top bar (kept in their profile).
        await page.setViewportSize({ width: 1440, height: 800 });
        await page.goto(`${url}/c/${suite.committeeId}/actions`);
        const saved = page
          .waitForResponse((response) => response.url().endsWith('/api/auth/me') && response.request().method() === 'PATCH', {
            timeout: 5_000,
          })
          .catch(() => undefined);
        await page.getByTestId('language-switch').selectOption(locale);
        await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
        // The profile (and its copy kept on the device) says it too before the next page loads.
        await saved;
        await page.waitForTimeout(1500);
        for (const width of [360, 1440]) {
          await page.setViewportSize({ width, height: 800 });
          for (const [path, ready] of pages) {
            await page.goto(`${url}/c/${suite.committeeId}${path}`);
            await page.locator(ready).first().waitFor();
            await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
            langs.add(`${locale}:${await page.evaluate(() => document.documentElement.lang)}`);
            for (const violation of await blockingViolations(page, `${path || '/'} ${locale} ${width}`)) {
              found.push(`${path || '/'} ${locale} ${width}: ${violation.id} ${violation.targets.join(', ')}`);
            }
          }
        }
      }
    } finally {
      await page.setViewportSize({ width: 1440, height: 800 });
      await page.getByTestId('language-switch').selectOption('en');
    }
    expect(found).toEqual([]);
    // Each pass was in its language.
    expect([...langs].sort()).toEqual(['en:en', 'ms:ms']);
  }, 180_000);
});
