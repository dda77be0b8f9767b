import { HttpException, HttpStatus } from '@nestjs/common';
import { type ApiIssue, type ErrorCode, type IssueCode, MISTAKE_CODES } from '@sidang/shared';
import { issue } from './zod-validation.pipe.js';

export { InvalidInputException, issue } from './zod-validation.pipe.js';

/** Standard reason phrases, kept in the body for older clients (`error`). */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
};

/** What a refusal may carry besides its code and message. */
export interface ApiExceptionExtras {
  issues?: ApiIssue[];
  /** On 409: the record as it is stored now. */
  current?: unknown;
}

/**
 * The one base of every refusal the API sends: `{statusCode, code, message, issues?}` (the shared
 * `apiErrorSchema`). Slices throw the classes below, never a body of their own, so one mistake
 * has one `code` on every record type.
 */
export class ApiException extends HttpException {
  constructor(status: number, code: ErrorCode, message: string, extras: ApiExceptionExtras = {}) {
    const body: Record<string, unknown> = { statusCode: status, code, message };
    if (REASONS[status]) body.error = REASONS[status];
    if (extras.issues) body.issues = extras.issues;
    if ('current' in extras) body.current = extras.current;
    super(body, status);
  }
}

/**
 * 400 naming one field with a stable issue code. The top-level code is `invalid_input` unless
 * the mistake has a code of its own (`above_clearance`, `nothing_to_change`, …).
 */
export class InvalidFieldException extends ApiException {
  constructor(
    field: string,
    problem: string,
    issueCode: IssueCode = 'invalid_value',
    options: { params?: ApiIssue['params']; code?: ErrorCode; status?: number; current?: unknown } = {},
  ) {
    const code = options.code ?? (MISTAKE_CODES.has(issueCode) ? (issueCode as ErrorCode) : 'invalid_input');
    const issues = [issue(field, issueCode, problem, options.params)];
    super(
      options.status ?? HttpStatus.BAD_REQUEST,
      code,
      `${field}: ${problem}`,
      'current' in options ? { issues, current: options.current } : { issues },
    );
  }
}

/** 404 for a record that does not exist or that the caller may not see: the two look alike. */
export class NotFoundError extends ApiException {
  constructor(what: string) {
    super(HttpStatus.NOT_FOUND, 'not_found', `${what} not found`);
  }
}

/** 403 for an action the caller's role does not allow (on a record they may see). */
export class ForbiddenError extends ApiException {
  constructor(message: string) {
    super(HttpStatus.FORBIDDEN, 'forbidden', message);
  }
}

/** An edit that names no field besides `version`. */
export class NothingToChangeException extends InvalidFieldException {
  constructor() {
    super('body', 'names no field to change besides version', 'nothing_to_change', { code: 'nothing_to_change' });
  }
}

/** Classifying a record (or a field) above one's own clearance would hide it from its author. */
export class AboveClearanceException extends InvalidFieldException {
  constructor(clearance: string, field = 'classification') {
    super(field, `must not be above your clearance (${clearance})`, 'above_clearance', {
      params: { level: clearance },
      code: 'above_clearance',
    });
  }
}

/** People named on a record who are not members of its committee. */
export class NotMembersException extends ApiException {
  constructor(ids: string[], field = 'ownerIds') {
    super(HttpStatus.BAD_REQUEST, 'not_members', `${field}: not members of this committee: ${ids.join(', ')}`, {
      issues: [issue(field, 'not_members', 'must be members of this committee')],
    });
  }
}

/** A unique value (e-mail, committee code) already taken. */
export class AlreadyInUseException extends InvalidFieldException {
  constructor(field: string) {
    super(field, 'already in use', 'already_in_use', { code: 'already_in_use', status: HttpStatus.CONFLICT });
  }
}

/**
 * Nobody changes their own access: an administrator's own clearance, administrator role,
 * active state or memberships, and a chair's own membership, are changed by someone else.
 * Otherwise one stolen administrator session could raise itself to SECRET in every committee
 * without a second person seeing it happen, and an administrator could lock everyone out.
 */
export class SelfChangeException extends InvalidFieldException {
  constructor(field: 'clearance' | 'isAdmin' | 'active' | 'membership') {
    super(field, 'you may not change this on your own account; another administrator must do it', 'self_change', {
      code: 'self_change',
      status: HttpStatus.FORBIDDEN,
    });
  }
}

/** A status change the record's workflow does not allow from where it stands. */
export class InvalidTransitionException extends InvalidFieldException {
  constructor(field: string, problem: string, options: { status?: number; current?: unknown } = {}) {
    super(field, problem, 'invalid_transition', { ...options, code: 'invalid_transition' });
  }
}

/** 409 for a write based on an old version; `current` lets the client show what changed. */
export class StaleVersionException extends ApiException {
  constructor(current: unknown, sent: number, stored: number) {
    super(HttpStatus.CONFLICT, 'stale_version', `version: ${sent} is stale; the record is at version ${stored}`, { current });
  }
}

/**
 * 400 for a record derived from another (an action raised from an agenda item, a decision, a
 * paper) asked below its origin chain's level without a declassification reason.
 */
export class BelowOriginException extends InvalidFieldException {
  constructor(origin: string, problem = `must not be below its origin (${origin}) without declassificationReason`) {
    super('classification', problem, 'below_origin', { params: { level: origin }, code: 'below_origin' });
  }
}

/** 409 for a change to a meeting's attendance (marks, guests, answers) once its minutes are published. */
export class AttendanceFrozenException extends ApiException {
  constructor() {
    super(HttpStatus.CONFLICT, 'attendance_frozen', "The meeting's minutes are published: its attendance can no longer change");
  }
}

/** 409 naming `number` for a meeting number another meeting of the committee holds that year. */
export class NumberTakenException extends InvalidFieldException {
  constructor(number: string) {
    super('number', `${number} is already another meeting's number`, 'already_in_use', {
      code: 'number_taken',
      status: HttpStatus.CONFLICT,
    });
  }
}

/**
 * A socket.io handshake refusal (`connect_error` on the client): `message` for people,
 * `data.code` (and `data.statusCode`) for code, in the same vocabulary as the HTTP errors.
 */
export function socketRefusal(
  code: ErrorCode,
  statusCode: number,
  message: string,
): Error & { data: { code: ErrorCode; statusCode: number } } {
  return Object.assign(new Error(message), { data: { code, statusCode } });
}
