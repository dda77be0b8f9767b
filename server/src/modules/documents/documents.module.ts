import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { StorageModule } from '../../storage/storage.module.js';
import { AnnotationsService } from './annotations.service.js';
import { AnnotationEntity, DocumentEntity, DocumentFileEntity } from './document.entity.js';
import { DocumentsController } from './documents.controller.js';
import './documents.openapi.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import { UploadLimitFilter, uploadOptions } from './documents.upload.js';

@Module({
  imports: [
    AccessModule,
    StorageModule,
    TypeOrmModule.forFeature([DocumentEntity, DocumentFileEntity, AnnotationEntity]),
    MulterModule.registerAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => uploadOptions(config) }),
  ],
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentsService, AnnotationsService, UploadLimitFilter],
  exports: [DocumentsService],
})
export class DocumentsModule {}
