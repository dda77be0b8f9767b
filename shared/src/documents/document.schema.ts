import { z } from 'zod';
import { classificationSchema, declassificationReasonSchema } from '../access/classification.js';
import { LOCALES } from '../auth/auth.constants.js';
import { ANNOTATION_VISIBILITIES, PAPER_STATUSES } from './document.constants.js';

export * from './document.constants.js';

/** A stored document (a paper of an agenda item, evidence of a milestone, …). Its extracted text is never sent. */
export const documentSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  parentId: z.uuid().describe('The record the document belongs to (e.g. an agenda item); it governs who may see it'),
  title: z.string(),
  number: z
    .string()
    .nullable()
    .describe('A paper\'s number, e.g. "Kertas Bil. 4/2026": assigned per committee and year to a paper of an agenda item, editable'),
  presenter: z.string().nullable().describe('Who presents the paper (a name, or the name of presenterId)'),
  presenterId: z.uuid().nullable().describe('The member who presents it, when one does'),
  status: z.enum(PAPER_STATUSES).describe('draft | for_circulation | tabled | withdrawn'),
  fileVersion: z.number().int().min(1).describe('The version of the file: a new upload supersedes the last, which stays readable'),
  fileName: z.string().describe('The uploaded file name, made safe'),
  mediaType: z.string().describe('Detected from the content'),
  size: z.number().int().min(0).describe('Bytes'),
  sha256: z.string().describe('Hex digest of the content'),
  uploadedBy: z.uuid(),
  classification: classificationSchema,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type DocumentRecord = z.infer<typeof documentSchema>;

const text = (max: number) => z.string().trim().max(max);

/** The form fields of an upload (multipart/form-data, beside the `file` part). */
export const createDocumentFieldsSchema = z.strictObject({
  parentId: z.uuid().describe('The record the document belongs to, e.g. an agenda item'),
  classification: classificationSchema
    .optional()
    .describe(
      'Default: the highest level of the parent and what governs it (agenda item, meeting); lower only with declassificationReason',
    ),
  title: text(300).optional().describe('Defaults to the file name without its extension'),
  number: text(40).min(1).optional().describe('Default for a paper of an agenda item: the next "Kertas Bil. n/yyyy" of the committee'),
  presenter: text(200).optional().describe('Who presents the paper, as a name'),
  presenterId: z.uuid().optional().describe('The member who presents it'),
  status: z.enum(PAPER_STATUSES).optional().describe('Default draft'),
  declassificationReason: declassificationReasonSchema.optional(),
});
export type CreateDocumentFields = z.input<typeof createDocumentFieldsSchema>;

/** The multipart body of an upload, for the OpenAPI document. */
export const uploadDocumentSchema = createDocumentFieldsSchema.extend({
  file: z.string().describe('The file (binary). PDF, DOCX, XLSX, PPTX, PNG, JPEG, plain text or CSV, at most UPLOAD_MAX_BYTES'),
});

export const updateDocumentSchema = z.strictObject({
  version: z.number().int().min(1).describe('The version the edit is based on; a stale one is refused with 409'),
  title: text(300).min(1, 'title must not be empty').optional(),
  number: text(40).min(1).nullable().optional(),
  presenter: text(200).nullable().optional(),
  presenterId: z.uuid().nullable().optional(),
  status: z.enum(PAPER_STATUSES).optional(),
  classification: classificationSchema.optional(),
});
export type UpdateDocument = z.infer<typeof updateDocumentSchema>;

export const listDocumentsQuerySchema = z.strictObject({
  parentId: z.uuid().optional().describe('Only the documents of this record'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from nextCursor')
    .optional()
    .describe('Opaque, from nextCursor'),
});
export type ListDocumentsQuery = z.input<typeof listDocumentsQuerySchema>;

export const documentsOfParentQuerySchema = z.strictObject({
  parentId: z.uuid().describe('The record whose documents to list'),
});

export const documentPageSchema = z.object({
  items: z.array(documentSchema),
  nextCursor: z.string().nullable(),
});
export type DocumentPage = z.infer<typeof documentPageSchema>;

/** What the server accepts for an upload, read by a client before it sends a file. */
export const documentLimitsSchema = z.object({
  uploadMaxBytes: z.number().int().min(1).describe("The server's UPLOAD_MAX_BYTES: a larger file is refused with 413"),
});
export type DocumentLimits = z.infer<typeof documentLimitsSchema>;

/** One version of a paper's file: the current one and every one it superseded, each still readable. */
export const documentFileVersionSchema = z.object({
  fileVersion: z.number().int().min(1),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int().min(0),
  sha256: z.string(),
  uploadedBy: z.uuid(),
  uploadedAt: z.iso.datetime(),
  current: z.boolean().describe('Whether this is the file the paper shows now'),
});
export type DocumentFileVersion = z.infer<typeof documentFileVersionSchema>;

/** The form fields of a new version's upload (multipart/form-data, beside the `file` part). */
export const newDocumentVersionFieldsSchema = z.strictObject({
  version: z.coerce.number().int().min(1).describe("The record's version the new file is based on; a stale one is refused with 409"),
});
export const uploadDocumentVersionSchema = newDocumentVersionFieldsSchema.extend({
  file: z.string().describe('The new file (binary); the same kinds and limit as a first upload'),
});

/** A rectangle on a page, in fractions of the page's width and height (0–1) from its top left corner. */
export const highlightSchema = z.strictObject({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().min(0).max(1),
  h: z.number().min(0).max(1),
});
export type Highlight = z.infer<typeof highlightSchema>;

/** A note on a page of a paper: private (its author's alone, on every channel) or shared (everyone who may see the paper). */
export const annotationSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  documentId: z.uuid().describe('The paper; it governs who may see a shared note'),
  authorId: z.uuid(),
  authorName: z.string(),
  visibility: z.enum(ANNOTATION_VISIBILITIES),
  page: z.number().int().min(1),
  text: z.string(),
  highlight: highlightSchema.nullable(),
  classification: classificationSchema,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Annotation = z.infer<typeof annotationSchema>;

export const createAnnotationSchema = z.strictObject({
  page: z.number().int().min(1).max(100_000),
  text: text(2000).min(1, 'text must not be empty'),
  visibility: z
    .enum(ANNOTATION_VISIBILITIES)
    .default('private')
    .describe('private: its author alone, on every channel; shared (chair, secretariat): everyone who may see the paper'),
  highlight: highlightSchema.nullable().optional(),
});
export type CreateAnnotation = z.input<typeof createAnnotationSchema>;

export const updateAnnotationSchema = z.strictObject({
  version: z.number().int().min(1),
  page: z.number().int().min(1).max(100_000).optional(),
  text: text(2000).min(1, 'text must not be empty').optional(),
  highlight: highlightSchema.nullable().optional(),
});
export type UpdateAnnotation = z.infer<typeof updateAnnotationSchema>;

/** `/api/documents/:id/versions/:fileVersion/content`. */
export const fileVersionParamsSchema = z.strictObject({
  id: z.uuid(),
  fileVersion: z.coerce.number().int().min(1).max(1_000_000),
});

/** `GET /api/meetings/:id/pack.pdf`: the language of the pack (default: the reader's own). */
export const meetingPackQuerySchema = z.strictObject({
  lang: z.enum(LOCALES).optional().describe("The pack's language (page numbers, cover); default the caller's own"),
});
