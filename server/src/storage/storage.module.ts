import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DiskDocumentStorage } from './disk-document-storage.js';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage.js';

/** Picks the document storage named by DOCUMENT_STORAGE. */
export function documentStorageFor(config: Pick<AppConfig, 'DOCUMENT_STORAGE' | 'DATA_DIR'>): DocumentStorage {
  switch (config.DOCUMENT_STORAGE) {
    case 'disk':
      return new DiskDocumentStorage(join(config.DATA_DIR, 'documents'));
  }
}

@Module({
  providers: [{ provide: DOCUMENT_STORAGE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => documentStorageFor(config) }],
  exports: [DOCUMENT_STORAGE],
})
export class StorageModule {}
