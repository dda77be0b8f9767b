import { Global, Module } from '@nestjs/common';
import { Lifecycle } from './lifecycle.js';
import { Metrics } from './metrics.js';

/** Metrics (one registry per app) and the instance's lifecycle, for every module. */
@Global()
@Module({
  providers: [Metrics, Lifecycle],
  exports: [Metrics, Lifecycle],
})
export class ObservabilityModule {}
