import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/** Turns zod issues into a 400 whose message names every offending field. */
export function invalidInput(error: z.ZodError, where = 'body'): BadRequestException {
  const issues = error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join('.') : where,
    message: issue.message,
  }));
  const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, issues });
}

/** Parses input with a shared zod schema; the schema is the single source of the wire shape. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(
    private readonly schema: T,
    private readonly where = 'body',
  ) {}

  transform(value: unknown): z.output<T> {
    const parsed = this.schema.safeParse(value ?? (this.where === 'body' ? undefined : {}));
    if (!parsed.success) throw invalidInput(parsed.error, this.where);
    return parsed.data;
  }
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export class UuidParamPipe implements PipeTransform<unknown, string> {
  private static readonly pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  constructor(private readonly name = 'id') {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !UuidParamPipe.pattern.test(value)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${this.name}: must be a UUID`,
        issues: [{ path: this.name, message: 'must be a UUID' }],
      });
    }
    return value.toLowerCase();
  }
}
