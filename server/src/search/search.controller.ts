import { Controller, Get, Inject, Query } from '@nestjs/common';
import { type SearchResponse, searchQuerySchema } from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { RateLimiter } from '../common/rate-limit/rate-limiter.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { SearchService } from './search.service.js';

@Controller()
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly limits: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Per user (shared by every instance with REDIS_URL): search-as-you-type is cheap to send, not to answer. */
  @Get('search')
  async find(
    @CurrentActor() actor: Actor,
    @Query(new ZodValidationPipe(searchQuerySchema, 'query')) query: z.output<typeof searchQuerySchema>,
  ): Promise<SearchResponse> {
    await this.limits.consume(
      `search:${actor.id}`,
      this.config.SEARCH_REQUESTS_PER_WINDOW,
      this.config.SEARCH_WINDOW_SECONDS * 1000,
      'Too many searches',
    );
    return this.search.search(actor, query);
  }
}
