import {
  loginResponseSchema,
  mfaCodeRequestSchema,
  mfaStatusSchema,
  mfaVerifyRequestSchema,
  recoveryCodesSchema,
  totpEnrolmentSchema,
} from '@sidang/shared';
import { describePaths } from '../../common/openapi.js';

const needsSecondFactor = { 403: 'This session has not passed a second factor (code `mfa_required`): step up first' };

describePaths('Auth', {
  '/api/auth/mfa/verify': {
    post: {
      summary:
        'Complete a sign-in that answered `mfaRequired` with an authenticator code or a recovery code (each recovery code works once)',
      public: true,
      body: mfaVerifyRequestSchema,
      response: loginResponseSchema,
      extraErrors: { 401: 'Wrong code (`wrong_code`), or the mfaToken expired or had 5 wrong codes (`unauthorized`)' },
    },
  },
  '/api/auth/mfa': {
    get: {
      summary: "The caller's second factors (never a secret) and how MFA_REQUIRED_FOR treats this session",
      response: mfaStatusSchema,
    },
  },
  '/api/auth/mfa/totp': {
    post: {
      summary: 'Start enrolling an authenticator app: its secret and otpauth URI, shown this once (confirm with a first code)',
      response: totpEnrolmentSchema,
      extraErrors: { 409: 'An authenticator app is already set up (remove it first)' },
    },
    delete: {
      summary: 'Remove the authenticator app',
      status: 204,
      extraErrors: { ...needsSecondFactor, 404: 'No authenticator app is set up' },
    },
  },
  '/api/auth/mfa/totp/confirm': {
    post: {
      summary:
        'Confirm the authenticator with a first code: answers ten single-use recovery codes, and this session counts as having passed it',
      body: mfaCodeRequestSchema,
      response: recoveryCodesSchema,
      extraErrors: { 403: 'Wrong code (`wrong_code`)', 409: 'No authenticator is waiting to be confirmed' },
    },
  },
  '/api/auth/mfa/recovery-codes': {
    post: {
      summary: 'Ten new recovery codes, shown this once; the old ones stop working',
      response: recoveryCodesSchema,
      extraErrors: needsSecondFactor,
    },
  },
  '/api/auth/mfa/step-up': {
    post: {
      summary:
        'Give this session a second factor (an authenticator or recovery code): it is then served at the full clearance; answers a new access token',
      body: mfaCodeRequestSchema,
      response: loginResponseSchema,
      extraErrors: { 403: 'Wrong code (`wrong_code`)' },
    },
  },
});
