import { loginResponseSchema, ssoCompleteRequestSchema, ssoConfigSchema } from '@sidang/shared';
import { describeTag } from '../../common/openapi.js';

const describe = describeTag('Auth');
const notConfigured = { 404: 'Single sign-on is not configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)' };

describe({
  method: 'get',
  path: '/api/auth/oidc',
  summary: 'Whether single sign-on (OpenID Connect) is configured',
  public: true,
  response: ssoConfigSchema,
});
describe({
  method: 'get',
  path: '/api/auth/oidc/start',
  summary: 'Start single sign-on: 302 to the provider (authorization code + PKCE)',
  public: true,
  status: 302,
  responseMediaType: 'text/plain',
  extraErrors: notConfigured,
});
describe({
  method: 'get',
  path: '/api/auth/oidc/callback',
  summary:
    "The provider's answer: 302 to /login?sso=<hand-off> when its verified e-mail names an active account, else /login?sso_error=unverified|unknown|failed",
  public: true,
  status: 302,
  responseMediaType: 'text/plain',
  extraErrors: notConfigured,
});
describe({
  method: 'post',
  path: '/api/auth/oidc/complete',
  summary: 'Trade the one-minute hand-off for a session (counts as a second factor)',
  public: true,
  body: ssoCompleteRequestSchema,
  response: loginResponseSchema,
  extraErrors: { 401: 'The hand-off expired or was already used' },
});
