import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionItem, ActionsByAgencyReport, ApiIssue, AttendanceReport, Meeting } from '@sidang/shared';
import { aCommittee, aMembership, aUser, type TestUser } from './support/factories.js';
import { TestApp } from './support/harness.js';

jest.setTimeout(120_000);

/**
 * Issue 17, point 6: attendance per member over a year and action items per agency, on screen
 * (json) and as marked CSV/XLSX, counting only what the reader may see (a SECRET meeting and a
 * SECRET action item above the CONFIDENTIAL member, seen by the SECRET member).
 */
describe('reports: attendance and actions by agency, per reader', () => {
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;
  let secretariat: TestUser;
  let member: TestUser;
  let secretMember: TestUser;
  let outsider: TestUser;
  let late: TestUser;
  /** An agency code only the SECRET action item names: the marker. */
  const SECRET_AGENCY = 'RAHSIAKDN';

  const held = async (title: string, startsAt: string, classification: string, marks: Array<[TestUser, string]>) => {
    const created = await app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, chair.token, {
      title,
      startsAt,
      classification,
      status: 'scheduled',
      standardAgenda: false,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const setStatus = async (status: string) => {
      const current = await app.request<Meeting>('GET', `/api/meetings/${id}`, chair.token);
      expect((await app.request('PATCH', `/api/meetings/${id}`, chair.token, { version: current.body.version, status })).status).toBe(200);
    };
    await setStatus('in_progress');
    for (const [person, status] of marks) {
      const marked = await app.request('PUT', `/api/meetings/${id}/attendance/${person.id}`, secretariat.token, { status });
      expect(marked.status).toBe(200);
    }
    await setStatus('closed');
    return id;
  };
  const action = async (fields: Partial<ActionItem> & { ownerAgencies?: string[] }) => {
    const result = await app.request<ActionItem>('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
      title: `Tindakan ${Math.random().toString(36).slice(2, 8)}`,
      ...fields,
    });
    expect(result.status).toBe(201);
    return result.body;
  };
  const report = <T>(token: string, path: string) => app.request<T>('GET', `/api/committees/${committee.id}/reports/${path}`, token);
  const file = async (token: string, path: string) => {
    const response = await fetch(`${app.url}/api/committees/${committee.id}/reports/${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      level: response.headers.get('x-classification'),
      body: response,
    };
  };

  beforeAll(async () => {
    app = await TestApp.start();
    committee = await aCommittee(app);
    chair = await aUser(app, { clearance: 'SECRET', name: 'Pengerusi Laporan', agency: 'MITI' });
    secretariat = await aUser(app, { clearance: 'SECRET', name: 'Urus Setia Laporan', agency: 'MITI' });
    member = await aUser(app, { clearance: 'CONFIDENTIAL', name: 'Ahli Sulit Laporan', agency: 'JMG' });
    secretMember = await aUser(app, { clearance: 'SECRET', name: 'Ahli Rahsia Laporan', agency: 'MOSTI' });
    outsider = await aUser(app, { clearance: 'SECRET', name: 'Orang Luar Laporan' });
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, secretariat, 'secretariat');
    await aMembership(app, committee, member, 'member');
    await aMembership(app, committee, secretMember, 'member');
    await aMembership(app, await aCommittee(app), outsider, 'chair');

    await held('Mesyuarat Pertama', '2026-02-05T09:30:00+08:00', 'OPEN', [
      [member, 'present'],
      [secretMember, 'apologies'],
    ]);
    await held('Mesyuarat Kedua', '2026-05-07T09:30:00+08:00', 'OPEN', [
      [member, 'present'],
      [secretMember, 'present'],
    ]);
    // Above the member: neither counted nor marked in what they get.
    await held('Mesyuarat Rahsia', '2026-08-06T09:30:00+08:00', 'SECRET', [
      [member, 'absent'],
      [secretMember, 'present'],
    ]);
    // Another year.
    await held('Mesyuarat Tahun Lalu', '2025-11-06T09:30:00+08:00', 'OPEN', [[member, 'present']]);

    // Joined after the year's meetings were scheduled: invited to none of them.
    late = await aUser(app, { clearance: 'CONFIDENTIAL', name: 'Ahli Baharu Laporan', agency: 'NRES' });
    await aMembership(app, committee, late, 'member');

    await action({ ownerAgencies: ['JMG'], dueDate: '2099-01-01' });
    await action({ ownerAgencies: ['JMG'], dueDate: '2020-01-01' });
    await action({ ownerAgencies: ['MOSTI'], status: 'done' });
    await action({ ownerIds: [member.id] });
    await action({ ownerAgencies: [SECRET_AGENCY], classification: 'SECRET', dueDate: '2020-01-01' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('should count attendance over the year per member, only meetings the reader may see, marked', async () => {
    const forMember = await report<AttendanceReport>(member.token, 'attendance?year=2026');
    expect(forMember.status).toBe(200);
    expect((await file(member.token, 'attendance?year=2026')).level).toBe('OPEN');
    expect(forMember.body).toMatchObject({ year: 2026, meetings: 2, classification: 'OPEN' });
    const row = (body: AttendanceReport, user: TestUser) => body.rows.find((r) => r.userId === user.id);
    expect(row(forMember.body, member)).toMatchObject({ invited: 2, present: 2, apologies: 0, absent: 0, rate: 100 });
    expect(row(forMember.body, secretMember)).toMatchObject({ invited: 2, present: 1, apologies: 1, absent: 0, rate: 50 });
    expect(row(forMember.body, chair)).toMatchObject({ invited: 2, present: 0, absent: 2, rate: 0 });
    expect(row(forMember.body, late)).toMatchObject({ invited: 0, present: 0, absent: 0, rate: null });
    expect(forMember.body.rows.map((r) => r.role)).toEqual(['chair', 'secretariat', 'member', 'member', 'member']);

    // The positive control: the SECRET member counts the SECRET meeting, and the report is marked SECRET.
    const forSecret = await report<AttendanceReport>(secretMember.token, 'attendance?year=2026&format=json');
    expect(forSecret.body).toMatchObject({ meetings: 3, classification: 'SECRET' });
    expect(row(forSecret.body, member)).toMatchObject({ invited: 3, present: 2, absent: 1, rate: 67 });
    expect(row(forSecret.body, secretMember)).toMatchObject({ invited: 3, present: 2, apologies: 1 });

    const lastYear = await report<AttendanceReport>(member.token, 'attendance?year=2025');
    expect(lastYear.body.meetings).toBe(1);
  });

  it('should give the attendance as a CSV and an XLSX file marked with the highest level counted', async () => {
    const csv = await file(member.token, 'attendance?year=2026&format=csv');
    expect([csv.status, csv.level]).toEqual([200, 'OPEN']);
    expect(csv.type).toContain('text/csv');
    const text = await csv.body.text();
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0]).toContain('OPEN / TERBUKA');
    expect(lines.at(-1)).toContain('OPEN / TERBUKA');
    expect(lines[1]).toContain('Invited');
    expect(text).toContain('Ahli Rahsia Laporan');
    const secret = await file(secretMember.token, 'attendance?year=2026&format=csv');
    expect(secret.level).toBe('SECRET');
    expect((await secret.body.text()).split(/\r?\n/)[0]).toContain('SECRET / RAHSIA');
    const xlsx = await file(secretMember.token, 'attendance?year=2026&format=xlsx');
    expect([xlsx.status, xlsx.level]).toEqual([200, 'SECRET']);
    expect(xlsx.type).toContain('spreadsheetml');
    expect(
      Buffer.from(await xlsx.body.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  it('should count actions per agency (open, overdue, done), never one above the reader', async () => {
    const forMember = await report<ActionsByAgencyReport>(member.token, 'actions-by-agency');
    expect(forMember.status).toBe(200);
    expect(forMember.body.classification).toBe('OPEN');
    expect(forMember.body.rows).toEqual([
      { agency: 'JMG', open: 3, overdue: 1, done: 0 },
      { agency: 'MOSTI', open: 0, overdue: 0, done: 1 },
    ]);
    expect(JSON.stringify(forMember.body)).not.toContain(SECRET_AGENCY);
    const csv = await file(member.token, 'actions-by-agency?format=csv');
    const text = await csv.body.text();
    expect(text).not.toContain(SECRET_AGENCY);
    expect(text.split(/\r?\n/)[0]).toContain('OPEN / TERBUKA');

    const forSecret = await report<ActionsByAgencyReport>(secretMember.token, 'actions-by-agency?format=json');
    expect(forSecret.body.classification).toBe('SECRET');
    expect(forSecret.body.rows).toContainEqual({ agency: SECRET_AGENCY, open: 1, overdue: 1, done: 0 });
    const secretCsv = await file(secretMember.token, 'actions-by-agency?format=xlsx');
    expect(secretCsv.level).toBe('SECRET');
  });

  it('should refuse unknown query keys, a bad year or format by name, and a non-member with 404', async () => {
    const unknown = await report<{ code: string; issues: ApiIssue[] }>(member.token, 'attendance?year=2026&from=2026-01-01');
    expect([unknown.status, unknown.body.code, unknown.body.issues.map((i) => i.field)]).toEqual([400, 'unknown_query_key', ['from']]);
    const unknownActions = await report<{ code: string }>(member.token, 'actions-by-agency?status=open');
    expect([unknownActions.status, unknownActions.body.code]).toEqual([400, 'unknown_query_key']);
    const year = await report<{ issues: ApiIssue[] }>(member.token, 'attendance?year=20x6');
    expect([year.status, year.body.issues.map((i) => i.field)]).toEqual([400, ['year']]);
    const format = await report<{ issues: ApiIssue[] }>(member.token, 'actions-by-agency?format=pdf');
    expect([format.status, format.body.issues.map((i) => i.field)]).toEqual([400, ['format']]);
    expect((await report(outsider.token, 'attendance?year=2026')).status).toBe(404);
    expect((await report(outsider.token, 'actions-by-agency')).status).toBe(404);
  });
});
