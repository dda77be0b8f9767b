import { Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { DatabaseRateLimitStore, StoreWithBackup } from './database-rate-limit.store.js';
import { MemoryRateLimitStore, RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store.js';
import { RateLimiter } from './rate-limiter.js';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';

/**
 * The abuse limits' one store: Redis with REDIS_URL (every instance counts together; while Redis
 * does not answer, the database), else this process's memory (one instance). Import it where a limit is enforced; Nest makes one store per app.
 */
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORE,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: async (config: AppConfig, dataSource: DataSource): Promise<RateLimitStore> => {
        if (!config.REDIS_URL) return new MemoryRateLimitStore();
        // While Redis does not answer: the database, which every instance shares too; memory if it does not answer either.
        const fallback = new StoreWithBackup(new DatabaseRateLimitStore(dataSource), new MemoryRateLimitStore());
        const store = new RedisRateLimitStore(config.REDIS_URL, config.RATE_LIMIT_REDIS_PREFIX, fallback);
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
