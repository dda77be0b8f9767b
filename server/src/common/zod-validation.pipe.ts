import { BadRequestException, type PipeTransform } from '@nestjs/common';
import { type ApiIssue, type ErrorCode, type IssueCode, NUL_BYTE_CODE } from '@sidang/shared';
import type { z } from 'zod';

/** A 400 for invalid input: top-level code `invalid_input`, one issue per field. */
export class InvalidInputException extends BadRequestException {
  constructor(issues: ApiIssue[], code: ErrorCode = 'invalid_input') {
    const message = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    super({ statusCode: 400, error: 'Bad Request', code, message, issues });
  }
}

/** One issue; `path` repeats `field` for clients written before `field` existed. */
export function issue(field: string, code: IssueCode, message: string, params?: ApiIssue['params']): ApiIssue {
  return params ? { field, path: field, code, message, params } : { field, path: field, code, message };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** zod's issue → the API's stable code (zod's own codes and messages are not the contract). */
function toApiIssues(zodIssue: z.core.$ZodIssue, input: unknown, where: string): ApiIssue[] {
  const field = zodIssue.path.length > 0 ? zodIssue.path.map(String).join('.') : where;
  const message = zodIssue.message;
  switch (zodIssue.code) {
    case 'unrecognized_keys':
      return zodIssue.keys.map((key) => {
        const name = zodIssue.path.length > 0 ? `${field}.${key}` : key;
        return issue(name, 'unknown_field', 'is not a known field');
      });
    case 'invalid_type':
      return [
        valueAt(input, zodIssue.path) === undefined ? issue(field, 'required', 'is required') : issue(field, 'invalid_type', message),
      ];
    case 'too_small': {
      const min = Number(zodIssue.minimum);
      const empty = min <= 1 && (zodIssue.origin === 'string' || zodIssue.origin === 'array');
      if (empty) return [issue(field, 'required', message)];
      const code = zodIssue.origin === 'string' ? 'too_short' : 'too_small';
      return [issue(field, code, message, { min })];
    }
    case 'too_big': {
      const max = Number(zodIssue.maximum);
      const code = zodIssue.origin === 'string' ? 'too_long' : zodIssue.origin === 'array' ? 'too_many' : 'too_big';
      return [issue(field, code, message, { max })];
    }
    case 'invalid_format':
      return [issue(field, 'invalid_format', message, { format: zodIssue.format })];
    case 'custom': {
      const code = (zodIssue.params as { code?: unknown } | undefined)?.code;
      return [issue(field, code === NUL_BYTE_CODE ? 'nul_byte' : 'invalid_value', message)];
    }
    default:
      return [issue(field, 'invalid_value', message)];
  }
}

/** Turns zod issues into a 400 whose message names every offending field. */
export function invalidInput(error: z.ZodError, where = 'body', input?: unknown): InvalidInputException {
  const issues = error.issues.flatMap((zodIssue) => toApiIssues(zodIssue, input, where));
  // Unknown query parameters are one mistake with one code on every list (the issues name them).
  const unknownKeys = where === 'query' && issues.length > 0 && issues.every((found) => found.code === 'unknown_field');
  return new InvalidInputException(issues, unknownKeys ? 'unknown_query_key' : 'invalid_input');
}

/**
 * Every string in the input (values and keys, at any depth) that carries U+0000: PostgreSQL
 * cannot store it, so it is refused before any schema or query sees it, whatever the field.
 */
export function nulByteIssues(input: unknown, where: string, path: string[] = [], depth = 0): ApiIssue[] {
  const field = () => (path.length > 0 ? path.join('.') : where);
  if (typeof input === 'string')
    return input.includes('\u0000') ? [issue(field(), 'nul_byte', 'must not contain a NUL character (U+0000)')] : [];
  if (input === null || typeof input !== 'object' || depth > 32) return [];
  const found: ApiIssue[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key.includes('\u0000')) found.push(issue(where, 'nul_byte', 'a field name must not contain a NUL character (U+0000)'));
    else found.push(...nulByteIssues(value, where, [...path, key], depth + 1));
  }
  return found;
}

/** Parses input with a shared zod schema; the schema is the single source of the wire shape. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.output<T>> {
  constructor(
    private readonly schema: T,
    private readonly where = 'body',
  ) {}

  transform(value: unknown): z.output<T> {
    const input = value ?? (this.where === 'body' ? undefined : {});
    const nul = nulByteIssues(input, this.where);
    if (nul.length > 0) throw new InvalidInputException(nul);
    const parsed = this.schema.safeParse(input);
    if (!parsed.success) throw invalidInput(parsed.error, this.where, input);
    return parsed.data;
  }
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export class UuidParamPipe implements PipeTransform<unknown, string> {
  private static readonly pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  constructor(private readonly name = 'id') {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !UuidParamPipe.pattern.test(value)) {
      throw new InvalidInputException([issue(this.name, 'invalid_format', 'must be a UUID', { format: 'uuid' })]);
    }
    return value.toLowerCase();
  }
}
