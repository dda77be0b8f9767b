import {
  loginResponseSchema,
  passkeyOptionsSchema,
  passkeyRegisterRequestSchema,
  passkeySchema,
  passkeySignInOptionsRequestSchema,
  passkeySignInRequestSchema,
} from '@sidang/shared';
import { describeTag, idParams } from '../../common/openapi.js';

const describe = describeTag('Auth');

describe({
  method: 'post',
  path: '/api/auth/passkeys/options',
  summary: 'Options for the browser to create a passkey (WebAuthn registration), with a five-minute challengeToken',
  response: passkeyOptionsSchema,
});
describe({
  method: 'post',
  path: '/api/auth/passkeys',
  summary: 'Keep the passkey the browser created (RegistrationResponseJSON); this session then counts as having passed a second factor',
  body: passkeyRegisterRequestSchema,
  response: passkeySchema,
  status: 201,
  extraErrors: { 403: 'The passkey or its challengeToken could not be verified (`wrong_code`)' },
});
describe({
  method: 'delete',
  path: '/api/auth/passkeys/:id',
  summary: 'Remove a passkey',
  params: idParams,
  status: 204,
  extraErrors: { 403: 'This session has not passed a second factor (`mfa_required`)' },
});
describe({
  method: 'post',
  path: '/api/auth/mfa/passkey/options',
  summary: 'Options for completing a sign-in that answered `mfaRequired` with a passkey (WebAuthn authentication)',
  public: true,
  body: passkeySignInOptionsRequestSchema,
  response: passkeyOptionsSchema,
  extraErrors: { 401: 'The mfaToken expired or had 5 wrong answers', 404: 'The account has no passkey' },
});
describe({
  method: 'post',
  path: '/api/auth/mfa/passkey',
  summary: "Complete a sign-in with the passkey's answer (AuthenticationResponseJSON): the session starts",
  public: true,
  body: passkeySignInRequestSchema,
  response: loginResponseSchema,
  extraErrors: { 401: 'The passkey could not be verified (`wrong_code`), or the mfaToken expired (`unauthorized`)' },
});
