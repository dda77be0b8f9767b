import {
  loginRequestSchema,
  loginResponseSchema,
  mfaChallengeSchema,
  refreshRequestSchema,
  sessionInfoSchema,
  updateMeSchema,
  userSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { describeTag, idParams } from '../common/openapi.js';

const describe = describeTag('Auth');

describe({
  method: 'post',
  path: '/api/auth/login',
  summary:
    'Sign in with e-mail and password; sets an HttpOnly device cookie that exempts this device from the per-account limit. An account with a second factor gets `{mfaRequired, mfaToken, methods}` instead of a token: complete it at POST /api/auth/mfa/verify',
  public: true,
  body: loginRequestSchema,
  response: z.union([loginResponseSchema, mfaChallengeSchema]),
  extraErrors: {
    401: 'Wrong e-mail or password',
    429: 'Too many sign-in attempts; wait `retryAfter` seconds (also in Retry-After)',
    503: 'Too many sign-ins being checked at once; retry after Retry-After seconds',
  },
});
describe({
  method: 'post',
  path: '/api/auth/refresh',
  summary: 'Trade a refresh token for a new access token and a new refresh token (each refresh token works once)',
  public: true,
  body: refreshRequestSchema,
  response: loginResponseSchema,
  extraErrors: { 401: 'The session has ended (signed out, expired, or the refresh token was already used)' },
});
describe({
  method: 'post',
  path: '/api/auth/logout',
  summary: "Revoke the caller's session on every instance; its tokens get 401 from then on",
  status: 204,
});
describe({
  method: 'post',
  path: '/api/auth/logout-all',
  summary: "Revoke every session of the caller's user, on every device and instance",
  status: 204,
});
describe({
  method: 'get',
  path: '/api/auth/sessions',
  summary: "The caller's live sessions, one per signed-in device (user agent, address, created, last seen), this one first",
  response: z.array(sessionInfoSchema),
});
describe({
  method: 'delete',
  path: '/api/auth/sessions/:id',
  summary: "Sign one of the caller's devices out: its tokens get 401 and its sockets close, on every instance",
  params: idParams,
  status: 204,
});
describe({ method: 'get', path: '/api/auth/me', summary: 'The signed-in user', response: userSchema });
describe({
  method: 'patch',
  path: '/api/auth/me',
  summary: 'Change the UI language',
  body: updateMeSchema,
  response: userSchema,
});
