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
