import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { AgendaItem, Annotation, DocumentPage, Invitation } from '@sidang/shared';
import { blockingViolations } from '../support/accessibility.js';
import { browserSuite } from '../support/browser-suite.js';
import { api, DEMO_USERS, signInToDemoCommittee } from '../support/server-process.js';

/**
 * A member on a phone accepts the invitation to the next meeting, reads one of its papers in the
 * app, keeps a private note with a highlight on its page, and downloads the meeting pack, which
 * stays on the phone.
 */
describe('Papers on a phone', () => {
  const suite = browserSuite({ member: { email: DEMO_USERS.member, viewport: { width: 360, height: 740 } } }, 120_000);

  it('should accept the invitation, open a paper in the reader, add a private note with a highlight, and download the pack', async () => {
    const page = suite.member?.page;
    const url = suite.server?.url ?? '';
    if (!page) throw new Error('beforeAll did not finish');
    // The demo's next meeting has a CONFIDENTIAL paper the CONFIDENTIAL member may read.
    const papers = await api<DocumentPage>(url, suite.token, 'GET', `/api/committees/${suite.committeeId}/documents?limit=500`);
    const paper = papers.body.items.find((item) => item.title.startsWith('Kertas Kerja 1:'));
    if (!paper) throw new Error('no demo paper');
    const item = await api<AgendaItem>(url, suite.token, 'GET', `/api/agenda-items/${paper.parentId}`);
    const meetingUrl = `${url}/c/${suite.committeeId}/meetings/${item.body.meetingId}`;

    await page.goto(meetingUrl);
    // The invitation to the scheduled meeting, answered from its page by the phone's keyboard.
    const accept = page.getByTestId('rsvp-accepted');
    await accept.scrollIntoViewIfNeeded();
    await accept.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="rsvp-accepted"][aria-pressed="true"]').waitFor();
    expect(await page.getByTestId('rsvp').locator('legend').textContent()).toContain('Your answer: Attending');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const invitations = await api<Invitation[]>(url, suite.token, 'GET', `/api/meetings/${item.body.meetingId}/invitations`);
    const memberId = (await signInToDemoCommittee(url, DEMO_USERS.member)).user.id;
    expect(invitations.body.find((invitation) => invitation.userId === memberId)).toMatchObject({ response: 'accepted' });
    await page.evaluate(() => window.scrollTo(0, 0));
    const read = page.locator(`[data-paper-id="${paper.id}"] [data-testid="paper-read"]`);
    await read.waitFor();
    await read.click();
    await page.waitForURL(new RegExp(`/papers/${paper.id}$`));
    await page.getByTestId('paper-viewer').waitFor();
    await page.locator('.viewer__canvas').waitFor();
    await page.getByTestId('viewer-page-of').filter({ hasText: 'Page 1 of 1' }).waitFor();
    // pdf.js drew the page: the canvas has ink on it.
    await page.waitForFunction(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.viewer__canvas');
      const context = canvas?.getContext('2d');
      if (!canvas || !context || canvas.width === 0) return false;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128 && (data[i + 3] ?? 0) > 0) return true;
      return false;
    });
    // The phone's width holds the page and the notes, one under the other.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const note = `Semak jadual insentif ${Date.now()}`;
    await page.getByTestId('viewer-note-text').fill(note);
    await page.getByTestId('viewer-highlight').click();
    const overlay = page.getByTestId('viewer-overlay');
    await overlay.scrollIntoViewIfNeeded();
    const box = await overlay.boundingBox();
    if (!box) throw new Error('no page overlay');
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.2, { steps: 5 });
    await page.mouse.up();
    await page.locator('.viewer__highlight--pending').waitFor();
    await page.getByTestId('viewer-note-save').click();
    const saved = page.locator('[data-testid="viewer-note"][data-visibility="private"]', { hasText: note });
    await saved.waitFor();
    expect(await saved.textContent()).toContain('Private');
    await page.locator('.viewer__highlight--private').waitFor();
    expect(await blockingViolations(page, '/c/:committeeId/meetings/:meetingId/papers/:documentId')).toEqual([]);

    // Stored for the member alone: the chair (SECRET) does not see it.
    const member = await signInToDemoCommittee(url, DEMO_USERS.member);
    const own = await api<Annotation[]>(url, member.accessToken, 'GET', `/api/documents/${paper.id}/annotations`);
    expect(own.body.find((a) => a.text === note)).toMatchObject({ visibility: 'private', page: 1 });
    expect(own.body.find((a) => a.text === note)?.highlight?.w).toBeGreaterThan(0.3);
    const chairs = await api<Annotation[]>(url, suite.token, 'GET', `/api/documents/${paper.id}/annotations`);
    expect(JSON.stringify(chairs.body)).not.toContain(note);

    // Back on the meeting: the pack downloads, and is kept on the phone.
    await page.getByRole('link', { name: /Back to the meeting/ }).click();
    await page.waitForURL(meetingUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pack-download').click()]);
    const path = await download.path();
    const pdf = await readFile(path);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2_000);
    await page.getByTestId('pack-kept').waitFor();
    const kept = await page.evaluate(async () => {
      const cache = await caches.open('sidang-packs-v1');
      return (await cache.keys()).map((request) => new URL(request.url).pathname);
    });
    expect(kept).toEqual([expect.stringContaining(`/${item.body.meetingId}.pdf`)]);
  }, 120_000);
});
