import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${message}`,
    issues: [{ path: field, message }],
  });
}

export class MinutesNotFoundException extends NotFoundException {
  constructor(what = 'Minutes') {
    super(`${what} not found`);
  }
}

export const minutesErrors = {
  notFound: () => new MinutesNotFoundException(),
  sectionNotFound: () => new MinutesNotFoundException('Section'),
  commentNotFound: () => new MinutesNotFoundException('Comment'),
  versionNotFound: () => new MinutesNotFoundException('Version'),
  forbidden: (role: string, what: string) => new ForbiddenException(`Your role (${role}) may not ${what}`),
  transition: (from: string, to: string, current: unknown) =>
    new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      code: 'invalid_transition',
      message: `to: ${from} minutes cannot become ${to}`,
      current,
    }),
  notCommentable: (status: string, current: unknown) =>
    new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      code: 'not_commentable',
      message: `status: ${status} minutes take no comments`,
      current,
    }),
  notEditable: (status: string, current: unknown) =>
    new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      code: 'not_editable',
      message: `status: ${status} minutes cannot be edited`,
      current,
    }),
  threadNeedsSection: () => invalid('sectionId', 'a new thread needs the section it comments on'),
  notAThread: () => invalid('parentId', 'must be a thread of these minutes'),
  belowItem: (level: string) => invalid('classification', `must not be below the agenda item's level (${level})`),
  aboveClearance: (clearance: string) => invalid('classification', `must not be above your clearance (${clearance})`),
  notAnAction: () => invalid('actionLine.actionItemIds', 'must be action items of this committee'),
  nothingToChange: () => invalid('body', 'names no field to change besides version'),
  confirmedAt: () => invalid('confirmedAtMeetingId', 'must be a meeting of this committee'),
};
