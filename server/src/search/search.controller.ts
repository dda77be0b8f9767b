import { Controller, Get, Query } from '@nestjs/common';
import { type SearchResponse, searchQuerySchema } from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { SearchService } from './search.service.js';

@Controller()
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('search')
  find(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(searchQuerySchema, 'query')) query: z.output<typeof searchQuerySchema>,
  ): Promise<SearchResponse> {
    return this.search.search(actor, query);
  }
}
