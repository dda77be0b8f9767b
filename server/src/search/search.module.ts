import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module.js';
import { SearchController } from './search.controller.js';
import './search.openapi.js';
import { SearchService } from './search.service.js';

/** One search box over every record type of the registry (search-fields.ts). */
@Module({
  imports: [AccessModule, RateLimitModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}
