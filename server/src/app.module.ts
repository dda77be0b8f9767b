import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './access/access.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ChangesModule } from './changes/changes.module.js';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions, openDataSource } from './database/data-source.js';
import { ENTITIES } from './entities.js';
import { ActionItemsModule } from './modules/action-items/action-items.module.js';
import { ActivityModule } from './modules/activity/activity.module.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { CommitteesModule } from './modules/committees/committees.module.js';
import { DecidingModule } from './modules/deciding/deciding.module.js';
import { DocumentsModule } from './modules/documents/documents.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { HealthController } from './modules/health/health.controller.js';
import { HomeModule } from './modules/home/home.module.js';
import { LinksModule } from './modules/links/links.module.js';
import { MeetingPackModule } from './modules/meeting-pack/meeting-pack.module.js';
import { MeetingsModule } from './modules/meetings/meetings.module.js';
import { MinutesModule } from './modules/minutes/minutes.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { OpenApiController } from './modules/openapi/openapi.controller.js';
import { RegistersModule } from './modules/registers/registers.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { SearchModule } from './search/search.module.js';

/**
 * Configuration after start-up has settled which database to use, and with how many
 * connections (`openStore`: DB_POOL_SIZE on PostgreSQL, one on the embedded store).
 */
export type ResolvedConfig = AppConfig & { DATABASE_URL: string };

@Module({})
export class AppModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            dataSourceOptions(config.DATABASE_URL, ENTITIES, { size: config.DB_POOL_SIZE, acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS }),
          // Migrations run before anything else touches the database.
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('No data source options');
            return openDataSource(options);
          },
        }),
        ObservabilityModule,
        ChangesModule,
        AccessModule,
        AuthModule,
        RealtimeModule,
        CommitteesModule,
        ActionItemsModule,
        ActivityModule,
        MeetingsModule,
        DecidingModule,
        AdminModule,
        SearchModule,
        RegistersModule,
        LinksModule,
        ExportsModule,
        ReportsModule,
        MinutesModule,
        DocumentsModule,
        MeetingPackModule,
        HomeModule,
        NotificationsModule,
      ],
      controllers: [HealthController, OpenApiController],
    };
  }
}
