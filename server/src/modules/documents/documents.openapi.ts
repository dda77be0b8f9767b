import {
  deleteVersionSchema,
  documentLimitsSchema,
  documentPageSchema,
  documentSchema,
  documentsOfParentQuerySchema,
  listDocumentsQuerySchema,
  updateDocumentSchema,
  uploadDocumentSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, describeRoute, idParams } from '../../common/openapi.js';

const tag = 'Documents';
const forbidden = { 403: 'Your role may not do this (chair and secretariat manage documents)' };
const stale = { 409: 'Stale version; the stored record is under `current`' };

describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/documents',
  summary: 'Documents the caller may see (cleared for each and for its parent records), oldest first, paged',
  tag,
  params: committeeParams,
  query: listDocumentsQuerySchema,
  response: documentPageSchema,
});
describeRoute({
  method: 'post',
  path: '/api/committees/:committeeId/documents',
  summary: 'Upload a document to a record, e.g. a paper to an agenda item (chair, secretariat); its type is judged by content',
  tag,
  params: committeeParams,
  body: uploadDocumentSchema,
  bodyMediaType: 'multipart/form-data',
  response: documentSchema,
  status: 201,
  extraErrors: {
    ...forbidden,
    413: 'The file is larger than UPLOAD_MAX_BYTES (the issue names `file`)',
    415: 'The file is not of an accepted type, judged by its content (the issue names `file`)',
  },
});
describeRoute({
  method: 'get',
  path: '/api/documents',
  summary: 'The documents of one record the caller may see',
  tag,
  query: documentsOfParentQuerySchema,
  response: z.array(documentSchema),
  extraErrors: { 404: 'No such record, or not permitted to see it' },
});
describeRoute({
  method: 'get',
  path: '/api/documents/limits',
  summary: 'What an upload may be: the size limit (UPLOAD_MAX_BYTES), for a client to check before sending',
  tag,
  response: documentLimitsSchema,
});
describeRoute({ method: 'get', path: '/api/documents/:id', summary: 'One document', tag, params: idParams, response: documentSchema });
describeRoute({
  method: 'patch',
  path: '/api/documents/:id',
  summary: 'Rename or reclassify a document',
  tag,
  params: idParams,
  body: updateDocumentSchema,
  response: documentSchema,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'delete',
  path: '/api/documents/:id',
  summary: 'Delete a document and its stored content',
  tag,
  params: idParams,
  query: deleteVersionSchema,
  status: 204,
  extraErrors: { ...forbidden, ...stale },
});
describeRoute({
  method: 'get',
  path: '/api/documents/:id/content',
  summary: 'Download the content (attachment, its detected Content-Type, nosniff)',
  tag,
  params: idParams,
  responseMediaType: 'application/octet-stream',
});
