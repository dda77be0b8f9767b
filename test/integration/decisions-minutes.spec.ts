import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type ActivityPage, type Decision, describeChange, type Minutes } from '@sidang/shared';
import { startMeeting } from './support/factories.js';
import { TestApp } from './support/harness.js';
import { fetchPdf, type MinutesWorld, minutesWorld } from './support/minutes-docs.js';

jest.setTimeout(120_000);

/**
 * Issue 17, point 5: a decision is corrected and withdrawn (with a reason) through the record
 * kit, each in the activity; an item's decisions appear in its minutes section and the PDF as
 * they stand now; a decision above a reader is in neither.
 */
describe('decisions: corrected and withdrawn, into the minutes and the PDF', () => {
  let app: TestApp;
  let world: MinutesWorld;
  let corrected: Decision;
  let withdrawn: Decision;
  let secret: Decision;
  let restricted: Decision;
  const SECRET_MARKER = 'RAHSIAKEPUTUSAN7Q3';

  const record = async (agendaItemId: string, body: Record<string, unknown>) => {
    const result = await app.request<Decision>('POST', `/api/agenda-items/${agendaItemId}/decisions`, world.chair.token, body);
    expect(result.status).toBe(201);
    return result.body;
  };
  const minutesOf = async (token: string) => (await app.request<Minutes>('GET', `/api/meetings/${world.meeting.id}/minutes`, token)).body;
  const activityOf = async (token: string, entityId: string) =>
    (await app.request<ActivityPage>('GET', `/api/committees/${world.committee.id}/activity?entityId=${entityId}`, token)).body;

  beforeAll(async () => {
    app = await TestApp.start({ LOG_LEVEL: process.env.DEBUG_LOG ?? 'silent' });
    world = await minutesWorld(app);
    // Decisions are taken once the meeting has started.
    await startMeeting(app, world.chair, world.meeting);
    corrected = await record(world.openItem.id, { text: 'Mesyuarat bersetuju dengan cadangan asal' });
    withdrawn = await record(world.openItem.id, { text: 'Mesyuarat bersetuju menangguhkan kajian' });
    restricted = await record(world.openItem.id, { text: 'Keputusan terhad kepada ahli', classification: 'RESTRICTED' });
    // Above the CONFIDENTIAL member, on an item they may see: the marker.
    secret = await record(world.openItem.id, { text: `Keputusan ${SECRET_MARKER}`, classification: 'SECRET' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should correct the text for the chair, bump the version and mark it corrected; refuse others, stale and empty edits', async () => {
    const url = `/api/decisions/${corrected.id}`;
    expect((await app.request('PATCH', url, world.member.token, { version: 1, text: 'x' })).status).toBe(403);
    expect((await app.request('PATCH', url, world.outsider.token, { version: 1, text: 'x' })).status).toBe(404);
    const empty = await app.request<{ code: string }>('PATCH', url, world.chair.token, { version: 1 });
    expect([empty.status, empty.body.code]).toEqual([400, 'nothing_to_change']);
    const blank = await app.request<{ issues: Array<{ field: string }> }>('PATCH', url, world.chair.token, { version: 1, text: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.issues.map((issue) => issue.field)).toContain('text');

    const result = await app.request<Decision>('PATCH', url, world.secretariat.token, {
      version: 1,
      text: 'Mesyuarat bersetuju dengan cadangan yang dipinda',
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ version: 2, status: 'recorded', text: 'Mesyuarat bersetuju dengan cadangan yang dipinda' });
    expect(result.body.correctedAt).not.toBeNull();
    corrected = result.body;

    const stale = await app.request<{ code: string; current: Decision }>('PATCH', url, world.chair.token, { version: 1, text: 'lagi' });
    expect([stale.status, stale.body.code, stale.body.current.version]).toEqual([409, 'stale_version', 2]);
  });

  it('should withdraw with a reason only, keep the decision marked withdrawn, and refuse a second withdrawal or a correction', async () => {
    const url = `/api/decisions/${withdrawn.id}/withdraw`;
    const noReason = await app.request<{ issues: Array<{ field: string }> }>('POST', url, world.chair.token, { version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues.map((issue) => issue.field)).toEqual(['reason']);
    const blankReason = await app.request<{ issues: Array<{ field: string }> }>('POST', url, world.chair.token, {
      version: 1,
      reason: ' ',
    });
    expect(blankReason.status).toBe(400);
    expect(blankReason.body.issues.map((issue) => issue.field)).toEqual(['reason']);
    expect((await app.request('POST', url, world.member.token, { version: 1, reason: 'x' })).status).toBe(403);

    const result = await app.request<Decision>('POST', url, world.chair.token, { version: 1, reason: 'Dibuat atas maklumat yang salah' });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Dibuat atas maklumat yang salah', version: 2 });
    withdrawn = result.body;

    const again = await app.request<{ code: string }>('POST', url, world.chair.token, { version: 2, reason: 'lagi' });
    expect([again.status, again.body.code]).toEqual([409, 'invalid_transition']);
    const edit = await app.request<{ code: string; current: Decision }>('PATCH', `/api/decisions/${withdrawn.id}`, world.chair.token, {
      version: 2,
      text: 'Dipinda selepas ditarik balik',
    });
    expect([edit.status, edit.body.code, edit.body.current.status]).toEqual([409, 'conflict', 'withdrawn']);
    // Still in the item's list and the register, marked.
    const listed = await app.request<Decision[]>('GET', `/api/agenda-items/${world.openItem.id}/decisions`, world.member.token);
    expect(listed.body.find((decision) => decision.id === withdrawn.id)?.status).toBe('withdrawn');
  });

  it('should say "corrected" and "withdrew" in the activity, in English and Malay, with the earlier text kept', async () => {
    const correction = (await activityOf(world.member.token, corrected.id)).items.find((entry) => entry.verb === 'updated');
    expect(correction?.changes).toContainEqual({
      field: 'text',
      before: 'Mesyuarat bersetuju dengan cadangan asal',
      after: 'Mesyuarat bersetuju dengan cadangan yang dipinda',
    });
    expect(describeChange(correction as never, 'en').sentence).toContain('corrected the decision');
    expect(describeChange(correction as never, 'ms').sentence).toContain('membetulkan keputusan');
    const withdrawal = (await activityOf(world.member.token, withdrawn.id)).items.find((entry) => entry.verb === 'updated');
    expect(describeChange(withdrawal as never, 'en').sentence).toContain('withdrew the decision');
    expect(describeChange(withdrawal as never, 'ms').sentence).toContain('menarik balik keputusan');
    expect(JSON.stringify(withdrawal?.changes)).toContain('Dibuat atas maklumat yang salah');
  });

  it("should list each item's decisions in its minutes section as they stand, and never one above the reader", async () => {
    const forMember = await minutesOf(world.member.token);
    const open = forMember.sections.find((section) => section.agendaItemId === world.openItem.id);
    expect(open?.decisions?.map((decision) => [decision.text, decision.status, decision.withdrawalReason])).toEqual([
      ['Mesyuarat bersetuju dengan cadangan yang dipinda', 'recorded', null],
      ['Mesyuarat bersetuju menangguhkan kajian', 'withdrawn', 'Dibuat atas maklumat yang salah'],
      ['Keputusan terhad kepada ahli', 'recorded', null],
    ]);
    const forObserver = await minutesOf(world.observer.token);
    expect(forObserver.sections[0]?.decisions?.map((decision) => decision.id)).toEqual([corrected.id, withdrawn.id]);
    expect(JSON.stringify(forMember)).not.toContain(SECRET_MARKER);
    // The positive control: a SECRET member sees it, in the same section.
    const forSecret = await minutesOf(world.secretMember.token);
    const secretOpen = forSecret.sections.find((section) => section.agendaItemId === world.openItem.id);
    expect(secretOpen?.decisions?.map((decision) => decision.id)).toEqual([corrected.id, withdrawn.id, restricted.id, secret.id]);
  });

  it('should print "Keputusan:" with the current text, the withdrawn one struck with its reason, and nothing above the reader', async () => {
    const member = (await fetchPdf(app.url, world.minutes.id, world.member.token)).pages.join(' ');
    expect(member).toContain('Keputusan:');
    expect(member).toContain('Mesyuarat bersetuju dengan cadangan yang dipinda (dipinda)');
    expect(member).not.toContain('cadangan asal');
    expect(member).toContain('Mesyuarat bersetuju menangguhkan kajian');
    expect(member).toContain('(Ditarik balik: Dibuat atas maklumat yang salah)');
    expect(member).not.toContain(SECRET_MARKER);
    const cleared = (await fetchPdf(app.url, world.minutes.id, world.secretMember.token)).pages.join(' ');
    expect(cleared).toContain(SECRET_MARKER);
    // The marking is the highest level printed, decisions included: TERHAD for the RESTRICTED
    // member (an OPEN section with a RESTRICTED decision), TERBUKA for the observer, who gets neither.
    const terhad = (await fetchPdf(app.url, world.minutes.id, world.restricted.token)).pages;
    expect(terhad.every((page) => page.includes('TERHAD TERHAD Halaman'))).toBe(true);
    expect(terhad.join(' ')).toContain('Keputusan terhad kepada ahli');
    const open = (await fetchPdf(app.url, world.minutes.id, world.observer.token)).pages;
    expect(open.every((page) => page.includes('TERBUKA TERBUKA Halaman'))).toBe(true);
    expect(open.join(' ')).not.toContain('Keputusan terhad');
  });

  it("should print a guest who is not a member once, with their agency, in the in-attendance block of every reader's PDF", async () => {
    const guest = { name: 'Dr Tamu Pembentang', agency: 'MINT', role: 'Pembentang' };
    const added = await app.request('POST', `/api/meetings/${world.meeting.id}/guests`, world.secretariat.token, guest);
    expect(added.status).toBe(201);
    // A member marked present, so that the present block is there to tell apart from the guests'.
    const marked = await app.request('PUT', `/api/meetings/${world.meeting.id}/attendance/${world.member.id}`, world.secretariat.token, {
      status: 'present',
    });
    expect(marked.status).toBe(200);
    for (const reader of [world.member, world.observer]) {
      const pdf = (await fetchPdf(app.url, world.minutes.id, reader.token)).pages.join(' ');
      const line = 'Dr Tamu Pembentang (MINT)';
      expect(pdf.split(guest.name)).toHaveLength(2);
      // In order: the present members, then the guests' block with the guest, then the sections.
      const order = ['HADIR', 'Ahli Sulit (JMG)', 'HADIR BERSAMA', line, '1. LAPORAN KEMAJUAN'].map((text) => pdf.indexOf(text));
      expect(order.every((at, n) => at >= 0 && (n === 0 || at > (order[n - 1] as number)))).toBe(true);
    }
  });
});
