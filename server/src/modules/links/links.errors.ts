import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../../common/errors.js';

/** The two records are linked already (either way round): `current` is that link. */
export class AlreadyLinkedException extends ApiException {
  constructor(current: unknown) {
    super(HttpStatus.CONFLICT, 'conflict', 'toId: the records are linked already', { current });
  }
}
