import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ATTENDANCE_WORDS, type Classification, type Decision, MEETING_TIME_ZONE } from '@sidang/shared';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { ConfirmedRendering, MinutesRendering } from './minutes.service.js';

interface PdfMake {
  virtualfs: { writeFileSync(name: string, data: Buffer): void };
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

/** The marking as the house prints it (DOMAIN.md), Malay first. */
export const MARKINGS: Record<Classification, string> = {
  OPEN: 'TERBUKA',
  RESTRICTED: 'TERHAD',
  CONFIDENTIAL: 'SULIT',
  SECRET: 'RAHSIA',
};

/** Those in attendance (guests, invitees) under the glossary's term, as every screen names them ("HADIR BERSAMA"). */
const IN_ATTENDANCE = (ATTENDANCE_WORDS.in_attendance?.[1] ?? 'Hadir bersama').toUpperCase();

let ready: PdfMake | undefined;

/**
 * pdfmake with its Roboto embedded from memory, and no file or URL reachable from a document.
 * Loaded on the first PDF, not with the app.
 */
export async function pdfmake(): Promise<PdfMake> {
  if (ready) return ready;
  const instance = (await import('pdfmake')).default as unknown as PdfMake;
  const root = dirname(createRequire(import.meta.url).resolve('pdfmake/package.json'));
  const fonts: Record<string, string> = {
    normal: 'Roboto-Regular.ttf',
    bold: 'Roboto-Medium.ttf',
    italics: 'Roboto-Italic.ttf',
    bolditalics: 'Roboto-MediumItalic.ttf',
  };
  for (const file of Object.values(fonts)) instance.virtualfs.writeFileSync(file, readFileSync(join(root, 'fonts', 'Roboto', file)));
  instance.setFonts({ Roboto: fonts });
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy(() => false);
  ready = instance;
  return instance;
}

function klDate(date: Date, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat('ms-MY', { timeZone: MEETING_TIME_ZONE, ...options }).format(date);
}

function block(title: string, lines: string[]): Content[] {
  if (lines.length === 0) return [];
  return [
    { text: title, style: 'block', margin: [0, 10, 0, 4] },
    { ol: lines, margin: [10, 0, 0, 0] },
  ];
}

/** "Perisytiharan kepentingan:" and each declaration on the item, with whether its declarer stepped out. */
function interestLines(interests: ReadonlyArray<{ userName: string; nature: string; stepsOut: boolean }>): Content[] {
  if (interests.length === 0) return [];
  return [
    { text: 'Perisytiharan kepentingan:', bold: true, margin: [18, 2, 0, 3] },
    ...interests.map(
      (interest): Content => ({
        text: `${interest.userName} — ${interest.nature}${interest.stepsOut ? ' (keluar daripada perbincangan)' : ''}`,
        margin: [30, 0, 0, 4],
      }),
    ),
  ];
}

/**
 * "Keputusan:" and each decision on the item as it stands: a corrected one in its current text,
 * a withdrawn one struck through with the reason.
 */
function decisionLines(decisions: readonly Decision[]): Content[] {
  if (decisions.length === 0) return [];
  return [
    { text: 'Keputusan:', bold: true, margin: [18, 2, 0, 3] },
    ...decisions.map(
      (decision): Content =>
        decision.status === 'withdrawn'
          ? {
              text: [
                { text: decision.text, decoration: 'lineThrough' },
                { text: ` (Ditarik balik: ${decision.withdrawalReason ?? '-'})`, italics: true },
              ],
              margin: [30, 0, 0, 4],
            }
          : { text: decision.correctedAt ? `${decision.text} (dipinda)` : decision.text, margin: [30, 0, 0, 4], alignment: 'justify' },
    ),
  ];
}

/**
 * The end of confirmed minutes: "Disahkan pada Mesyuarat Bil. x/yyyy", who proposed and seconded,
 * the amendments, and the chair's signature block (name, line, date).
 */
function confirmationBlock(confirmed: ConfirmedRendering | null): Content[] {
  if (!confirmed) return [];
  const where = confirmed.meetingNumber ? `Disahkan pada Mesyuarat Bil. ${confirmed.meetingNumber}` : 'Disahkan';
  const lines: Content[] = [{ text: where, bold: true, margin: [0, 24, 0, 4] }];
  if (confirmed.proposer) lines.push({ text: `Dicadangkan oleh: ${confirmed.proposer}` });
  if (confirmed.seconder) lines.push({ text: `Disokong oleh: ${confirmed.seconder}` });
  if (confirmed.amendments) lines.push({ text: `Pindaan: ${confirmed.amendments}`, margin: [0, 4, 0, 0], alignment: 'justify' });
  lines.push({
    unbreakable: true,
    stack: [
      { text: '..............................................', margin: [0, 40, 0, 2] },
      { text: `(${confirmed.chair ?? ''})`, bold: true },
      { text: 'Pengerusi' },
      { text: `Tarikh: ${confirmed.meetingDate ? klDate(confirmed.meetingDate, { dateStyle: 'long' }) : '..................'}` },
    ],
  });
  return lines;
}

/** The minutes in the house format, as one reader may see them. */
export async function minutesPdf(view: MinutesRendering): Promise<Buffer> {
  const { meeting, attendance, sections, marking } = view;
  const label = MARKINGS[marking];
  const person = (a: { name: string; agency: string }) => (a.agency ? `${a.name} (${a.agency})` : a.name);
  const present = attendance
    .filter((a) => a.status === 'present' && a.role !== 'secretariat' && a.role !== 'guest')
    .sort((a, b) => (a.role === 'chair' ? -1 : b.role === 'chair' ? 1 : 0))
    .map((a) => (a.role === 'chair' ? `${person(a)} - Pengerusi` : person(a)));
  const inAttendance = attendance.filter((a) => a.status === 'in_attendance').map(person);
  const apologies = attendance.filter((a) => a.status === 'apologies').map(person);
  const secretariat = attendance.filter((a) => a.role === 'secretariat' && a.status === 'present').map(person);
  const body: Content[] = sections.flatMap((section): Content[] => {
    const paragraphs = section.text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const action =
      section.actionLine?.kind === 'action'
        ? `Tindakan: ${section.actionLine.agencies.join(', ') || '-'}`
        : section.actionLine?.kind === 'information'
          ? 'Tindakan: Untuk makluman'
          : null;
    const heading = section.classification === 'OPEN' ? '' : ` [${MARKINGS[section.classification]}]`;
    return [
      { text: `${section.number}. ${section.title.toUpperCase()}${heading}`, style: 'section', margin: [0, 14, 0, 6] },
      ...paragraphs.map((line): Content => ({ text: line, margin: [18, 0, 0, 6], alignment: 'justify' })),
      ...interestLines(section.interests ?? []),
      ...decisionLines(section.decisions ?? []),
      ...(action ? [{ text: action, bold: true, alignment: 'right', margin: [0, 2, 0, 4] } as Content] : []),
    ];
  });
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [56, 64, 56, 64],
    info: { title: `Minit ${meeting.title} Bil. ${meeting.numberInYear}/${meeting.year}`, creator: 'Sidang' },
    header: () => ({ text: label, alignment: 'center', bold: true, margin: [0, 24, 0, 0] }),
    footer: (page: number, pages: number) => ({
      stack: [
        { text: label, alignment: 'center', bold: true },
        { text: `Halaman ${page} / ${pages}`, alignment: 'center', fontSize: 8, margin: [0, 2, 0, 0] },
      ],
      margin: [0, 16, 0, 0],
    }),
    content: [
      { text: (view.committee.nameMs || view.committee.name).toUpperCase(), style: 'title' },
      {
        text: `MINIT MESYUARAT ${meeting.title.toUpperCase()} BIL. ${meeting.numberInYear}/${meeting.year}`,
        style: 'title',
        margin: [0, 4, 0, 10],
      },
      {
        table: {
          widths: [70, '*'],
          body: [
            ['Tarikh', `: ${klDate(meeting.startsAt, { dateStyle: 'full' })}`],
            [
              'Masa',
              `: ${klDate(meeting.startsAt, { timeStyle: 'short' })}${meeting.endsAt ? ` - ${klDate(meeting.endsAt, { timeStyle: 'short' })}` : ''}`,
            ],
            ['Tempat', `: ${meeting.venue || '-'}`],
          ],
        },
        layout: 'noBorders',
      },
      ...block('HADIR', present),
      ...block(IN_ATTENDANCE, inAttendance),
      ...block('TIDAK HADIR DENGAN MAAF', apologies),
      ...block('URUS SETIA', secretariat),
      ...body,
      ...confirmationBlock(view.confirmed),
    ],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: {
      title: { bold: true, alignment: 'center', fontSize: 12 },
      block: { bold: true, decoration: 'underline' },
      section: { bold: true },
    },
  };
  return (await pdfmake()).createPdf(definition).getBuffer();
}
