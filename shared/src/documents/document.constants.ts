/** Document constants without zod (`@sidang/shared/constants`): screens draw with them. */

/**
 * What may be uploaded, recognised by content (magic bytes), never by the name or the type the
 * browser claims. `extensions` are what a client offers in its file picker.
 */
export const DOCUMENT_KINDS = {
  pdf: { mediaType: 'application/pdf', extensions: ['.pdf'] },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'] },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['.pptx'] },
  png: { mediaType: 'image/png', extensions: ['.png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  text: { mediaType: 'text/plain', extensions: ['.txt', '.md'] },
  csv: { mediaType: 'text/csv', extensions: ['.csv'] },
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const DOCUMENT_MEDIA_TYPES = Object.values(DOCUMENT_KINDS).map((kind) => kind.mediaType);
export type DocumentMediaType = (typeof DOCUMENT_KINDS)[DocumentKind]['mediaType'];

/** Every extension the allowlist knows, for a file picker's `accept`. */
export const DOCUMENT_EXTENSIONS: readonly string[] = Object.values(DOCUMENT_KINDS).flatMap((kind) => kind.extensions);

/** The kind a media type stands for (undefined when it is not on the allowlist). */
export function documentKindOf(mediaType: string): DocumentKind | undefined {
  return (Object.keys(DOCUMENT_KINDS) as DocumentKind[]).find((kind) => DOCUMENT_KINDS[kind].mediaType === mediaType);
}

/** The server's default upload limit (UPLOAD_MAX_BYTES): 20 MiB. */
export const DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/** Where a paper stands: prepared, sent out with the meeting pack, laid before the meeting, or taken back. */
export const PAPER_STATUSES = ['draft', 'for_circulation', 'tabled', 'withdrawn'] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

/** Who may see an annotation: its author alone, or everyone who may see the paper. */
export const ANNOTATION_VISIBILITIES = ['private', 'shared'] as const;
export type AnnotationVisibility = (typeof ANNOTATION_VISIBILITIES)[number];

/** "Kertas Bil. 4/2026": a paper's number, assigned per committee and year. */
export function paperNumber(seq: number, year: number): string {
  return `Kertas Bil. ${seq}/${year}`;
}

/** The sequence and year of a number in the assigned form, or null for one edited into another form. */
export function parsePaperNumber(value: string | null | undefined): { seq: number; year: number } | null {
  const match = /^Kertas Bil\. (\d{1,6})\/(\d{4})$/.exec(value ?? '');
  return match ? { seq: Number(match[1]), year: Number(match[2]) } : null;
}

const BYTE_WORDS: Readonly<Record<'en' | 'ms', readonly [string, string]>> = { en: ['byte', 'bytes'], ms: ['bait', 'bait'] };

/**
 * A size as people read it, the one formatter of every screen and page that shows one: "20 bytes",
 * "340 KB", "1.2 MB" (BM: "20 bait"). Units of 1024; one decimal from KB up, none when whole.
 */
export function formatBytes(bytes: number, locale: string = 'en'): string {
  const words = BYTE_WORDS[locale === 'ms' ? 'ms' : 'en'];
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? words[0] : words[1]}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1)} ${units[unit]}`;
}
