import { Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { MemoryRateLimitStore, RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';

/**
 * The abuse limits' one store: Redis with REDIS_URL (every instance counts together), else this
 * process's memory. Import it where a limit is enforced; Nest makes one store per app.
 */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<RateLimitStore> => {
        if (!config.REDIS_URL) return new MemoryRateLimitStore();
        const store = new RedisRateLimitStore(config.REDIS_URL, config.RATE_LIMIT_REDIS_PREFIX);
        await store.connect();
        return store;
      },
    },
    RateLimiter,
  ],
  exports: [RATE_LIMIT_STORE, RateLimiter],
})
export class RateLimitModule implements OnModuleDestroy {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  async onModuleDestroy(): Promise<void> {
    if (this.store instanceof RedisRateLimitStore) await this.store.close();
  }
}
