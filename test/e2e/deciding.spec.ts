import { describe, expect, it } from '@jest/globals';
import type { AgendaItem, CommitteeSettings, Meeting, Minutes } from '@sidang/shared';
import { blockingViolations } from '../support/accessibility.js';
import { browserSuite } from '../support/browser-suite.js';
import { api, DEMO_USERS, login } from '../support/server-process.js';

/** How long a ballot may take to reach another screen before we call it lost. */
const LIVE_TIMEOUT_MS = 15_000;
const PHONE = { width: 360, height: 740 };

/**
 * A vote in the room: the chair opens it from the live meeting page, two voting members cast
 * from their phones, the projector shows the count live, and the closed vote's result lands in
 * the minutes.
 */
describe('A vote in the meeting, in the browser', () => {
  const suite = browserSuite(
    {
      chair: { email: DEMO_USERS.chair },
      projector: { email: DEMO_USERS.chair },
      secretariat: { email: DEMO_USERS.secretariat, viewport: PHONE },
      member: { email: DEMO_USERS.member, viewport: PHONE },
    },
    180_000,
  );

  it('should count two phones live on the projector and record the result in the minutes', async () => {
    const { url } = suite.server;
    const call = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> => {
      const answer = await api<T>(url, suite.token, method as 'POST', path, body);
      if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    // The secretariat votes in this committee (its settings say so): two voting members on phones.
    const settings = await call<CommitteeSettings>('GET', `/api/committees/${suite.committeeId}/settings`);
    await call('PATCH', `/api/committees/${suite.committeeId}/settings`, { version: settings.version, secretariatVotes: true });
    const meeting = await call<Meeting>('POST', `/api/committees/${suite.committeeId}/meetings`, {
      title: `Mesyuarat undian ${Date.now()}`,
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      standardAgenda: false,
    });
    const item = await call<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, { title: 'Pelantikan perunding' });
    await call('PATCH', `/api/meetings/${meeting.id}`, { version: 1, status: 'scheduled' });
    await call('PATCH', `/api/meetings/${meeting.id}`, { version: 2, status: 'in_progress' });
    for (const email of [DEMO_USERS.secretariat, DEMO_USERS.member]) {
      const { user } = await login(url, email);
      await call('PUT', `/api/meetings/${meeting.id}/attendance/${user.id}`, { status: 'present' });
    }
    await call('POST', `/api/meetings/${meeting.id}/current-item`, { agendaItemId: item.id });

    const page = `${url}/c/${suite.committeeId}/meetings/${meeting.id}`;
    await suite.projector.page.goto(`${page}/projector`);
    await suite.chair.page.goto(page);
    await suite.chair.page.getByTestId('open-vote').click();
    await suite.chair.page.getByLabel('Question').fill('Setuju melantik perunding?');
    await suite.chair.page.getByRole('button', { name: 'Start the vote' }).click();
    await suite.chair.page.getByTestId('vote-card').waitFor();

    for (const [phone, choice] of [
      [suite.secretariat.page, 'For'],
      [suite.member.page, 'Against'],
    ] as const) {
      await phone.goto(page);
      const button = phone.getByTestId('vote-card').getByRole('button', { name: choice });
      await button.waitFor({ timeout: LIVE_TIMEOUT_MS });
      await button.click();
      await phone.getByText(`You voted: ${choice}`).waitFor({ timeout: LIVE_TIMEOUT_MS });
    }
    // The ballot on a phone: no horizontal scroll at 360 px, and axe stays clean.
    const phone = suite.member.page;
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await blockingViolations(phone, 'a vote on the meeting page at 360 px')).toEqual([]);

    // The projector shows the count live: one for, one against.
    await suite.projector.page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="projector-votes"]')?.textContent ?? '';
        return text.includes('For 1') && text.includes('Against 1') && text.includes('Abstain 0');
      },
      null,
      { timeout: LIVE_TIMEOUT_MS },
    );

    // The chair closes it: the result is the item's decision, on the page and in the minutes.
    await suite.chair.page.getByTestId('close-vote').click();
    await suite.chair.page.locator('[data-testid="vote-card"][data-status="closed"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
    await suite.chair.page.getByTestId('decision').filter({ hasText: 'Setuju: 1; Tidak setuju: 1; Berkecuali: 0' }).waitFor({
      timeout: LIVE_TIMEOUT_MS,
    });
    const minutes = await call<Minutes>('GET', `/api/meetings/${meeting.id}/minutes`);
    const section = minutes.sections.find((s) => s.agendaItemId === item.id);
    expect(section?.decisions?.map((d) => d.text).join('\n')).toContain('Setuju: 1; Tidak setuju: 1; Berkecuali: 0');
    expect(await blockingViolations(suite.chair.page, 'a closed vote on the meeting page')).toEqual([]);
  }, 120_000);

  it('should let the chair circulate a resolution and a member answer it from the home on a phone', async () => {
    const desk = suite.chair.page;
    await desk.goto(`${suite.server.url}/c/${suite.committeeId}/resolutions`);
    const form = desk.getByTestId('circulate-form');
    await form.getByLabel('Title').fill('Kelulusan pelantikan perunding');
    await form.getByLabel('Text').fill('Jawatankuasa diminta bersetuju.');
    await form.getByLabel('Answers close at').fill('2031-01-15T17:00');
    await form.getByRole('button', { name: 'Circulate' }).click();
    const link = desk.getByRole('link', { name: 'Kelulusan pelantikan perunding' });
    await link.waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await blockingViolations(desk, 'the resolutions page')).toEqual([]);

    const phone = suite.member.page;
    await phone.goto(`${suite.server.url}/c/${suite.committeeId}`);
    await phone.getByTestId('awaiting-resolutions').getByRole('link', { name: 'Kelulusan pelantikan perunding' }).click();
    await phone.getByTestId('answer-form').waitFor();
    await phone.getByLabel('Object').check();
    await phone.getByLabel('Comment (optional)').fill('Kos terlalu tinggi');
    await phone.getByRole('button', { name: 'Send my answer' }).click();
    await phone.getByText('You answered: Object').waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await blockingViolations(phone, 'a resolution at 360 px')).toEqual([]);
  }, 120_000);
});
