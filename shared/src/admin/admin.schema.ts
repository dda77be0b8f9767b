import { z } from 'zod';
import { classificationSchema, roleSchema } from '../access/classification.js';

/** A user account as administrators see and manage it. */
export const adminUserSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  name: z.string(),
  agency: z.string(),
  clearance: classificationSchema,
  isAdmin: z.boolean(),
  active: z.boolean(),
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

const agency = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .transform((value) => value.toUpperCase());
const name = z.string().trim().min(1).max(200);
const password = z.string().min(12, 'must be at least 12 characters').max(1024);

export const createUserSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()),
  name,
  agency,
  clearance: classificationSchema,
  isAdmin: z.boolean().default(false),
  password,
});
export type CreateUser = z.input<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  version: z.number().int().min(1).describe('The version the edit is based on; a stale one is refused with 409'),
  name: name.optional(),
  agency: agency.optional(),
  clearance: classificationSchema.optional(),
  active: z.boolean().optional().describe('False deactivates the account: its sessions and sockets end at once'),
  isAdmin: z.boolean().optional(),
});
export type UpdateUser = z.input<typeof updateUserSchema>;

export const resetPasswordSchema = z.strictObject({ password });

export const createCommitteeSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[A-Za-z0-9-]+$/, 'code: letters, digits and hyphens only'),
  name: z.string().trim().min(1).max(300),
  nameMs: z.string().trim().min(1).max(300),
  parentId: z.uuid().nullable().default(null).describe('The parent committee, for a working group'),
});
export type CreateCommittee = z.input<typeof createCommitteeSchema>;

export const updateCommitteeSchema = z.strictObject({
  name: z.string().trim().min(1).max(300).optional(),
  nameMs: z.string().trim().min(1).max(300).optional(),
});

export const putMemberSchema = z.strictObject({ role: roleSchema });
export type PutMember = z.infer<typeof putMemberSchema>;

/** A committee or working group as administrators see it, with its parent and size. */
export const adminCommitteeSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable().describe('The parent committee of a working group; null for a committee'),
  code: z.string(),
  name: z.string(),
  nameMs: z.string(),
  memberCount: z.number().int().min(0),
  createdAt: z.iso.datetime(),
});
export type AdminCommittee = z.infer<typeof adminCommitteeSchema>;
export type UpdateCommittee = z.input<typeof updateCommitteeSchema>;

/** An active account that is not yet a member of the committee: who a chair or administrator may add. */
export const memberCandidateSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  agency: z.string(),
});
export type MemberCandidate = z.infer<typeof memberCandidateSchema>;
