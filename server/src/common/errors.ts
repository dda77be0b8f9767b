import { BadRequestException, ConflictException } from '@nestjs/common';
import { issue } from './zod-validation.pipe.js';

/** 409 for a write based on an old version; `current` lets the client show what changed. */
export class StaleVersionException extends ConflictException {
  constructor(current: unknown, sent: number, stored: number) {
    super({
      statusCode: 409,
      error: 'Conflict',
      code: 'stale_version',
      message: `version: ${sent} is stale; the record is at version ${stored}`,
      current,
    });
  }
}

/**
 * 400 for a record derived from another (an action raised from an agenda item, a decision, a
 * paper) asked below its origin chain's level without a declassification reason.
 */
export class BelowOriginException extends BadRequestException {
  constructor(origin: string) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      code: 'below_origin',
      message: `classification: must not be below its origin (${origin}) without declassificationReason`,
      issues: [
        issue('classification', 'below_origin', `must not be below its origin (${origin}) without declassificationReason`, {
          level: origin,
        }),
      ],
    });
  }
}
