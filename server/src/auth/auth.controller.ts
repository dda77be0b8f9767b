import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import { type LoginRequest, type LoginResponse, loginRequestSchema, type UpdateMe, type User, updateMeSchema } from '@sidang/shared';
import type { Actor } from '../access/actor.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import './auth.openapi.js';
import { AuthService } from './auth.service.js';
import { CurrentActor } from './current-actor.decorator.js';
import { LoginThrottle } from './login-throttle.js';
import { Public } from './public.decorator.js';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Ip() ip: string, @Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest): Promise<LoginResponse> {
    this.throttle.check(`${ip}|${body.email}`);
    return this.auth.login(body);
  }

  @Get('me')
  me(@CurrentActor() actor: Actor): Promise<User> {
    return this.auth.me(actor);
  }

  @Patch('me')
  update(@CurrentActor() actor: Actor, @Body(new ZodValidationPipe(updateMeSchema)) body: UpdateMe): Promise<User> {
    return this.auth.setLocale(actor, body.locale);
  }
}
