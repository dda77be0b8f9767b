import { describe, expect, it } from '@jest/globals';
import { apiErrorSchema } from '@sidang/shared';
import {
  AboveClearanceException,
  AlreadyInUseException,
  ApiException,
  BelowOriginException,
  ForbiddenError,
  InvalidFieldException,
  InvalidTransitionException,
  NotFoundError,
  NothingToChangeException,
  NotMembersException,
  SelfChangeException,
  StaleVersionException,
} from './errors.js';

describe(ApiException.name, () => {
  it.each([
    [new NotFoundError('Meeting'), 404, 'not_found', undefined],
    [new ForbiddenError('Chair only'), 403, 'forbidden', undefined],
    [new InvalidFieldException('endsAt', 'must not be before startsAt'), 400, 'invalid_input', 'invalid_value'],
    [new NothingToChangeException(), 400, 'nothing_to_change', 'nothing_to_change'],
    [new AboveClearanceException('RESTRICTED'), 400, 'above_clearance', 'above_clearance'],
    [new NotMembersException(['x']), 400, 'not_members', 'not_members'],
    [new AlreadyInUseException('email'), 409, 'already_in_use', 'already_in_use'],
    [new SelfChangeException('clearance'), 403, 'self_change', 'self_change'],
    [new InvalidTransitionException('status', 'a closed meeting cannot become draft'), 400, 'invalid_transition', 'invalid_transition'],
    [new BelowOriginException('SECRET'), 400, 'below_origin', 'below_origin'],
    [new StaleVersionException({ id: 'x' }, 1, 2), 409, 'stale_version', undefined],
  ] as const)('should send the shared error shape: %#', (error, status, code, issueCode) => {
    const body = apiErrorSchema.parse(error.getResponse());
    expect(error.getStatus()).toBe(status);
    expect(body).toMatchObject({ statusCode: status, code });
    if (issueCode) expect(body.issues).toEqual([expect.objectContaining({ code: issueCode, field: expect.any(String) })]);
    else expect(body.issues).toBeUndefined();
  });

  it('should name the same mistake with the same top-level code whichever field it is on', () => {
    const onField = new InvalidFieldException('classification', 'must not be above your clearance (OPEN)', 'above_clearance');
    expect(onField.getResponse()).toMatchObject({ code: 'above_clearance' });
  });

  it('should carry the stored record on a stale version', () => {
    expect(new StaleVersionException({ id: 'x', version: 2 }, 1, 2).getResponse()).toMatchObject({ current: { id: 'x', version: 2 } });
  });
});
