import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import {
  type AdminCommittee,
  type AdminUser,
  createCommitteeSchema,
  createUserSchema,
  type Member,
  resetPasswordSchema,
  updateCommitteeSchema,
  updateUserSchema,
} from '@sidang/shared';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { AdminGuard } from './admin.guard.js';
import { AdminService } from './admin.service.js';
import { MembershipsService } from './memberships.service.js';

/** Accounts and committees, for administrators only (403 for anyone else). */
@Controller('admin')
@UseGuards(AdminGuard)
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly memberships: MembershipsService,
  ) {}

  @Get('users')
  listUsers(@CurrentActor() actor: Actor): Promise<AdminUser[]> {
    return this.admin.listUsers(actor);
  }

  @Post('users')
  createUser(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(createUserSchema)) body: z.output<typeof createUserSchema>,
  ): Promise<AdminUser> {
    return this.admin.createUser(actor, body);
  }

  @Patch('users/:id')
  updateUser(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateUserSchema)) body: z.output<typeof updateUserSchema>,
  ): Promise<AdminUser> {
    return this.admin.updateUser(actor, id, body);
  }

  @Post('users/:id/password')
  @HttpCode(200)
  resetPassword(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(resetPasswordSchema)) body: z.output<typeof resetPasswordSchema>,
  ): Promise<AdminUser> {
    return this.admin.resetPassword(actor, id, body.password);
  }

  @Get('committees')
  listCommittees(@CurrentActor() actor: Actor): Promise<AdminCommittee[]> {
    return this.admin.listCommittees(actor);
  }

  @Post('committees')
  createCommittee(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(createCommitteeSchema)) body: z.output<typeof createCommitteeSchema>,
  ): Promise<AdminCommittee> {
    return this.admin.createCommittee(actor, body);
  }

  @Patch('committees/:id')
  updateCommittee(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateCommitteeSchema)) body: z.output<typeof updateCommitteeSchema>,
  ): Promise<AdminCommittee> {
    return this.admin.updateCommittee(actor, id, body);
  }

  @Get('committees/:id/members')
  members(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Member[]> {
    return this.memberships.listForAdmin(actor, id);
  }
}
