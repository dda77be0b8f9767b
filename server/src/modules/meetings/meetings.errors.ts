import { BadRequestException, NotFoundException } from '@nestjs/common';

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${message}`,
    issues: [{ path: field, message }],
  });
}

export class MeetingNotFoundException extends NotFoundException {
  constructor() {
    super('Meeting not found');
  }
}

export class AgendaItemNotFoundException extends NotFoundException {
  constructor() {
    super('Agenda item not found');
  }
}

export const meetingErrors = {
  transition: (from: string, to: string) => invalid('status', `a ${from} meeting cannot become ${to}`),
  notInProgress: () => invalid('status', 'the meeting must be in progress to set its current item'),
  notAnItem: (field: string) => invalid(field, 'must be an agenda item of this meeting'),
  tooDeep: () => invalid('parentId', 'must be a top-level item of this meeting (agendas have two levels)'),
  hasChildren: () => invalid('parentId', 'an item with sub-items stays at the top level'),
  deleteChildrenFirst: () => invalid('id', 'remove or move its sub-items first'),
  aboveClearance: (clearance: string) => invalid('classification', `must not be above your clearance (${clearance})`),
  endsBeforeStart: () => invalid('endsAt', 'must not be before startsAt'),
  nothingToChange: () => invalid('body', 'names no field to change besides version'),
  notAUser: () => invalid('userId', 'no such user'),
  guestStatus: () => invalid('status', 'someone who is not a member can only be in attendance (by invitation) or absent'),
};
