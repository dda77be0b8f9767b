import { ConflictException, NotFoundException } from '@nestjs/common';

export class LinkNotFoundException extends NotFoundException {
  constructor(what = 'Link') {
    super(`${what} not found`);
  }
}

/** The two records are linked already (either way round): `current` is that link. */
export class AlreadyLinkedException extends ConflictException {
  constructor(current: unknown) {
    super({ statusCode: 409, error: 'Conflict', code: 'conflict', message: 'toId: the records are linked already', current });
  }
}
