import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  type AgendaItem,
  type Attendance,
  createAgendaItemSchema,
  createDecisionSchema,
  createGuestSchema,
  createMeetingSchema,
  type Decision,
  deleteVersionSchema,
  type Guest,
  type Invitation,
  listDecisionsQuerySchema,
  listMeetingsQuerySchema,
  type MatterArising,
  type Meeting,
  type MoveAgendaItem,
  moveAgendaItemSchema,
  type ProjectorView,
  putAttendanceSchema,
  rsvpSchema,
  setCurrentItemSchema,
  type UpdateAgendaItem,
  type UpdateMeeting,
  updateAgendaItemSchema,
  updateMeetingSchema,
} from '@sidang/shared';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { recordWritesController } from '../../common/record-writes.controller.js';
import { UuidParamPipe, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { AttendanceService } from './attendance.service.js';
import { DecisionsService } from './decisions.service.js';
import { MeetingsService } from './meetings.service.js';

@Controller()
export class MeetingsController extends recordWritesController<Meeting, UpdateMeeting>('meetings', updateMeetingSchema) {
  readonly records: MeetingsService;

  constructor(
    private readonly meetings: MeetingsService,
    private readonly attendance: AttendanceService,
    private readonly decisions: DecisionsService,
  ) {
    super();
    this.records = meetings;
  }

  @Get('meetings/:id/attendance')
  getAttendance(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Attendance> {
    return this.attendance.get(actor, id);
  }

  @Get('meetings/:id/projector')
  projectorView(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<ProjectorView> {
    return this.attendance.projectorView(actor, id);
  }

  @Put('meetings/:id/attendance/:userId')
  markAttendance(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Param('userId', new UuidParamPipe('userId')) userId: string,
    @Body(new ZodValidationPipe(putAttendanceSchema)) body: z.output<typeof putAttendanceSchema>,
  ): Promise<Attendance> {
    return this.attendance.mark(actor, id, userId, body.status);
  }

  @Put('meetings/:id/rsvp')
  rsvp(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(rsvpSchema)) body: z.output<typeof rsvpSchema>,
  ): Promise<Invitation> {
    return this.attendance.rsvp(actor, id, body);
  }

  @Get('meetings/:id/invitations')
  invitations(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Invitation[]> {
    return this.attendance.invitations(actor, id);
  }

  @Post('meetings/:id/invitations/remind')
  @HttpCode(200)
  remind(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Attendance> {
    return this.attendance.remind(actor, id);
  }

  @Post('meetings/:id/guests')
  addGuest(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createGuestSchema)) body: z.output<typeof createGuestSchema>,
  ): Promise<Guest> {
    return this.attendance.addGuest(actor, id, body);
  }

  @Delete('meetings/:id/guests/:guestId')
  @HttpCode(204)
  removeGuest(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Param('guestId', new UuidParamPipe('guestId')) guestId: string,
  ): Promise<void> {
    return this.attendance.removeGuest(actor, id, guestId);
  }

  @Get('meetings/:id/ics')
  async calendar(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { ics, filename } = await this.meetings.calendar(actor, id);
    response.setHeader('content-type', 'text/calendar; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="${filename}"`);
    return ics;
  }

  @Get('meetings/:id/matters-arising')
  mattersArising(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<MatterArising[]> {
    return this.meetings.mattersArising(actor, id);
  }

  @Get('agenda-items/:id/decisions')
  decisionsOf(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Decision[]> {
    return this.decisions.ofItem(actor, id);
  }

  @Post('agenda-items/:id/decisions')
  recordDecision(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(createDecisionSchema)) body: z.output<typeof createDecisionSchema>,
  ): Promise<Decision> {
    const { text, ...level } = body;
    return this.decisions.record(actor, id, text, level);
  }

  @Get('committees/:committeeId/decisions')
  register(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(listDecisionsQuerySchema, 'query')) query: z.output<typeof listDecisionsQuerySchema>,
  ): Promise<Decision[]> {
    return this.decisions.register(actor, committeeId, query.q);
  }

  @Get('committees/:committeeId/meetings')
  list(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Query(new ZodValidationPipe(listMeetingsQuerySchema, 'query')) query: z.output<typeof listMeetingsQuerySchema>,
  ): Promise<Meeting[]> {
    return this.meetings.list(actor, committeeId, query.when);
  }

  @Post('committees/:committeeId/meetings')
  create(
    @CurrentActor() actor: Actor,
    @Param('committeeId', new UuidParamPipe('committeeId')) committeeId: string,
    @Body(new ZodValidationPipe(createMeetingSchema)) body: z.output<typeof createMeetingSchema>,
  ): Promise<Meeting> {
    return this.meetings.create(actor, committeeId, body);
  }

  @Get('meetings/:id')
  get(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<Meeting> {
    return this.meetings.get(actor, id);
  }

  @Post('meetings/:id/current-item')
  @HttpCode(200)
  setCurrentItem(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(setCurrentItemSchema)) body: z.output<typeof setCurrentItemSchema>,
  ): Promise<Meeting> {
    return this.meetings.setCurrentItem(actor, id, body.agendaItemId);
  }

  @Get('meetings/:meetingId/agenda-items')
  agenda(@CurrentActor() actor: Actor, @Param('meetingId', new UuidParamPipe('meetingId')) meetingId: string): Promise<AgendaItem[]> {
    return this.meetings.agenda(actor, meetingId);
  }

  @Post('meetings/:meetingId/agenda-items')
  createItem(
    @CurrentActor() actor: Actor,
    @Param('meetingId', new UuidParamPipe('meetingId')) meetingId: string,
    @Body(new ZodValidationPipe(createAgendaItemSchema)) body: z.output<typeof createAgendaItemSchema>,
  ): Promise<AgendaItem> {
    return this.meetings.createItem(actor, meetingId, body);
  }

  @Get('agenda-items/:id')
  getItem(@CurrentActor() actor: Actor, @Param('id', new UuidParamPipe()) id: string): Promise<AgendaItem> {
    return this.meetings.getItem(actor, id);
  }

  @Patch('agenda-items/:id')
  updateItem(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(updateAgendaItemSchema)) body: UpdateAgendaItem,
  ): Promise<AgendaItem> {
    return this.meetings.updateItem(actor, id, body);
  }

  @Post('agenda-items/:id/move')
  @HttpCode(200)
  moveItem(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Body(new ZodValidationPipe(moveAgendaItemSchema)) body: MoveAgendaItem,
  ): Promise<AgendaItem> {
    return this.meetings.moveItem(actor, id, body);
  }

  @Delete('agenda-items/:id')
  @HttpCode(204)
  removeItem(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParamPipe()) id: string,
    @Query(new ZodValidationPipe(deleteVersionSchema, 'query')) query: z.output<typeof deleteVersionSchema>,
  ): Promise<void> {
    return this.meetings.removeItem(actor, id, query.version);
  }
}
