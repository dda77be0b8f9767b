import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../../access/access.module.js';
import { LinksController } from './links.controller.js';
import './links.openapi.js';
import { LinksService } from './links.service.js';
import { RecordLinkEntity } from './record-link.entity.js';

/** Links between any two records of a committee (`record-link`). */
@Module({
  imports: [AccessModule, TypeOrmModule.forFeature([RecordLinkEntity])],
  controllers: [LinksController],
  providers: [LinksService],
})
export class LinksModule {}
