import { loginRequestSchema, loginResponseSchema, updateMeSchema, userSchema } from '@sidang/shared';
import { describeRoute } from '../common/openapi.js';

describeRoute({
  method: 'post',
  path: '/api/auth/login',
  summary: 'Sign in with e-mail and password',
  tag: 'Auth',
  public: true,
  body: loginRequestSchema,
  response: loginResponseSchema,
});
describeRoute({ method: 'get', path: '/api/auth/me', summary: 'The signed-in user', tag: 'Auth', response: userSchema });
describeRoute({
  method: 'patch',
  path: '/api/auth/me',
  summary: 'Change the UI language',
  tag: 'Auth',
  body: updateMeSchema,
  response: userSchema,
});
