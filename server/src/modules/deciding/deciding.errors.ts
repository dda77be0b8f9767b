import { HttpStatus } from '@nestjs/common';
import { ApiException, InvalidFieldException, issue } from '../../common/errors.js';

/** The deciding slice's refusals (codes from the shared vocabulary, common/errors.ts). */
export const decidingErrors = {
  notInProgress: () =>
    new ApiException(HttpStatus.CONFLICT, 'meeting_not_in_progress', 'status: a vote is opened only while its meeting is in progress'),
  notAnOption: (field: string, options: readonly string[]) => new InvalidFieldException(field, `must be one of: ${options.join(', ')}`),
  closed: (what: string, current: unknown) => new ApiException(HttpStatus.CONFLICT, 'vote_closed', `${what} is closed`, { current }),
  recused: () => new ApiException(HttpStatus.FORBIDDEN, 'recused', 'you declared an interest and stepped out of this item'),
  notVoting: () => new ApiException(HttpStatus.FORBIDDEN, 'not_voting', 'only voting members present at the meeting cast a ballot'),
  alreadyVoted: () => {
    const message = 'receipt: a secret ballot can be changed only from the device that cast it, with its receipt';
    return new ApiException(HttpStatus.CONFLICT, 'already_voted', message, {
      issues: [issue('receipt', 'invalid_value', 'a secret ballot can be changed only from the device that cast it, with its receipt')],
    });
  },
};
