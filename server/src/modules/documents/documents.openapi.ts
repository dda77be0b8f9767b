import {
  annotationSchema,
  createAnnotationSchema,
  deleteVersionSchema,
  documentFileVersionSchema,
  documentLimitsSchema,
  documentPageSchema,
  documentSchema,
  documentsOfParentQuerySchema,
  fileVersionParamsSchema,
  listDocumentsQuerySchema,
  updateAnnotationSchema,
  updateDocumentSchema,
  uploadDocumentSchema,
  uploadDocumentVersionSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, deleteRecordRoute, describePaths, describeTag, idParams, STALE } from '../../common/openapi.js';

const describe = describeTag('Documents');
const forbidden = { 403: 'Your role may not do this (chair and secretariat manage documents)' };

describePaths('Documents', {
  '/api/committees/:committeeId/documents': {
    get: {
      summary: 'Documents the caller may see (cleared for each and for its parent records), oldest first, paged',
      params: committeeParams,
      query: listDocumentsQuerySchema,
      response: documentPageSchema,
    },
    post: {
      summary: 'Upload a document to a record, e.g. a paper to an agenda item (chair, secretariat); its type is judged by content',
      params: committeeParams,
      body: uploadDocumentSchema,
      bodyMediaType: 'multipart/form-data',
      response: documentSchema,
      status: 201,
      extraErrors: {
        ...forbidden,
        413: 'The file is larger than UPLOAD_MAX_BYTES (the issue names `file`)',
        415: 'The file is not of an accepted type, judged by its content (the issue names `file`, the message the name it was given)',
      },
    },
  },
  '/api/documents': {
    get: {
      summary: 'The documents of one record the caller may see',
      query: documentsOfParentQuerySchema,
      response: z.array(documentSchema),
      extraErrors: { 404: 'No such record, or not permitted to see it' },
    },
  },
  '/api/documents/limits': {
    get: {
      summary: 'What an upload may be: the size limit (UPLOAD_MAX_BYTES), for a client to check before sending',
      response: documentLimitsSchema,
    },
  },
  '/api/documents/:id': {
    get: {
      summary: 'One document',
      params: idParams,
      response: documentSchema,
    },
    patch: {
      summary: 'Rename or reclassify a document',
      params: idParams,
      body: updateDocumentSchema,
      response: documentSchema,
      extraErrors: { ...forbidden, ...STALE },
    },
  },
  '/api/documents/:id/content': {
    get: {
      summary: 'Download the content (attachment, its detected Content-Type, nosniff)',
      params: idParams,
      responseMediaType: 'application/octet-stream',
    },
  },
  '/api/documents/:id/versions': {
    post: {
      summary: 'Upload a new file for a paper (chair, secretariat): it supersedes the current file, which stays readable by its version',
      params: idParams,
      body: uploadDocumentVersionSchema,
      bodyMediaType: 'multipart/form-data',
      response: documentSchema,
      status: 201,
      extraErrors: {
        ...forbidden,
        ...STALE,
        413: 'The file is larger than UPLOAD_MAX_BYTES (the issue names `file`)',
        415: 'The file is not of an accepted type, judged by its content (the issue names `file`, the message the name it was given)',
      },
    },
    get: {
      summary: "Every version of the paper's file, newest first (the current one marked)",
      params: idParams,
      response: z.array(documentFileVersionSchema),
    },
  },
  '/api/documents/:id/versions/:fileVersion/content': {
    get: {
      summary: 'Download one version of the file, a superseded one included (to whoever may see the paper now)',
      params: fileVersionParamsSchema,
      responseMediaType: 'application/octet-stream',
      extraErrors: { 404: 'No such paper or version, or not permitted to see the paper' },
    },
  },
  '/api/documents/:id/annotations': {
    get: {
      summary: "The caller's own notes on the paper (private and shared) and the shared notes of others, by page",
      params: idParams,
      response: z.array(annotationSchema),
    },
    post: {
      summary:
        'Add a note (and highlight) to a page: private notes (anyone who may see the paper) reach no one but their author on any channel; shared ones (chair, secretariat) everyone who may see the paper',
      params: idParams,
      body: createAnnotationSchema,
      response: annotationSchema,
      status: 201,
      extraErrors: { 403: 'Shared notes are written by the chair and the secretariat' },
    },
  },
  '/api/annotations/:id': {
    patch: {
      summary: 'Change one of your own notes (its text, page or highlight)',
      params: idParams,
      body: updateAnnotationSchema,
      response: annotationSchema,
      extraErrors: { 403: 'A shared note of someone else', 404: "No such note, or someone else's private note", ...STALE },
    },
  },
});
describe(deleteRecordRoute('/api/documents/:id', 'Delete a document and its stored content', { extraErrors: { ...forbidden, ...STALE } }));
describe({
  ...deleteRecordRoute('/api/annotations/:id', 'Remove one of your own notes', {
    query: deleteVersionSchema,
    extraErrors: { 403: 'A shared note of someone else', ...STALE },
  }),
});
