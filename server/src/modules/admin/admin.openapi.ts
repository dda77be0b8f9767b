import {
  adminCommitteeSchema,
  adminUserSchema,
  createCommitteeSchema,
  createUserSchema,
  memberCandidateSchema,
  memberSchema,
  putMemberSchema,
  resetPasswordSchema,
  updateCommitteeSchema,
  updateUserSchema,
} from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, describeTag, idParams, STALE } from '../../common/openapi.js';

const describe = describeTag('Administration');
const adminOnly = {
  403: 'Administrators only (code `mfa_required` for an administrator whose session has not passed a second factor the MFA policy asks)',
};
const managers = { 403: "Administrators, and the committee's chair, only" };
/** Nobody changes their own access: another administrator must. */
const adminOnlyNotSelf = {
  403: 'Administrators only (`mfa_required` without a second factor under MFA_REQUIRED_FOR); code `self_change` when an administrator changes their own `clearance`, `isAdmin` or `active`',
};
const managersNotSelf = {
  403: "Administrators, and the committee's chair, only; code `self_change` for the caller's own membership",
};
const taken = { 409: 'The value is already in use; the message names the field' };
const memberParams = z.object({ committeeId: z.uuid(), userId: z.uuid() });

describe({
  method: 'get',
  path: '/api/admin/users',
  summary: 'Every account',
  response: z.array(adminUserSchema),
  extraErrors: adminOnly,
});
describe({
  method: 'post',
  path: '/api/admin/users',
  summary: 'Create an account',
  body: createUserSchema,
  response: adminUserSchema,
  status: 201,
  extraErrors: { ...adminOnly, ...taken },
});
describe({
  method: 'patch',
  path: '/api/admin/users/:id',
  summary: 'Change an account (optimistic version); each of its committees records member.updated',
  params: idParams,
  body: updateUserSchema,
  response: adminUserSchema,
  extraErrors: { ...adminOnlyNotSelf, ...STALE },
});
describe({
  method: 'post',
  path: '/api/admin/users/:id/password',
  summary: 'Set a new password for an account; ends its sessions and its calendar-feed URL',
  params: idParams,
  body: resetPasswordSchema,
  response: adminUserSchema,
  extraErrors: adminOnly,
});
describe({
  method: 'get',
  path: '/api/admin/committees',
  summary: 'Every committee and working group, with member counts',
  response: z.array(adminCommitteeSchema),
  extraErrors: adminOnly,
});
describe({
  method: 'post',
  path: '/api/admin/committees',
  summary: 'Create a committee, or a working group under one',
  body: createCommitteeSchema,
  response: adminCommitteeSchema,
  status: 201,
  extraErrors: { ...adminOnly, ...taken },
});
describe({
  method: 'patch',
  path: '/api/admin/committees/:id',
  summary: 'Rename a committee',
  params: idParams,
  body: updateCommitteeSchema,
  response: adminCommitteeSchema,
  extraErrors: adminOnly,
});
describe({
  method: 'get',
  path: '/api/admin/committees/:id/members',
  summary: 'Members of any committee, with clearances',
  params: idParams,
  response: z.array(memberSchema),
  extraErrors: adminOnly,
});
describe({
  method: 'put',
  path: '/api/committees/:committeeId/members/:userId',
  summary: 'Add a member or change their role (201 when added); event member.created or member.updated',
  params: memberParams,
  body: putMemberSchema,
  response: memberSchema,
  extraErrors: managersNotSelf,
});
describe({
  method: 'delete',
  path: '/api/committees/:committeeId/members/:userId',
  summary: 'Remove a member; event member.deleted',
  params: memberParams,
  status: 204,
  extraErrors: managersNotSelf,
});
describe({
  method: 'get',
  path: '/api/committees/:committeeId/member-candidates',
  summary: 'Active accounts that are not members yet',
  params: committeeParams,
  response: z.array(memberCandidateSchema),
  extraErrors: managers,
});
