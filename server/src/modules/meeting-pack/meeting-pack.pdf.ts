import {
  type AgendaItem,
  type Classification,
  classificationLevel,
  documentKindOf,
  formatBytes,
  type Locale,
  MEETING_TIME_ZONE,
  type Meeting,
} from '@sidang/shared';
import type { PDFDocument, PDFFont, PDFPage, PDFRef } from 'pdf-lib';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { MARKINGS, pdfmake } from '../minutes/minutes.pdf.js';

/** One paper as the pack prints it: its record, its level with its item and meeting, and its bytes. */
export interface PackPaper {
  id: string;
  title: string;
  number: string | null;
  presenter: string | null;
  fileName: string;
  mediaType: string;
  size: number;
  /** The highest of the paper's own level, its item's and its meeting's. */
  level: Classification;
  content: Buffer;
}

/** What one reader's pack holds: only what they may see, in agenda order. */
export interface PackContents {
  committee: { name: string; nameMs: string };
  meeting: Meeting;
  items: Array<{ item: AgendaItem; level: Classification; papers: PackPaper[] }>;
  reader: { name: string; agency: string };
  locale: Locale;
  at: Date;
}

const WORDS = {
  en: {
    pack: 'MEETING PACK',
    preparedFor: 'Prepared for',
    at: 'at',
    date: 'Date',
    time: 'Time',
    venue: 'Venue',
    agenda: 'AGENDA',
    cover: 'Cover',
    agendaMark: 'Agenda',
    presenter: 'Presenter',
    papers: 'Papers',
    noPapers: 'No papers',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    openInApp: (kind: string, size: string) => `This paper is a ${kind} file (${size}). Open it in Sidang to read it.`,
    unreadable: (size: string) => `This PDF (${size}) could not be included. Open it in Sidang to read it.`,
    file: 'File',
  },
  ms: {
    pack: 'PEK MESYUARAT',
    preparedFor: 'Disediakan untuk',
    at: 'pada',
    date: 'Tarikh',
    time: 'Masa',
    venue: 'Tempat',
    agenda: 'AGENDA',
    cover: 'Kulit',
    agendaMark: 'Agenda',
    presenter: 'Pembentang',
    papers: 'Kertas',
    noPapers: 'Tiada kertas',
    page: (page: number, pages: number) => `Halaman ${page}/${pages}`,
    openInApp: (kind: string, size: string) => `Kertas ini ialah fail ${kind} (${size}). Bukanya dalam Sidang untuk membacanya.`,
    unreadable: (size: string) => `PDF ini (${size}) tidak dapat dimasukkan. Bukanya dalam Sidang untuk membacanya.`,
    file: 'Fail',
  },
} as const;

const KIND_NAMES: Record<string, string> = {
  docx: 'Word',
  xlsx: 'Excel',
  pptx: 'PowerPoint',
  png: 'PNG',
  jpeg: 'JPEG',
  text: 'text',
  csv: 'CSV',
};

/** The higher of two levels. */
export function higher(a: Classification, b: Classification): Classification {
  return classificationLevel(a) >= classificationLevel(b) ? a : b;
}

function klTime(date: Date, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale === 'ms' ? 'ms-MY' : 'en-GB', { timeZone: MEETING_TIME_ZONE, ...options }).format(date);
}

/** Text the standard PDF fonts can draw (WinAnsi); anything else becomes "?". */
function winAnsi(text: string): string {
  return text.normalize('NFC').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

/** The cover (committee, meeting, reader) and the agenda with each item's papers, by pdfmake. */
async function coverAndAgenda(contents: PackContents, words: (typeof WORDS)[Locale]): Promise<Buffer> {
  const { meeting, committee, reader, locale, at } = contents;
  const starts = new Date(meeting.startsAt);
  const ends = meeting.endsAt ? new Date(meeting.endsAt) : null;
  const rows: Content[][] = contents.items.map(({ item, papers }) => [
    { text: item.number, bold: item.parentId === null },
    {
      stack: [
        { text: item.title, bold: item.parentId === null },
        ...papers.map(
          (paper): Content => ({
            text: `${paper.number ? `${paper.number}: ` : ''}${paper.title}`,
            fontSize: 9,
            color: '#333333',
            margin: [8, 2, 0, 0],
          }),
        ),
      ],
    },
    { text: item.presenter ?? '', fontSize: 9 },
  ]);
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [56, 72, 56, 72],
    info: { title: `${words.pack}: ${meeting.title} ${meeting.number}`, creator: 'Sidang' },
    content: [
      {
        text: (locale === 'ms' ? committee.nameMs || committee.name : committee.name).toUpperCase(),
        style: 'title',
        margin: [0, 120, 0, 8],
      },
      { text: words.pack, style: 'title', fontSize: 20, margin: [0, 0, 0, 16] },
      { text: meeting.title, style: 'title', fontSize: 15 },
      { text: meeting.number ?? '', style: 'title', margin: [0, 4, 0, 24] },
      {
        table: {
          widths: [80, '*'],
          body: [
            [words.date, klTime(starts, locale, { dateStyle: 'full' })],
            [
              words.time,
              `${klTime(starts, locale, { timeStyle: 'short' })}${ends ? ` - ${klTime(ends, locale, { timeStyle: 'short' })}` : ''}`,
            ],
            [words.venue, meeting.venue || '-'],
          ],
        },
        layout: 'noBorders',
        margin: [60, 0, 0, 60],
      },
      {
        text: `${words.preparedFor} ${reader.name}${reader.agency ? ` (${reader.agency})` : ''}, ${klTime(at, locale, { dateStyle: 'medium', timeStyle: 'short' })}`,
        alignment: 'center',
        italics: true,
      },
      { text: words.agenda, style: 'title', pageBreak: 'before', margin: [0, 0, 0, 12] },
      rows.length === 0
        ? { text: '-' }
        : {
            table: { headerRows: 0, widths: [32, '*', 110], body: rows },
            layout: 'lightHorizontalLines',
          },
    ],
    styles: { title: { alignment: 'center', bold: true, fontSize: 13 } },
    defaultStyle: { font: 'Roboto', fontSize: 10.5 },
  };
  return (await pdfmake()).createPdf(definition).getBuffer();
}

/** A page that stands for a paper the pack cannot include as pages: what it is, and where to read it. */
function noticePage(out: PDFDocument, fonts: { regular: PDFFont; bold: PDFFont }, paper: PackPaper, message: string): void {
  const page = out.addPage([595.28, 841.89]);
  let y = 700;
  const line = (text: string, font: PDFFont, size: number) => {
    for (const chunk of wrap(winAnsi(text), font, size, 480)) {
      page.drawText(chunk, { x: 56, y, size, font });
      y -= size * 1.5;
    }
  };
  if (paper.number) line(paper.number, fonts.bold, 12);
  line(paper.title, fonts.bold, 14);
  y -= 12;
  line(message, fonts.regular, 11);
  line(paper.fileName, fonts.regular, 10);
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const next = current ? `${current} ${word}` : word;
    if (current && font.widthOfTextAtSize(next, size) > width) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

/** One bookmark: a title, the page it opens, and the bookmarks under it. */
interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** Writes the outline (bookmarks) into the document's catalogue: pdf-lib has no API of its own for it. */
async function writeOutline(out: PDFDocument, bookmarks: Bookmark[]): Promise<void> {
  const { PDFHexString, PDFName } = await import('pdf-lib');
  const context = out.context;
  const pages = out.getPages();
  const root = context.nextRef();
  const level = (entries: Bookmark[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } | null => {
    if (entries.length === 0) return null;
    const refs = entries.map(() => context.nextRef());
    let count = entries.length;
    entries.forEach((entry, index) => {
      const children = level(entry.children, refs[index] as PDFRef);
      count += children?.count ?? 0;
      const page = pages[Math.min(entry.page, pages.length - 1)] as PDFPage;
      context.assign(
        refs[index] as PDFRef,
        context.obj({
          Title: PDFHexString.fromText(entry.title),
          Parent: parent,
          Dest: [page.ref, 'Fit'],
          ...(index > 0 ? { Prev: refs[index - 1] } : {}),
          ...(index < entries.length - 1 ? { Next: refs[index + 1] } : {}),
          ...(children ? { First: children.first, Last: children.last, Count: children.count } : {}),
        }),
      );
    });
    return { first: refs[0] as PDFRef, last: refs.at(-1) as PDFRef, count };
  };
  const top = level(bookmarks, root);
  if (!top) return;
  context.assign(root, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  out.catalog.set(PDFName.of('Outlines'), root);
  out.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * The pack of one reader: cover and agenda (pdfmake), then each paper in agenda order (PDFs
 * merged page by page with pdf-lib; any other file a page saying to open it in the app),
 * bookmarks per agenda item and paper, and on every page its marking (the highest level on it),
 * the page number in the reader's language, and the reader's name and the time.
 */
export async function meetingPackPdf(contents: PackContents): Promise<Buffer> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const words = WORDS[contents.locale];
  const out = await PDFDocument.load(await coverAndAgenda(contents, words));
  const fonts = { regular: await out.embedFont(StandardFonts.Helvetica), bold: await out.embedFont(StandardFonts.HelveticaBold) };
  const frontPages = out.getPageCount();
  const meetingLevel = contents.meeting.classification;
  const agendaLevel = contents.items.reduce<Classification>((level, entry) => higher(level, entry.level), meetingLevel);
  // The level of each page: the cover's is the meeting's; the agenda's the highest item on it.
  const levels: Classification[] = Array.from({ length: frontPages }, (_, index) => (index === 0 ? meetingLevel : agendaLevel));
  const bookmarks: Bookmark[] = [
    { title: words.cover, page: 0, children: [] },
    { title: words.agendaMark, page: Math.min(1, frontPages - 1), children: [] },
  ];
  for (const { item, papers, level } of contents.items) {
    const mark: Bookmark = { title: `${item.number}. ${item.title}`, page: out.getPageCount(), children: [] };
    for (const paper of papers) {
      const first = out.getPageCount();
      const kind = documentKindOf(paper.mediaType);
      let included = false;
      if (kind === 'pdf') {
        try {
          const source = await PDFDocument.load(paper.content, { ignoreEncryption: true, updateMetadata: false });
          for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
          included = source.getPageCount() > 0;
        } catch {
          included = false;
        }
      }
      if (!included) {
        const size = formatBytes(paper.size, contents.locale);
        const message = kind === 'pdf' ? words.unreadable(size) : words.openInApp(KIND_NAMES[kind ?? ''] ?? words.file, size);
        noticePage(out, fonts, paper, message);
      }
      for (let index = first; index < out.getPageCount(); index += 1) levels.push(higher(paper.level, level));
      mark.children.push({ title: `${paper.number ? `${paper.number}: ` : ''}${paper.title}`, page: first, children: [] });
    }
    // An item without papers opens on the agenda.
    if (papers.length === 0) mark.page = Math.min(1, frontPages - 1);
    bookmarks.push(mark);
  }
  // Every page: its marking above and below, the page number, and whose copy it is and when.
  const pages = out.getPages();
  const who = winAnsi(
    `${contents.reader.name}${contents.reader.agency ? ` (${contents.reader.agency})` : ''} - ${klTime(contents.at, contents.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
    })}`,
  );
  pages.forEach((page, index) => {
    const { width, height } = page.getSize();
    const marking = MARKINGS[levels[index] ?? meetingLevel];
    const markWidth = fonts.bold.widthOfTextAtSize(marking, 11);
    const red = levels[index] === 'OPEN' ? rgb(0.2, 0.2, 0.2) : rgb(0.7, 0, 0);
    page.drawText(marking, { x: (width - markWidth) / 2, y: height - 24, size: 11, font: fonts.bold, color: red });
    page.drawText(marking, { x: (width - markWidth) / 2, y: 26, size: 11, font: fonts.bold, color: red });
    const number = words.page(index + 1, pages.length);
    page.drawText(who, { x: 28, y: 12, size: 7, font: fonts.regular, color: rgb(0.25, 0.25, 0.25) });
    page.drawText(number, { x: width - 28 - fonts.regular.widthOfTextAtSize(number, 8), y: 12, size: 8, font: fonts.regular });
  });
  await writeOutline(out, bookmarks);
  out.setTitle(winAnsi(`${words.pack}: ${contents.meeting.title} ${contents.meeting.number}`));
  out.setCreator('Sidang');
  out.setProducer('Sidang');
  return Buffer.from(await out.save());
}
