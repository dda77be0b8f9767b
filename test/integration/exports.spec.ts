import { parseString } from '@fast-csv/parse';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, AgendaItem, Classification, Meeting, Negotiation, Page, RndProject } from '@sidang/shared';
import { fieldLabel, valueWords } from '@sidang/shared';
import ExcelJS from 'exceljs';
import { aCommittee, aMembership, aUser, type TestUser } from './support/factories.js';
import { TestApp } from './support/harness.js';

const MARKINGS: Record<Classification, string> = {
  OPEN: 'OPEN / TERBUKA',
  RESTRICTED: 'RESTRICTED / TERHAD',
  CONFIDENTIAL: 'CONFIDENTIAL / SULIT',
  SECRET: 'SECRET / RAHSIA',
};

function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text)
      .on('data', (row: string[]) => rows.push(row))
      .on('error', reject)
      .on('end', () => resolve(rows));
  });
}

async function parseXlsx(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map((value) => (value === null || value === undefined ? '' : String(value))));
  });
  return rows;
}

/** A spreadsheet program would run these; the CSV carries them as text. */
const defused = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * Exports read back with real parsers (fast-csv, exceljs) and compared with the list endpoint:
 * same rows, same filters, classification per row, withheld fields empty and named, the file
 * marked with its highest level, and CSV cells that would start a formula defused.
 */
describe('exports', () => {
  let app: TestApp;
  let chair: TestUser;
  let reader: TestUser;
  let outsider: TestUser;
  let committee: { id: string };
  const marker = `REDLINE-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    app = await TestApp.start();
    committee = await aCommittee(app);
    // One sign-in at a time: password hashing is queued, and a loaded machine makes the queue long.
    chair = await aUser(app, { clearance: 'SECRET' });
    reader = await aUser(app, { clearance: 'CONFIDENTIAL' });
    outsider = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, committee, chair, 'chair');
    await aMembership(app, committee, reader, 'member');
    const negotiations = `/api/committees/${committee.id}/negotiations`;
    for (const body of [
      { title: '=HYPERLINK("http://example.test","click")', counterpart: '+SUM(1,2)', position: '@cmd', status: 'in_progress' },
      {
        title: 'Raw materials chapter',
        counterpart: 'European Commission',
        position: 'Keep the moratorium, "as agreed", line\nbreak',
        redLines: marker,
        classification: 'CONFIDENTIAL',
        fieldClassifications: { redLines: 'SECRET' },
      },
      { title: 'Withheld whole', redLines: marker, classification: 'SECRET' },
      { title: '-1 tariff line', status: 'in_progress', classification: 'RESTRICTED' },
    ]) {
      const created = await app.request('POST', negotiations, chair.token, body);
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    }
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  const download = async (token: string, path: string) => {
    const response = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      body: Buffer.from(await response.arrayBuffer()),
    };
  };
  const list = async <T>(token: string, path: string): Promise<T> => {
    const result = await app.request<T>('GET', path, token);
    expect(result.status).toBe(200);
    return result.body;
  };

  const negotiationRow = (item: Negotiation, csv: boolean): string[] => {
    const text = (value: string | undefined) => (value === undefined ? '' : csv ? defused(value) : value);
    return [
      MARKINGS[item.classification],
      text(item.title),
      text(item.counterpart),
      String(valueWords('negotiation', 'kind', item.kind, 'en')),
      String(valueWords('negotiation', 'status', item.status, 'en')),
      text(item.position),
      text(item.redLines),
      text(item.fallback),
      text(item.concessions),
      (item.redactedFields ?? []).map((field) => fieldLabel('negotiation', field, 'en')).join(', '),
    ];
  };

  it('should export negotiations to CSV and XLSX exactly as the list shows them to the reader, marked and without withheld fields', async () => {
    const path = `/api/committees/${committee.id}/negotiations`;
    const listed = await list<Page<Negotiation>>(reader.token, path);
    expect(listed.items).toHaveLength(3);

    const csv = await download(reader.token, `${path}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.disposition).toMatch(/^attachment; filename="negotiations-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csvText = csv.body.toString('utf8');
    expect(csvText).not.toContain(marker);
    const csvRows = await parseCsv(csvText);
    // The redLines withheld, the highest level left in the file is CONFIDENTIAL.
    expect(csvRows[0]?.[0]).toBe(MARKINGS.CONFIDENTIAL);
    expect(csvRows.at(-1)?.[0]).toBe(MARKINGS.CONFIDENTIAL);
    expect(csvRows[1]).toEqual([
      'Classification',
      'Title',
      'Counterpart',
      'Kind',
      'Status',
      'Our position',
      'Red lines',
      'Fallback',
      'Concessions',
      'Withheld fields',
    ]);
    expect(csvRows.slice(2, -1)).toEqual(listed.items.map((item) => negotiationRow(item, true)));
    // Formula-looking cells are defused in the CSV: not one data cell starts with = + - @.
    for (const row of csvRows.slice(2, -1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    const chapter = csvRows.find((row) => row[1] === 'Raw materials chapter');
    expect(chapter?.[6]).toBe('');
    // Values and withheld fields in words, never as their codes.
    expect(chapter?.[9]).toBe('Red lines');
    expect(chapter?.[3]).toBe('FTA chapter');
    expect(csvText).not.toMatch(/fta_chapter|in_progress|redLines/);
    expect(chapter?.[5]).toBe('Keep the moratorium, "as agreed", line\nbreak');

    const xlsx = await download(reader.token, `${path}/export?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.disposition).toMatch(/^attachment; filename="negotiations-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const xlsxRows = await parseXlsx(xlsx.body);
    expect(JSON.stringify(xlsxRows)).not.toContain(marker);
    expect(xlsxRows[0]?.[0]).toBe(MARKINGS.CONFIDENTIAL);
    expect(xlsxRows.slice(2, -1)).toEqual(listed.items.map((item) => negotiationRow(item, false)));
  });

  it('should give a SECRET reader every row and field, marked SECRET, and apply the list filters', async () => {
    const path = `/api/committees/${committee.id}/negotiations`;
    const rows = await parseCsv((await download(chair.token, `${path}/export?format=csv`)).body.toString('utf8'));
    expect(rows[0]?.[0]).toBe(MARKINGS.SECRET);
    expect(rows.slice(2, -1)).toHaveLength(4);
    expect(JSON.stringify(rows)).toContain(marker);

    const filtered = await list<Page<Negotiation>>(chair.token, `${path}?status=in_progress`);
    const filteredRows = await parseXlsx((await download(chair.token, `${path}/export?format=xlsx&status=in_progress`)).body);
    expect(filteredRows.slice(2, -1)).toEqual(filtered.items.map((item) => negotiationRow(item, false)));
    expect(filteredRows[0]?.[0]).toBe(MARKINGS.RESTRICTED);

    expect((await download(outsider.token, `${path}/export?format=csv`)).status).toBe(404);
    expect((await app.request('GET', `${path}/export?format=csv&limit=5`, chair.token)).status).toBe(400);
  });

  it('should export action items and R&D projects with the same filters as their lists', async () => {
    for (const [title, description, classification] of [
      ['Visible action', 'Plain', 'OPEN'],
      ['Action with a SECRET description', marker, 'CONFIDENTIAL'],
    ] as const) {
      const created = await app.request('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
        title,
        description,
        classification,
        fieldClassifications: description === marker ? { description: 'SECRET' } : {},
      });
      expect(created.status).toBe(201);
    }
    const items = await list<ActionItem[]>(reader.token, `/api/committees/${committee.id}/action-items?status=open`);
    const itemRows = await parseCsv(
      (await download(reader.token, `/api/committees/${committee.id}/action-items/export?format=csv&status=open`)).body.toString('utf8'),
    );
    expect(itemRows.slice(2, -1).map((row) => [row[0], row[1], row[2], row.at(-1)])).toEqual(
      items.map((item) => [
        MARKINGS[item.classification],
        item.title,
        item.description ?? '',
        (item.redactedFields ?? []).map((field) => fieldLabel('action-item', field, 'en')).join(', '),
      ]),
    );
    expect(JSON.stringify(itemRows)).not.toContain(marker);

    const projects = `/api/committees/${committee.id}/rnd-projects`;
    const slipping = await app.request<RndProject>('POST', projects, chair.token, { title: 'Slipping project', trlNow: 3, trlTarget: 5 });
    await app.request('POST', `/api/rnd-projects/${slipping.body.id}/milestones`, chair.token, {
      title: 'Overdue gate',
      plannedOn: '2025-01-01',
    });
    await app.request('POST', projects, chair.token, { title: 'Steady project', trlNow: 4, fundingRm: 250000 });
    const listed = await list<Page<RndProject>>(reader.token, `${projects}?slipping=true`);
    expect(listed.items.map((item) => item.title)).toEqual(['Slipping project']);
    const projectRows = await parseXlsx((await download(reader.token, `${projects}/export?format=xlsx&slipping=true`)).body);
    expect(projectRows.slice(2, -1).map((row) => [row[1], row[6], row[7], row[8], row[10]])).toEqual([
      ['Slipping project', '3', '5', 'yes', '1'],
    ]);
  });

  it("should not name an action's origin in a draft meeting to a reader who may not see drafts; the chair sees it", async () => {
    const draftMarker = `DRAFT-ORIGIN-${Math.random().toString(36).slice(2)}`;
    const draft = await app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, chair.token, {
      status: 'draft',
      title: 'Export draft meeting',
      startsAt: '2026-05-04T09:00:00+08:00',
    });
    expect(draft.status).toBe(201);
    const item = await app.request<AgendaItem>('POST', `/api/meetings/${draft.body.id}/agenda-items`, chair.token, {
      title: `Draft item ${draftMarker}`,
    });
    expect(item.status).toBe(201);
    const action = await app.request<ActionItem>('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
      title: `Action from a draft ${draftMarker.slice(-6)}`,
      meetingId: draft.body.id,
      agendaItemId: item.body.id,
    });
    expect(action.status).toBe(201);

    const exportOf = async (token: string) =>
      (await download(token, `/api/committees/${committee.id}/action-items/export?format=csv`)).body.toString('utf8');
    const seen = await exportOf(reader.token);
    expect(seen).toContain(action.body.title); // the action itself is the reader's to see
    expect(seen).not.toContain(draftMarker);
    // Positive control: the chair, who sees drafts, gets the origin named.
    expect(await exportOf(chair.token)).toContain(`Draft item ${draftMarker}`);
  });

  it("should write the action export in the reader's language, with owners once as Name (AGENCY), the origin meeting's number and agenda item", async () => {
    const meeting = await app.request<Meeting>('POST', `/api/committees/${committee.id}/meetings`, chair.token, {
      status: 'scheduled',
      title: 'Export origin meeting',
      startsAt: '2026-03-02T09:00:00+08:00',
    });
    expect(meeting.status).toBe(201);
    const item = await app.request<AgendaItem>('POST', `/api/meetings/${meeting.body.id}/agenda-items`, chair.token, {
      title: 'Magnet plant',
    });
    expect(item.status).toBe(201);
    const secretItem = await app.request<AgendaItem>('POST', `/api/meetings/${meeting.body.id}/agenda-items`, chair.token, {
      title: `Secret origin ${marker}`,
      classification: 'SECRET',
    });
    expect(secretItem.status).toBe(201);
    const owner = await aUser(app, { name: 'Pegawai Dasar', agency: 'JMG' });
    await aMembership(app, committee, owner, 'member');
    const named = await aUser(app, { name: 'Pengarah (NRES)', agency: 'NRES' });
    await aMembership(app, committee, named, 'member');
    const action = await app.request<ActionItem>('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
      title: 'Origin action',
      status: 'in_progress',
      dueDate: '2026-04-30',
      ownerIds: [owner.id, named.id],
      ownerAgencies: ['JMG', 'NRES'],
      meetingId: meeting.body.id,
      agendaItemId: item.body.id,
    });
    expect(action.status).toBe(201);
    const hiddenOrigin = await app.request<ActionItem>('POST', `/api/committees/${committee.id}/action-items`, chair.token, {
      title: 'Action from a secret item',
      meetingId: meeting.body.id,
      agendaItemId: secretItem.body.id,
      classification: 'OPEN',
      declassificationReason: 'The action itself is public.',
    });
    expect(hiddenOrigin.status).toBe(201);

    const exportOf = async (token: string) =>
      parseCsv((await download(token, `/api/committees/${committee.id}/action-items/export?format=csv`)).body.toString('utf8'));
    const rows = await exportOf(reader.token);
    expect(rows[1]).toEqual([
      'Classification',
      'Title',
      'Description',
      'Status',
      'Priority',
      'Due date',
      'Owners',
      'Owner agencies',
      'Meeting',
      'Agenda item',
      'Withheld fields',
    ]);
    const number = meeting.body.number;
    expect(rows.find((row) => row[1] === 'Origin action')).toEqual([
      MARKINGS.OPEN,
      'Origin action',
      '',
      'In progress',
      'Medium',
      '2026-04-30',
      'Pegawai Dasar (JMG), Pengarah (NRES)',
      'JMG, NRES',
      number,
      `${item.body.number} Magnet plant`,
      '',
    ]);
    // An origin above the reader is not named; the chair sees it.
    expect(rows.find((row) => row[1] === 'Action from a secret item')?.[9]).toBe('');
    expect(JSON.stringify(rows)).not.toContain(marker);
    expect((await exportOf(chair.token)).find((row) => row[1] === 'Action from a secret item')?.[9]).toBe(
      `${secretItem.body.number} Secret origin ${marker}`,
    );

    // In Bahasa Malaysia once the reader's account speaks it.
    expect((await app.request('PATCH', '/api/auth/me', reader.token, { locale: 'ms' })).status).toBe(200);
    const malay = await exportOf(reader.token);
    expect(malay[1]?.slice(0, 4)).toEqual(['Peringkat keselamatan', 'Tajuk', 'Keterangan', 'Status']);
    expect(malay[1]?.at(-1)).toBe('Medan dirahsiakan');
    expect(malay.find((row) => row[1] === 'Origin action')?.slice(3, 5)).toEqual(['Dalam tindakan', 'Sederhana']);
    const withheld = malay.find((row) => row[1] === 'Action with a SECRET description');
    expect(withheld?.at(-1)).toBe('Keterangan');
    const negotiations = await parseCsv(
      (await download(reader.token, `/api/committees/${committee.id}/negotiations/export?format=csv`)).body.toString('utf8'),
    );
    const chapter = negotiations.find((row) => row[1] === 'Raw materials chapter');
    expect([chapter?.[3], chapter?.[9]]).toEqual(['Bab FTA', 'Garis merah']);
    await app.request('PATCH', '/api/auth/me', reader.token, { locale: 'en' });
  });
});
