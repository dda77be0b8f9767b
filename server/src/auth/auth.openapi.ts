import { loginRequestSchema, loginResponseSchema, refreshRequestSchema, updateMeSchema, userSchema } from '@sidang/shared';
import { describeRoute } from '../common/openapi.js';

const tag = 'Auth';

describeRoute({
  method: 'post',
  path: '/api/auth/login',
  summary: 'Sign in with e-mail and password; sets an HttpOnly device cookie that exempts this device from the per-account limit',
  tag,
  public: true,
  body: loginRequestSchema,
  response: loginResponseSchema,
  extraErrors: {
    401: 'Wrong e-mail or password',
    429: 'Too many sign-in attempts; wait `retryAfter` seconds (also in Retry-After)',
    503: 'Too many sign-ins being checked at once; retry after Retry-After seconds',
  },
});
describeRoute({
  method: 'post',
  path: '/api/auth/refresh',
  summary: 'Trade a refresh token for a new access token and a new refresh token (each refresh token works once)',
  tag,
  public: true,
  body: refreshRequestSchema,
  response: loginResponseSchema,
  extraErrors: { 401: 'The session has ended (signed out, expired, or the refresh token was already used)' },
});
describeRoute({
  method: 'post',
  path: '/api/auth/logout',
  summary: "Revoke the caller's session on every instance; its tokens get 401 from then on",
  tag,
  status: 204,
});
describeRoute({
  method: 'post',
  path: '/api/auth/logout-all',
  summary: "Revoke every session of the caller's user, on every device and instance",
  tag,
  status: 204,
});
describeRoute({ method: 'get', path: '/api/auth/me', summary: 'The signed-in user', tag, response: userSchema });
describeRoute({
  method: 'patch',
  path: '/api/auth/me',
  summary: 'Change the UI language',
  tag,
  body: updateMeSchema,
  response: userSchema,
});
