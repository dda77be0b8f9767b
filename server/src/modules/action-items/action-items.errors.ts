import { BadRequestException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { issue } from '../../common/zod-validation.pipe.js';

export class ActionItemNotFoundException extends NotFoundException {
  constructor() {
    super('Action item not found');
  }
}

/** Classifying a record above one's own clearance would hide it from its author. */
export class AboveClearanceException extends BadRequestException {
  constructor(clearance: string, field = 'classification') {
    super({
      statusCode: 400,
      error: 'Bad Request',
      code: 'above_clearance',
      message: `${field}: must not be above your clearance (${clearance})`,
      issues: [issue(field, 'above_clearance', `must not be above your clearance (${clearance})`, { level: clearance })],
    });
  }
}

export class NotMembersException extends BadRequestException {
  constructor(ids: string[]) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      code: 'not_members',
      message: `ownerIds: not members of this committee: ${ids.join(', ')}`,
      issues: [issue('ownerIds', 'not_members', 'must be members of this committee')],
    });
  }
}

export class OwnStatusOnlyException extends ForbiddenException {
  constructor() {
    super('As an owner you may change the status of this item, and nothing else');
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

export class InvalidOriginException extends BadRequestException {
  constructor(field: 'meetingId' | 'agendaItemId' | 'minutesSectionId', problem: string) {
    super({ statusCode: 400, error: 'Bad Request', message: `${field}: ${problem}`, issues: [{ path: field, message: problem }] });
  }
}
