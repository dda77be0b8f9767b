import { HttpStatus } from '@nestjs/common';
import {
  AboveClearanceException,
  InvalidFieldException,
  InvalidTransitionException,
  NothingToChangeException,
  NumberTakenException,
} from '../../common/errors.js';

/** The meeting slice's wording of the shared refusals (common/errors.ts). */
export const meetingErrors = {
  transition: (from: string, to: string) => new InvalidTransitionException('status', `a ${from} meeting cannot become ${to}`),
  notInProgress: () => new InvalidFieldException('status', 'the meeting must be in progress to set its current item', 'invalid_state'),
  notAnItem: (field: string) => new InvalidFieldException(field, 'must be an agenda item of this meeting'),
  tooDeep: () =>
    new InvalidFieldException('parentId', 'must be a top-level item of this meeting (agendas have two levels)', 'nested_group'),
  hasChildren: () => new InvalidFieldException('parentId', 'an item with sub-items stays at the top level', 'nested_group'),
  deleteChildrenFirst: () => new InvalidFieldException('id', 'remove or move its sub-items first', 'has_children'),
  aboveClearance: (clearance: string) => new AboveClearanceException(clearance),
  endsBeforeStart: () => new InvalidFieldException('endsAt', 'must not be before startsAt'),
  nothingToChange: () => new NothingToChangeException(),
  notScheduled: () =>
    new InvalidFieldException('status', 'the meeting is a draft: members are invited when it is scheduled', 'invalid_state'),
  numberTaken: (number: string) => new NumberTakenException(number),
  draftHasNoNumber: () => new InvalidFieldException('number', 'a draft is numbered when it is scheduled', 'invalid_state'),
  notStarted: (status: string) =>
    new InvalidFieldException('status', `the meeting is ${status}: decisions are recorded once it has started`, 'invalid_state', {
      status: HttpStatus.CONFLICT,
      code: 'meeting_not_started',
    }),
  notAUser: () => new InvalidFieldException('userId', 'no such user'),
  decisionWithdrawn: (current: unknown) =>
    new InvalidFieldException('status', 'a withdrawn decision cannot be corrected', 'invalid_state', {
      status: HttpStatus.CONFLICT,
      code: 'conflict',
      current,
    }),
  alreadyWithdrawn: (current: unknown) =>
    new InvalidTransitionException('status', 'the decision is already withdrawn', { status: HttpStatus.CONFLICT, current }),
  guestStatus: () => new InvalidFieldException('status', 'someone who is not a member can only be in attendance (by invitation) or absent'),
};
