import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { CalendarFeed } from '@sidang/shared';
import type { Request, Response } from 'express';
import type { Actor } from '../../access/actor.js';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { Public } from '../../auth/public.decorator.js';
import { CalendarFeedService } from './calendar-feed.service.js';

/** The feed's address as this request reached the server (behind TRUST_PROXY, as the client sees it). */
function feedUrl(request: Request, token: string): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}/api/calendar/${token}.ics`;
}

@Controller()
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get('me/calendar-feed')
  async get(@CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CalendarFeed> {
    response.setHeader('cache-control', 'no-store');
    return { url: feedUrl(request, await this.feeds.token(actor)) };
  }

  @Post('me/calendar-feed/renew')
  @HttpCode(200)
  async renew(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CalendarFeed> {
    response.setHeader('cache-control', 'no-store');
    return { url: feedUrl(request, await this.feeds.renew(actor)) };
  }

  /** The token is the credential: no bearer token, rate-limited per address, never cached by a shared cache. */
  @Public()
  @Get('calendar/:token.ics')
  async feed(@Param('token') token: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    await this.feeds.admit(request.ip ?? request.socket.remoteAddress ?? 'unknown');
    const ics = await this.feeds.feed(token);
    response.setHeader('content-type', 'text/calendar; charset=utf-8');
    response.setHeader('cache-control', 'private, no-cache');
    response.setHeader('referrer-policy', 'no-referrer');
    return ics;
  }
}
