import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';

/** A 400 that names the offending field, in the shape the validation pipe uses. */
function fieldError(field: string, message: string): object {
  return { statusCode: 400, error: 'Bad Request', message: `${field}: ${message}`, issues: [{ path: field, message }] };
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
      message: `${field}: already in use`,
      issues: [{ path: field, message: 'already in use' }],
    });
  }
}

/** An administrator who deactivated or un-admined themself could lock everyone out. */
export class SelfLockoutException extends BadRequestException {
  constructor(field: 'active' | 'isAdmin') {
    super(fieldError(field, 'you may not change this on your own account'));
  }
}

/** A committee is never left without a chair by its own chair. */
export class LastChairException extends BadRequestException {
  constructor() {
    super(fieldError('role', 'you are the last chair of this committee; appoint another chair first'));
  }
}

export class NothingToChangeException extends BadRequestException {
  constructor() {
    super(fieldError('body', 'names no field to change besides version'));
  }
}

export class InvalidParentException extends BadRequestException {
  constructor(reason: string) {
    super(fieldError('parentId', reason));
  }
}
