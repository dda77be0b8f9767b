import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { IssueCode } from '@sidang/shared';
import { issue } from '../../common/zod-validation.pipe.js';

/** A 400 that names the offending field with a stable code, in the shape the validation pipe uses. */
function fieldError(field: string, code: IssueCode, message: string): object {
  return {
    statusCode: 400,
    error: 'Bad Request',
    code: 'invalid_input',
    message: `${field}: ${message}`,
    issues: [issue(field, code, message)],
  };
}

export class AdminOnlyException extends ForbiddenException {
  constructor() {
    super('Only administrators may manage accounts and committees');
  }
}

export class UserNotFoundException extends NotFoundException {
  constructor() {
    super('User not found');
  }
}

export class CommitteeNotFoundException extends NotFoundException {
  constructor() {
    super('Committee not found');
  }
}

export class MembershipNotFoundException extends NotFoundException {
  constructor() {
    super('This user is not a member of the committee');
  }
}

/** A unique value (e-mail, committee code) already taken. */
export class AlreadyInUseException extends ConflictException {
  constructor(field: string) {
    super({
      statusCode: 409,
      error: 'Conflict',
      code: 'already_in_use',
      message: `${field}: already in use`,
      issues: [issue(field, 'already_in_use', 'already in use')],
    });
  }
}

/**
 * Nobody changes their own access: an administrator's own clearance, administrator role,
 * active state or memberships, and a chair's own membership, are changed by someone else.
 * Otherwise one stolen administrator session could raise itself to SECRET in every committee
 * without a second person seeing it happen, and an administrator could lock everyone out.
 */
export class SelfChangeException extends ForbiddenException {
  constructor(field: 'clearance' | 'isAdmin' | 'active' | 'membership') {
    const message = 'you may not change this on your own account; another administrator must do it';
    super({
      statusCode: 403,
      error: 'Forbidden',
      code: 'self_change',
      message: `${field}: ${message}`,
      issues: [issue(field, 'self_change', message)],
    });
  }
}

export class NothingToChangeException extends BadRequestException {
  constructor() {
    super({ ...fieldError('body', 'nothing_to_change', 'names no field to change besides version'), code: 'nothing_to_change' });
  }
}

export class InvalidParentException extends BadRequestException {
  constructor(problem: 'unknown' | 'nested') {
    super(
      problem === 'unknown'
        ? fieldError('parentId', 'invalid_value', 'no such committee')
        : fieldError('parentId', 'nested_group', 'a working group cannot have working groups of its own'),
    );
  }
}
