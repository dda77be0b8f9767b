import { ConflictException } from '@nestjs/common';

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
