import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { DOCUMENT_KINDS, type DocumentKind } from '@sidang/shared';

/** How much of the start and the end of a file the type check reads. */
const WINDOW = 64 * 1024;
/** Longest extracted text kept for search (characters). */
const MAX_TEXT = 1_000_000;

/** Control characters other than tab, line feed, form feed and carriage return: they mark a binary file. */
const isBinaryControl = (code: number) =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f;
/** Control characters and the marks that reverse text direction (they can disguise an extension). */
const isUnsafeInName = (code: number) =>
  code < 0x20 ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0x200e ||
  code === 0x200f ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069);

const startsWith = (bytes: Buffer, signature: number[]) => signature.every((byte, index) => bytes[index] === byte);

/**
 * The kind of a file judged by its content against the allowlist, or undefined when it is not
 * on it. Office files are ZIP archives: the parts they must contain are named in the archive's
 * local headers (at the start) and central directory (at the end). Text must be valid UTF-8
 * without control characters; whether it is CSV is the only thing the name decides.
 */
export async function detectKind(
  path: string,
  size: number,
  claimedName: string,
): Promise<{ kind: DocumentKind; text: string | null } | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, WINDOW));
    await handle.read(head, 0, head.length, 0);
    if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf', text: null };
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png', text: null };
    if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'jpeg', text: null };
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
      const tail = Buffer.alloc(Math.min(size, WINDOW));
      await handle.read(tail, 0, tail.length, size - tail.length);
      const names = head.toString('latin1') + tail.toString('latin1');
      if (!names.includes('[Content_Types].xml')) return undefined;
      if (names.includes('word/document.xml')) return { kind: 'docx', text: null };
      if (names.includes('xl/workbook.xml')) return { kind: 'xlsx', text: null };
      if (names.includes('ppt/presentation.xml')) return { kind: 'pptx', text: null };
      return undefined;
    }
    // Text: the whole file (bounded by the upload limit) must decode.
    if (head.includes(0)) return undefined;
    const all = Buffer.alloc(size);
    await handle.read(all, 0, size, 0);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(all);
    } catch {
      return undefined;
    }
    // Control characters other than tab, line feed, form feed and carriage return mark a binary file.
    if ([...text].some((char) => isBinaryControl(char.codePointAt(0) ?? 0))) return undefined;
    const kind: DocumentKind = /\.csv$/i.test(claimedName) ? 'csv' : 'text';
    return { kind, text: text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text };
  } finally {
    await handle.close();
  }
}

/** Hex SHA-256 of a file, streamed. */
export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control
 * or direction-override characters, none that file systems refuse, at most 200 characters,
 * and ending in an extension of its detected kind.
 */
export function safeFileName(raw: string, kind: DocumentKind): string {
  // multipart parsers read header parameters as latin1; browsers send UTF-8.
  // A string with characters beyond latin1 was not read that way: keep it as it is.
  const asLatin1 = [...raw].every((char) => (char.codePointAt(0) ?? 0) <= 0xff);
  const decoded = asLatin1 ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
  const name = (decoded.includes('\uFFFD') ? raw : decoded).normalize('NFC');
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .split('')
    .filter((char) => !isUnsafeInName(char.charCodeAt(0)))
    .join('')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const extensions: readonly string[] = DOCUMENT_KINDS[kind].extensions;
  const lower = cleaned.toLowerCase();
  const extension = extensions.find((candidate) => lower.endsWith(candidate));
  const stem = extension ? cleaned.slice(0, cleaned.length - extension.length) : cleaned;
  const ending = extension ? cleaned.slice(cleaned.length - extension.length) : extensions[0];
  const shortStem =
    [...stem]
      .slice(0, 200 - (ending?.length ?? 0))
      .join('')
      .trim() || 'document';
  return `${shortStem}${ending}`;
}

/** The title a document gets when none is given: its file name without the extension. */
export function titleFromFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 ? fileName.slice(0, dot) : fileName).slice(0, 300);
}

/** `Content-Disposition` for a download: an ASCII fallback and the exact UTF-8 name (RFC 6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Most bytes a Word file may unpack to before its text is left unread (a ZIP bomb stays a small file). */
const MAX_UNPACKED = 200 * 1024 * 1024;

/**
 * What a ZIP archive says it unpacks to, from its central directory (at the end of the file), or
 * null when that cannot be read. Read before any extraction so that no library inflates a bomb.
 */
export async function unpackedSizeOfZip(path: string, size: number): Promise<number | null> {
  const handle = await open(path, 'r');
  try {
    const tail = Buffer.alloc(Math.min(size, 22 + 65_535));
    await handle.read(tail, 0, tail.length, size - tail.length);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0 || end + 22 > tail.length) return null;
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > size || directorySize > 16 * 1024 * 1024) return null;
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    let total = 0;
    let at = 0;
    for (let index = 0; index < entries; index += 1) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) return null;
      total += directory.readUInt32LE(at + 24);
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return total;
  } finally {
    await handle.close();
  }
}

/**
 * Plain text of a Word file for search (mammoth), or null when it cannot be read or would unpack
 * too large. PDF text: `pdfText`; XLSX and PPTX text is not extracted (yet): their `text` stays null.
 */
export async function docxText(path: string, size: number): Promise<string | null> {
  const unpacked = await unpackedSizeOfZip(path, size);
  if (unpacked === null || unpacked > MAX_UNPACKED) return null;
  // Loaded on the first Word file, not with the app.
  const { default: mammoth } = await import('mammoth');
  try {
    const { value } = await mammoth.extractRawText({ path });
    const text = value.trim();
    return text ? text.slice(0, MAX_TEXT) : null;
  } catch {
    return null;
  }
}

/** Largest PDF whose text is read, pages read at most, and the time allowed for it. */
const PDF_MAX_BYTES = 25 * 1024 * 1024;
const PDF_MAX_PAGES = 300;
const PDF_TIME_MS = 15_000;

/**
 * Plain text of a PDF for search (pdf.js, legacy build for Node), or null when there is none or
 * the file cannot be read: a malformed, encrypted or oversized PDF is kept, only unsearchable.
 * Capped at PDF_MAX_PAGES pages, MAX_TEXT characters and PDF_TIME_MS.
 */
export async function pdfText(path: string, size: number): Promise<string | null> {
  if (size > PDF_MAX_BYTES) return null;
  try {
    const { readFile } = await import('node:fs/promises');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const data = new Uint8Array(await readFile(path));
    const task = pdfjs.getDocument({
      data,
      useSystemFonts: false,
      isEvalSupported: false,
      disableFontFace: true,
      stopAtErrors: false,
      verbosity: 0,
    });
    const deadline = Date.now() + PDF_TIME_MS;
    const timer = setTimeout(() => void task.destroy(), PDF_TIME_MS);
    try {
      const document = await task.promise;
      const pages: string[] = [];
      let length = 0;
      for (let n = 1; n <= Math.min(document.numPages, PDF_MAX_PAGES) && length < MAX_TEXT && Date.now() < deadline; n += 1) {
        const page = await document.getPage(n);
        const content = await page.getTextContent();
        const text = content.items
          .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ' '}` : ''))
          .join('')
          .replace(/[ \t]+/g, ' ');
        pages.push(text);
        length += text.length;
        page.cleanup();
      }
      const text = pages.join('\n').trim();
      return text ? text.slice(0, MAX_TEXT) : null;
    } finally {
      clearTimeout(timer);
      await task.destroy();
    }
  } catch {
    return null;
  }
}
