import {
  documentLimitsSchema,
  documentPageSchema,
  documentSchema,
  documentsOfParentQuerySchema,
  listDocumentsQuerySchema,
  updateDocumentSchema,
  uploadDocumentSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, deleteRecordRoute, describeTag, idParams, STALE } from '../../common/openapi.js';

const describe = describeTag('Documents');
const forbidden = { 403: 'Your role may not do this (chair and secretariat manage documents)' };

describe({
  method: 'get',
  path: '/api/committees/:committeeId/documents',
  summary: 'Documents the caller may see (cleared for each and for its parent records), oldest first, paged',
  params: committeeParams,
  query: listDocumentsQuerySchema,
  response: documentPageSchema,
});
describe({
  method: 'post',
  path: '/api/committees/:committeeId/documents',
  summary: 'Upload a document to a record, e.g. a paper to an agenda item (chair, secretariat); its type is judged by content',
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
describe({
  method: 'get',
  path: '/api/documents',
  summary: 'The documents of one record the caller may see',
  query: documentsOfParentQuerySchema,
  response: z.array(documentSchema),
  extraErrors: { 404: 'No such record, or not permitted to see it' },
});
describe({
  method: 'get',
  path: '/api/documents/limits',
  summary: 'What an upload may be: the size limit (UPLOAD_MAX_BYTES), for a client to check before sending',
  response: documentLimitsSchema,
});
describe({ method: 'get', path: '/api/documents/:id', summary: 'One document', params: idParams, response: documentSchema });
describe({
  method: 'patch',
  path: '/api/documents/:id',
  summary: 'Rename or reclassify a document',
  params: idParams,
  body: updateDocumentSchema,
  response: documentSchema,
  extraErrors: { ...forbidden, ...STALE },
});
describe(deleteRecordRoute('/api/documents/:id', 'Delete a document and its stored content', { extraErrors: { ...forbidden, ...STALE } }));
describe({
  method: 'get',
  path: '/api/documents/:id/content',
  summary: 'Download the content (attachment, its detected Content-Type, nosniff)',
  params: idParams,
  responseMediaType: 'application/octet-stream',
});
