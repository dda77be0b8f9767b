import { CLASSIFICATIONS, type Classification, classificationLevel, type ExportFormat, type FieldClassifications } from '@sidang/shared';

/** One column of an export: its header and how a (projected) record fills it. */
export interface ExportColumn<T> {
  header: string;
  /** The record field it shows, when it is one (a redacted field leaves its cell empty). */
  field?: string;
  value: (row: T) => string | number | null | undefined;
}

/** The marking of each level, English and Malay, as printed on a classified document. */
export const MARKINGS: Record<Classification, string> = {
  OPEN: 'OPEN / TERBUKA',
  RESTRICTED: 'RESTRICTED / TERHAD',
  CONFIDENTIAL: 'CONFIDENTIAL / SULIT',
  SECRET: 'SECRET / RAHSIA',
};

/** The file's own words in the reader's language. */
export interface ExportWords {
  /** The header of the classification column. */
  classification: string;
  /** The header of the column naming the withheld fields. */
  withheld: string;
  /** A withheld field's label ("Red lines", "Garis merah"). */
  fieldLabel: (field: string) => string;
}

const ENGLISH: ExportWords = { classification: 'Classification', withheld: 'Withheld fields', fieldLabel: (field) => field };

interface Exportable {
  classification: Classification;
  fieldClassifications?: FieldClassifications;
  redactedFields?: string[];
}

/**
 * The level of what one row shows: its own and that of every field-level value it still
 * carries (withheld fields, named in `redactedFields`, do not count).
 */
export function shownLevel(row: Exportable): Classification {
  let level = classificationLevel(row.classification);
  const withheld = new Set(row.redactedFields ?? []);
  for (const [field, fieldLevel] of Object.entries(row.fieldClassifications ?? {})) {
    if (fieldLevel && !withheld.has(field)) level = Math.max(level, classificationLevel(fieldLevel));
  }
  return CLASSIFICATIONS[level] ?? 'OPEN';
}

/** A spreadsheet program runs a cell that starts with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** CSV cells that would start a formula are prefixed with a quote (OWASP "CSV injection"). */
export function defuse(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
  /** The highest level in the file, as marked. */
  level: Classification;
}

/**
 * The rows as the reader may see them (already projected), in CSV or XLSX: a marking row with
 * the highest level in the file at the top and at the bottom, a header, then one row per
 * record with its classification and the labels of the fields withheld from the reader.
 */
export async function buildExport<T extends Exportable>(options: {
  name: string;
  sheet: string;
  format: ExportFormat;
  columns: ExportColumn<T>[];
  rows: T[];
  today: string;
  words?: ExportWords;
}): Promise<ExportFile> {
  const { columns, rows, format } = options;
  const words = options.words ?? ENGLISH;
  const level = rows.reduce<Classification>(
    (top, row) => (classificationLevel(shownLevel(row)) > classificationLevel(top) ? shownLevel(row) : top),
    'OPEN',
  );
  const marking = MARKINGS[level];
  // Loaded on the first export, not with the app: it is the largest library the server uses.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sidang';
  const sheet = workbook.addWorksheet(options.sheet);
  const cell = (value: string | number | null | undefined): string | number =>
    value === null || value === undefined ? '' : typeof value === 'string' && format === 'csv' ? defuse(value) : value;
  sheet.addRow([marking]);
  sheet.addRow([words.classification, ...columns.map((column) => column.header), words.withheld]);
  for (const row of rows) {
    const withheld = new Set(row.redactedFields ?? []);
    sheet.addRow([
      MARKINGS[row.classification],
      ...columns.map((column) => (column.field && withheld.has(column.field) ? '' : cell(column.value(row)))),
      cell([...withheld].map(words.fieldLabel).join(', ')),
    ]);
  }
  sheet.addRow([marking]);
  if (format === 'xlsx') {
    sheet.getRow(1).font = { bold: true, color: { argb: 'FFC00000' } };
    sheet.getRow(2).font = { bold: true };
    sheet.getRow(rows.length + 3).font = { bold: true, color: { argb: 'FFC00000' } };
    sheet.headerFooter.oddHeader = `&C&B${marking}`;
    sheet.headerFooter.oddFooter = `&C&B${marking}`;
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
  }
  const raw = format === 'xlsx' ? await workbook.xlsx.writeBuffer() : await workbook.csv.writeBuffer();
  return {
    body: Buffer.from(raw as ArrayBuffer),
    contentType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
    filename: `${options.name}-${options.today}.${format}`,
    level,
  };
}
