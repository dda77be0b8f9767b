import { Controller, Get } from '@nestjs/common';
import { Public } from '../../auth/public.decorator.js';
import { openApiDocument } from '../../common/openapi.js';

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
