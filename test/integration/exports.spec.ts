import { parseString } from '@fast-csv/parse';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, Classification, Negotiation, Page, RndProject } from '@sidang/shared';
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
    [chair, reader, outsider] = await Promise.all([
      aUser(app, { clearance: 'SECRET' }),
      aUser(app, { clearance: 'CONFIDENTIAL' }),
      aUser(app, { clearance: 'SECRET' }),
    ]);
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
      item.kind,
      item.status,
      text(item.position),
      text(item.redLines),
      text(item.fallback),
      text(item.concessions),
      (item.redactedFields ?? []).join(', '),
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
      'Position',
      'Red lines',
      'Fallback',
      'Concessions',
      'Redacted fields',
    ]);
    expect(csvRows.slice(2, -1)).toEqual(listed.items.map((item) => negotiationRow(item, true)));
    // Formula-looking cells are defused in the CSV: not one data cell starts with = + - @.
    for (const row of csvRows.slice(2, -1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    const chapter = csvRows.find((row) => row[1] === 'Raw materials chapter');
    expect(chapter?.[6]).toBe('');
    expect(chapter?.[9]).toBe('redLines');
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
      items.map((item) => [MARKINGS[item.classification], item.title, item.description ?? '', (item.redactedFields ?? []).join(', ')]),
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
});
