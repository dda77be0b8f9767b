import { Module } from '@nestjs/common';
import { AccessModule } from '../../access/access.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { MeetingPackController } from './meeting-pack.controller.js';
import './meeting-pack.openapi.js';
import { MeetingPackService } from './meeting-pack.service.js';

/** The meeting pack: cover, agenda and papers of a meeting in one PDF, compiled per reader. */
@Module({
  imports: [AccessModule, DocumentsModule, MeetingsModule],
  controllers: [MeetingPackController],
  providers: [MeetingPackService],
})
export class MeetingPackModule {}
