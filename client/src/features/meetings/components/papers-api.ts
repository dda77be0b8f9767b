import type { ApiError, Classification, DocumentFileVersion, DocumentLimits, DocumentRecord, UpdateDocument } from '@sidang/shared';
import { type ApiClient, ApiRequestError, errorBodyOf } from '../../../lib/api/api-client.ts';
import { authStore } from '../../../lib/auth/auth-store.ts';
import { saveFile } from '../../../lib/save-file.ts';

const enc = encodeURIComponent;

export interface UploadRequest {
  committeeId: string;
  parentId: string;
  /** None: the server gives the paper its item's level (the highest of the item and its meeting). */
  classification?: Classification;
  /** Why the paper is classified below its item (chair, secretariat). */
  declassificationReason?: string;
  title?: string;
  /** None: the server gives the next "Kertas Bil. n/yyyy". */
  number?: string;
  file: File;
  /** 0–1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
}

function errorOf(status: number, text: string): ApiRequestError {
  let body: ApiError = errorBodyOf(status, undefined);
  try {
    body = errorBodyOf(status, JSON.parse(text));
  } catch {
    // Not JSON: keep the status.
  }
  return new ApiRequestError(status, body);
}

/** The papers (documents) of a record, over the generic documents API. */
export const papersApi = {
  ofParent: (api: ApiClient, parentId: string) => api.get<DocumentRecord[]>('/api/documents', { parentId }),
  get: (api: ApiClient, id: string) => api.get<DocumentRecord>(`/api/documents/${enc(id)}`),
  /** Every version of the paper's file, newest first. */
  versions: (api: ApiClient, id: string) => api.get<DocumentFileVersion[]>(`/api/documents/${enc(id)}/versions`),
  /** One version's file, handed to the browser as a download. */
  async downloadVersion(api: ApiClient, id: string, version: Pick<DocumentFileVersion, 'fileVersion' | 'fileName'>): Promise<void> {
    const { blob } = await api.getBlob(`/api/documents/${enc(id)}/versions/${version.fileVersion}/content`);
    saveFile(blob, version.fileName);
  },
  /** The server's upload limit (UPLOAD_MAX_BYTES). */
  limits: (api: ApiClient) => api.get<DocumentLimits>('/api/documents/limits'),
  /** Rename or reclassify. */
  update: (api: ApiClient, id: string, body: UpdateDocument) => api.patch<DocumentRecord>(`/api/documents/${enc(id)}`, body),
  remove: (api: ApiClient, id: string, version: number) => api.delete(`/api/documents/${enc(id)}`, { version }),

  /** A multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can). */
  upload({
    committeeId,
    parentId,
    classification,
    declassificationReason,
    title,
    number,
    file,
    onProgress,
  }: UploadRequest): Promise<DocumentRecord> {
    const form = new FormData();
    form.append('parentId', parentId);
    if (title) form.append('title', title);
    if (number) form.append('number', number);
    if (classification) form.append('classification', classification);
    if (declassificationReason) form.append('declassificationReason', declassificationReason);
    form.append('file', file, file.name);
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', `/api/committees/${enc(committeeId)}/documents`);
      const token = authStore.getToken();
      if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
      request.setRequestHeader('Accept', 'application/json');
      request.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
      };
      request.onload = () => {
        if (request.status >= 200 && request.status < 300) resolve(JSON.parse(request.responseText) as DocumentRecord);
        else reject(errorOf(request.status, request.responseText));
      };
      request.onerror = () => reject(errorOf(0, ''));
      request.send(form);
    });
  },

  /** A new file for a paper: it supersedes the current one (which stays readable by its version). */
  async uploadVersion(paper: Pick<DocumentRecord, 'id' | 'version'>, file: File): Promise<DocumentRecord> {
    const form = new FormData();
    form.append('version', String(paper.version));
    form.append('file', file, file.name);
    const token = authStore.getToken();
    const response = await fetch(`/api/documents/${enc(paper.id)}/versions`, {
      method: 'POST',
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: form,
    });
    const text = await response.text();
    if (!response.ok) throw errorOf(response.status, text);
    return JSON.parse(text) as DocumentRecord;
  },

  /** Fetches the content with the session's token and hands it to the browser as a download. */
  async download(document: Pick<DocumentRecord, 'id' | 'fileName'>): Promise<void> {
    const token = authStore.getToken();
    const response = await fetch(`/api/documents/${enc(document.id)}/content`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    if (!response.ok) throw errorOf(response.status, await response.text());
    saveFile(await response.blob(), document.fileName);
  },
};
