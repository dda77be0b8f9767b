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
import { committeeParams, describeRoute, idParams } from '../../common/openapi.js';

const tag = 'Administration';
const adminOnly = { 403: 'Administrators only' };
const managers = { 403: "Administrators, and the committee's chair, only" };
/** Nobody changes their own access: another administrator must. */
const adminOnlyNotSelf = {
  403: 'Administrators only; code `self_change` when an administrator changes their own `clearance`, `isAdmin` or `active`',
};
const managersNotSelf = {
  403: "Administrators, and the committee's chair, only; code `self_change` for the caller's own membership",
};
const stale = { 409: 'Stale version; the stored record is under `current`' };
const taken = { 409: 'The value is already in use; the message names the field' };
const memberParams = z.object({ committeeId: z.uuid(), userId: z.uuid() });

describeRoute({
  method: 'get',
  path: '/api/admin/users',
  summary: 'Every account',
  tag,
  response: z.array(adminUserSchema),
  extraErrors: adminOnly,
});
describeRoute({
  method: 'post',
  path: '/api/admin/users',
  summary: 'Create an account',
  tag,
  body: createUserSchema,
  response: adminUserSchema,
  status: 201,
  extraErrors: { ...adminOnly, ...taken },
});
describeRoute({
  method: 'patch',
  path: '/api/admin/users/:id',
  summary: 'Change an account (optimistic version); each of its committees records member.updated',
  tag,
  params: idParams,
  body: updateUserSchema,
  response: adminUserSchema,
  extraErrors: { ...adminOnlyNotSelf, ...stale },
});
describeRoute({
  method: 'post',
  path: '/api/admin/users/:id/password',
  summary: 'Set a new password for an account; ends its sessions and its calendar-feed URL',
  tag,
  params: idParams,
  body: resetPasswordSchema,
  response: adminUserSchema,
  extraErrors: adminOnly,
});
describeRoute({
  method: 'get',
  path: '/api/admin/committees',
  summary: 'Every committee and working group, with member counts',
  tag,
  response: z.array(adminCommitteeSchema),
  extraErrors: adminOnly,
});
describeRoute({
  method: 'post',
  path: '/api/admin/committees',
  summary: 'Create a committee, or a working group under one',
  tag,
  body: createCommitteeSchema,
  response: adminCommitteeSchema,
  status: 201,
  extraErrors: { ...adminOnly, ...taken },
});
describeRoute({
  method: 'patch',
  path: '/api/admin/committees/:id',
  summary: 'Rename a committee',
  tag,
  params: idParams,
  body: updateCommitteeSchema,
  response: adminCommitteeSchema,
  extraErrors: adminOnly,
});
describeRoute({
  method: 'get',
  path: '/api/admin/committees/:id/members',
  summary: 'Members of any committee, with clearances',
  tag,
  params: idParams,
  response: z.array(memberSchema),
  extraErrors: adminOnly,
});
describeRoute({
  method: 'put',
  path: '/api/committees/:committeeId/members/:userId',
  summary: 'Add a member or change their role (201 when added); event member.created or member.updated',
  tag,
  params: memberParams,
  body: putMemberSchema,
  response: memberSchema,
  extraErrors: managersNotSelf,
});
describeRoute({
  method: 'delete',
  path: '/api/committees/:committeeId/members/:userId',
  summary: 'Remove a member; event member.deleted',
  tag,
  params: memberParams,
  status: 204,
  extraErrors: managersNotSelf,
});
describeRoute({
  method: 'get',
  path: '/api/committees/:committeeId/member-candidates',
  summary: 'Active accounts that are not members yet',
  tag,
  params: committeeParams,
  response: z.array(memberCandidateSchema),
  extraErrors: managers,
});
