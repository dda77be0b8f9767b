// Zod-free: what a screen needs without the wire schemas (re-exported by errors.schema.ts).

/**
 * Stable machine codes of one invalid field. Clients translate by these, never by the English
 * message, which may change.
 */
export const ISSUE_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_many',
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'nul_byte',
  'unknown_field',
  'above_clearance',
  'not_members',
  'nothing_to_change',
  'already_in_use',
  'self_change',
  'nested_group',
  /** A derived record asked for a level below its origin's without a declassification reason. */
  'below_origin',
  /** A status change the record's workflow does not allow from where it stands. */
  'invalid_transition',
  /** An action the record's current state does not allow (e.g. a current item of a meeting not in progress). */
  'invalid_state',
  /** A record that still has children (sub-items) cannot be removed. */
  'has_children',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Stable machine codes of a whole error (top-level `code`). */
export const ERROR_CODES = [
  'invalid_input',
  'invalid_json',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'stale_version',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  /** Socket handshake refused: the user holds SOCKETS_PER_USER_MAX live sockets on that instance already. */
  'too_many_sockets',
  'busy',
  'above_clearance',
  'not_members',
  'nothing_to_change',
  'already_in_use',
  'self_change',
  'below_origin',
  /** A query parameter the endpoint does not know (named in `issues`, code `unknown_field`). */
  'unknown_query_key',
  /** A status change the record's workflow does not allow (400, or 409 with `current` for minutes). */
  'invalid_transition',
  /** Minutes in a status that takes no comments (409 with `current`). */
  'not_commentable',
  /** Minutes in a status that cannot be edited (409 with `current`). */
  'not_editable',
  /** A meeting whose minutes are published: its attendance, guests and answers no longer change (409). */
  'attendance_frozen',
  /** A meeting number already held by another meeting of the committee in that year (409, naming `number`). */
  'number_taken',
  /** The caller declared an interest and stepped out of the item (403): no ballot, no answer. */
  'recused',
  /** Only voting members present at the meeting cast a ballot (403). */
  'not_voting',
  /** A vote or resolution that is closed takes no ballot or answer (409 with `current`). */
  'vote_closed',
  /** A vote is opened only while its meeting is in progress (409). */
  'meeting_not_in_progress',
  /** A decision is recorded once its meeting has started (in progress, adjourned or closed) (409, naming `status`). */
  'meeting_not_started',
  /** A secret ballot is cast once: it cannot be matched to its voter to be replaced (409). */
  'already_voted',
  /** Minutes whose meeting is still in progress cannot be circulated (409 with `current`). */
  'meeting_in_progress',
  /** An administrator's session has not passed a second factor (403; MFA_REQUIRED_FOR is set). */
  'mfa_required',
  /** A second-factor code (authenticator or recovery code) or passkey that does not match (401). */
  'wrong_code',
  /** Single sign-on refused the person: e-mail not verified, or no active account has it (403). */
  'sso_refused',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The code a status stands for when the answer names none (a proxy's page, a framework's own refusal). */
export function errorCodeOfStatus(status: number): ErrorCode {
  const codes: Partial<Record<number, ErrorCode>> = {
    400: 'invalid_input',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'rate_limited',
    503: 'busy',
  };
  return codes[status] ?? (status >= 500 ? 'internal' : 'invalid_input');
}

/**
 * Issue codes that are a whole mistake of their own (`nothing_to_change`, `above_clearance`, …):
 * a refusal with one of them repeats it as its top-level code, on every record type.
 */
export const MISTAKE_CODES: ReadonlySet<string> = new Set<string>(
  ISSUE_CODES.filter((code) => (ERROR_CODES as readonly string[]).includes(code)),
);
