import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { IssueCode } from '@sidang/shared';
import { issue } from '../../../common/zod-validation.pipe.js';

/** 404 for a record that does not exist or that the caller may not see: the two look alike. */
export class RegisterRecordNotFoundException extends NotFoundException {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** A 400 that names one field, with a stable code. */
export class InvalidFieldException extends BadRequestException {
  constructor(field: string, problem: string, code: IssueCode = 'invalid_value', params?: { level?: string }) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      code: code === 'above_clearance' ? 'above_clearance' : 'invalid_input',
      message: `${field}: ${problem}`,
      issues: [issue(field, code, problem, params)],
    });
  }
}

/** Classifying a record (or a field) above one's own clearance would hide it from its author. */
export class AboveClearanceException extends InvalidFieldException {
  constructor(clearance: string, field = 'classification') {
    super(field, `must not be above your clearance (${clearance})`, 'above_clearance', { level: clearance });
  }
}

export class NothingToChangeException extends BadRequestException {
  constructor() {
    super({
      statusCode: 400,
      error: 'Bad Request',
      code: 'nothing_to_change',
      message: 'body: names no field to change besides version',
      issues: [issue('body', 'nothing_to_change', 'names no field to change besides version')],
    });
  }
}
