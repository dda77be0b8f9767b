import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AccessModule } from '../access/access.module.js';
import { UserEntity } from '../access/user.entity.js';
import { AuditEntryEntity } from '../changes/audit-entry.entity.js';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { DeviceTokens } from './device-tokens.js';
import { LoginThrottle } from './login-throttle.js';
import { MfaController } from './mfa/mfa.controller.js';
import { MFA_ENTITIES } from './mfa/mfa.entities.js';
import { MfaService } from './mfa/mfa.service.js';
import { SecondFactorSteps } from './mfa/second-factor-steps.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcService } from './oidc/oidc.service.js';
import { PasskeysController } from './passkeys/passkeys.controller.js';
import { PasskeysService } from './passkeys/passkeys.service.js';
import { PasswordQueue } from './password-queue.js';
import { SessionEntity } from './session.entity.js';
import { SessionEvents } from './session-events.js';
import { SharedCounters } from './shared-counters.js';
import { SignInAudit } from './sign-in-audit.js';
import { resolveTokenSecret } from './token-secret.js';

@Global()
@Module({
  imports: [
    AccessModule,
    RateLimitModule,
    TypeOrmModule.forFeature([SessionEntity, UserEntity, AuditEntryEntity, ...MFA_ENTITIES]),
    JwtModule.registerAsync({
      inject: [getDataSourceToken(), APP_CONFIG],
      useFactory: async (dataSource: DataSource, config: AppConfig) => ({
        // A KeyObject made once: given a string, the JWT library rebuilds the key on every verify.
        secret: createSecretKey(Buffer.from(await resolveTokenSecret(dataSource, config.JWT_SECRET))) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, MfaController, OidcController, PasskeysController],
  providers: [
    AuthService,
    MfaService,
    SecondFactorSteps,
    OidcService,
    PasskeysService,
    SignInAudit,
    LoginThrottle,
    PasswordQueue,
    DeviceTokens,
    SessionEvents,
    SharedCounters,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, SessionEvents],
})
export class AuthModule {}
