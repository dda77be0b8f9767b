import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { Public } from '../../auth/public.decorator.js';
import { describeRoute, openApiDocument } from '../../common/openapi.js';

// The document names itself too: every route the app serves is in it (openapi-contract.spec.ts).
describeRoute({
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This OpenAPI 3 document',
  tag: 'Health',
  public: true,
  response: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
});

@Controller()
export class OpenApiController {
  private document: object | undefined;

  @Public()
  @Get('openapi.json')
  get(): object {
    // Built on first request: every module has registered its routes by then.
    this.document ??= openApiDocument();
    return this.document;
  }
}
