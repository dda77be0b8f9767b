import { z } from 'zod';
import { classificationSchema, declassificationReasonSchema } from '../access/classification.js';

export * from './document.constants.js';

/** A stored document (a paper of an agenda item, evidence of a milestone, …). Its extracted text is never sent. */
export const documentSchema = z.object({
  id: z.uuid(),
  committeeId: z.uuid(),
  parentId: z.uuid().describe('The record the document belongs to (e.g. an agenda item); it governs who may see it'),
  title: z.string(),
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
