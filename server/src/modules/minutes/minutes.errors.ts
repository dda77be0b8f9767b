import { HttpStatus } from '@nestjs/common';
import type { ApiIssue } from '@sidang/shared';
import {
  AboveClearanceException,
  ApiException,
  BelowOriginException,
  ForbiddenError,
  InvalidFieldException,
  InvalidInputException,
  InvalidTransitionException,
  issue,
  NotFoundError,
  NothingToChangeException,
} from '../../common/errors.js';

/** A change the minutes' status does not allow: 409 with the minutes as they stand. */
function wrongStatus(code: 'not_commentable' | 'not_editable' | 'meeting_in_progress', message: string, current: unknown): ApiException {
  return new ApiException(HttpStatus.CONFLICT, code, message, { current });
}

/** The minutes slice's wording of the shared refusals (common/errors.ts). */
export const minutesErrors = {
  notFound: () => new NotFoundError('Minutes'),
  sectionNotFound: () => new NotFoundError('Section'),
  commentNotFound: () => new NotFoundError('Comment'),
  versionNotFound: () => new NotFoundError('Version'),
  forbidden: (role: string, what: string) => new ForbiddenError(`Your role (${role}) may not ${what}`),
  transition: (from: string, to: string, current: unknown) =>
    new InvalidTransitionException('to', `${from} minutes cannot become ${to}`, { status: HttpStatus.CONFLICT, current }),
  notCommentable: (status: string, current: unknown) =>
    wrongStatus('not_commentable', `status: ${status} minutes take no comments`, current),
  notEditable: (status: string, current: unknown) => wrongStatus('not_editable', `status: ${status} minutes cannot be edited`, current),
  threadNeedsSection: () => new InvalidFieldException('sectionId', 'a new thread needs the section it comments on', 'required'),
  notAThread: () => new InvalidFieldException('parentId', 'must be a thread of these minutes'),
  belowItem: (level: string) => new BelowOriginException(level, `must not be below the agenda item's level (${level})`),
  aboveClearance: (clearance: string) => new AboveClearanceException(clearance),
  notAnAction: () => new InvalidFieldException('actionLine.actionItemIds', 'must be action items of this committee'),
  nothingToChange: () => new NothingToChangeException(),
  commentsDueOnlyOnCirculation: () => new InvalidFieldException('commentsDueAt', 'is only set when the minutes are circulated'),
  commentsDueInPast: () => new InvalidFieldException('commentsDueAt', 'must be in the future'),
  meetingInProgress: (current: unknown) =>
    wrongStatus('meeting_in_progress', 'the minutes cannot be circulated while their meeting is still in progress', current),
  /** Fields that belong to the confirmation, sent with another step. */
  onlyOnConfirmation: (fields: string[]) =>
    new InvalidInputException(fields.map((field) => issue(field, 'invalid_value', 'is only given when the minutes are confirmed'))),
  confirmation: (issues: ApiIssue[]) => new InvalidInputException(issues),
};
