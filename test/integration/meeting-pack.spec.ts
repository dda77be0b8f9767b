import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { AgendaItem, DocumentRecord, Meeting } from '@sidang/shared';
import { onePagePdf } from '../../server/src/seed/demo-papers.js';
import { demoSuite } from './support/demo-suite.js';
import { aMeeting, aUser } from './support/factories.js';

/** A word no demo record contains (letters only). */
function aMarker(prefix: string): string {
  return `${prefix}${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (digit) => 'ghijklmnop'[Number(digit)] ?? 'q')
    .toUpperCase()}`;
}

interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

/** The text of every page and the bookmarks of a PDF (pdf.js). */
async function readPdf(data: Uint8Array): Promise<{ pages: string[]; outline: OutlineNode[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n += 1) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  const outline = ((await document.getOutline()) ?? []) as OutlineNode[];
  await document.destroy();
  return { pages, outline };
}

const titles = (nodes: OutlineNode[]): string[] => nodes.flatMap((node) => [node.title, ...titles(node.items ?? [])]);

/**
 * The meeting pack: one PDF per reader with the cover, the agenda and every paper they may see,
 * bookmarked, every page marked with its level and the reader's name; nothing above the reader.
 */
describe('the meeting pack', () => {
  const suite = demoSuite(['chair', 'member', 'observer'], { oneAtATime: true, timeoutMs: 90_000 });

  const upload = async (fields: Record<string, string>, content: Buffer, fileName: string) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(content)]), fileName);
    const response = await fetch(`${suite.app.url}/api/committees/${suite.committeeId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${suite.chair.token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as DocumentRecord;
  };
  const pack = async (token: string, meetingId: string, query = '') => {
    const response = await fetch(`${suite.app.url}/api/meetings/${meetingId}/pack.pdf${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  it('should compile per reader: a SECRET item and paper absent for the CONFIDENTIAL member, present for the chair, every page named and numbered', async () => {
    const meeting: Meeting = await aMeeting(
      suite.app,
      suite.chair,
      { id: suite.committeeId },
      { title: 'Mesyuarat pek', startsAt: '2034-06-10T09:30:00+08:00', status: 'scheduled', venue: 'Bilik Gerakan, MITI' },
    );
    const add = async (title: string, classification: string) => {
      const item = await suite.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, suite.chair.token, {
        title,
        classification,
      });
      expect(item.status).toBe(201);
      return item.body;
    };
    const openText = aMarker('TERBUKA');
    const secretItemTitle = aMarker('MANDAT');
    const secretPaperTitle = aMarker('RAHSIAKERTAS');
    const secretContent = aMarker('ISIRAHSIA');
    const open = await add('Pakej insentif magnet', 'OPEN');
    const secretItem = await add(`Mandat rundingan ${secretItemTitle}`, 'SECRET');
    const confidential = await add('Kedudukan rundingan', 'CONFIDENTIAL');
    await upload(
      { parentId: open.id, title: 'Kertas insentif', classification: 'OPEN' },
      onePagePdf(['Kertas insentif', openText]),
      'insentif.pdf',
    );
    await upload(
      { parentId: open.id, title: `Lampiran ${secretPaperTitle}`, classification: 'SECRET' },
      onePagePdf([`Kandungan ${secretContent}`]),
      'lampiran-rahsia.pdf',
    );
    await upload({ parentId: secretItem.id, title: 'Kertas mandat' }, onePagePdf([`Mandat ${secretContent}`]), 'mandat.pdf');
    await upload({ parentId: confidential.id, title: 'Jadual sumber' }, Buffer.from('negeri,tan\nPerak,1690000\n'), 'sumber.csv');

    const member = await pack(suite.member.token, meeting.id, '?lang=en');
    expect(member.status).toBe(200);
    expect(member.headers.get('content-type')).toBe('application/pdf');
    expect(member.headers.get('cache-control')).toContain('no-store');
    const chair = await pack(suite.chair.token, meeting.id, '?lang=ms');
    expect(chair.status).toBe(200);

    const mine = await readPdf(member.bytes);
    const chairs = await readPdf(chair.bytes);
    // Nothing above the CONFIDENTIAL member: no SECRET item, paper, title or content, nor a RAHSIA page.
    const memberText = mine.pages.join('\n') + titles(mine.outline).join('\n');
    for (const marker of [secretItemTitle, secretPaperTitle, secretContent, 'RAHSIA ']) expect(memberText).not.toContain(marker);
    // Positive control: the SECRET chair's pack has every one of them.
    const chairText = chairs.pages.join('\n') + titles(chairs.outline).join('\n');
    for (const marker of [secretItemTitle, secretPaperTitle, secretContent, 'RAHSIA']) expect(chairText).toContain(marker);
    // Both have the open paper's own pages, and the non-PDF paper as a page that says to open it in the app.
    expect(memberText).toContain(openText);
    expect(chairText).toContain(openText);
    expect(memberText).toMatch(/CSV file \(\d+ bytes\)\. Open it in Sidang/);

    // Every page: the reader's name, its number in the reader's language and a marking.
    mine.pages.forEach((page, index) => {
      expect(page).toContain(suite.member.user.name);
      expect(page).toContain(`Page ${index + 1} of ${mine.pages.length}`);
      expect(page).toMatch(/TERBUKA|TERHAD|SULIT/);
    });
    chairs.pages.forEach((page, index) => {
      expect(page).toContain(suite.chair.user.name);
      expect(page).toContain(`Halaman ${index + 1}/${chairs.pages.length}`);
    });
    // The cover names the meeting, its venue and the reader.
    expect(mine.pages[0]).toContain('MEETING PACK');
    expect(mine.pages[0]).toContain('Bilik Gerakan, MITI');
    expect(mine.pages[0]).toContain(`Prepared for ${suite.member.user.name}`);
    // The page of the CONFIDENTIAL item's paper is marked SULIT.
    expect(mine.pages.find((page) => page.includes('sumber.csv'))).toContain('SULIT');

    // Bookmarks: the cover, the agenda, then each item the reader may see with its papers.
    const memberMarks = titles(mine.outline);
    expect(memberMarks).toEqual(
      expect.arrayContaining([
        'Cover',
        'Agenda',
        expect.stringContaining('Pakej insentif magnet'),
        expect.stringContaining('Kertas insentif'),
      ]),
    );
    expect(memberMarks.some((title) => title.includes('Kedudukan rundingan'))).toBe(true);
    expect(titles(chairs.outline).some((title) => title.includes(secretItemTitle))).toBe(true);

    // The OPEN observer: only what is OPEN.
    const observer = await readPdf((await pack(suite.observer.token, meeting.id, '?lang=en')).bytes);
    expect(observer.pages.join('\n')).not.toMatch(/Kedudukan rundingan|sumber\.csv|SULIT|RAHSIA /);
    expect(observer.pages.join('\n')).toContain(openText);
  });

  it('should serve a reader the same pack until something in it changes, and refuse others', async () => {
    const meeting: Meeting = await aMeeting(
      suite.app,
      suite.chair,
      { id: suite.committeeId },
      { title: 'Mesyuarat cache', startsAt: '2034-07-10T09:30:00+08:00', status: 'scheduled' },
    );
    const item = (
      await suite.app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, suite.chair.token, { title: 'Perkara satu' })
    ).body;
    await upload({ parentId: item.id, title: 'Kertas pertama' }, onePagePdf(['Kertas pertama']), 'a.pdf');
    const first = await pack(suite.member.token, meeting.id);
    const again = await pack(suite.member.token, meeting.id);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    // Another reader has another pack.
    expect((await pack(suite.chair.token, meeting.id)).headers.get('etag')).not.toBe(first.headers.get('etag'));
    // A new paper changes it.
    const added = await upload({ parentId: item.id, title: 'Kertas kedua' }, onePagePdf(['Kertas kedua']), 'b.pdf');
    const changed = await pack(suite.member.token, meeting.id);
    expect(changed.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect((await readPdf(changed.bytes)).pages.join(' ')).toContain('Kertas kedua');
    // Raised above the member: out of their pack at once.
    const raised = await suite.app.request('PATCH', `/api/documents/${added.id}`, suite.chair.token, {
      version: 1,
      classification: 'SECRET',
    });
    expect(raised.status).toBe(200);
    expect((await readPdf((await pack(suite.member.token, meeting.id)).bytes)).pages.join(' ')).not.toContain('Kertas kedua');

    const outsider = await aUser(suite.app, { clearance: 'SECRET' });
    expect((await pack(outsider.token, meeting.id)).status).toBe(404);
    expect((await pack(suite.member.token, crypto.randomUUID())).status).toBe(404);
    expect((await pack(suite.member.token, meeting.id, '?lang=fr')).status).toBe(400);
  });
});
