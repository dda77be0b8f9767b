import { z } from 'zod';
import { classificationSchema, roleSchema } from '../access/classification.js';

export const committeeSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  code: z.string().describe('Short code, e.g. JTK-REE'),
  name: z.string(),
  nameMs: z.string(),
  role: roleSchema.describe("The caller's role in this committee"),
});
export type Committee = z.infer<typeof committeeSchema>;

/**
 * A user's membership of one committee, as the committee's members see it. `id` is the user's
 * id (a member is one record per committee and user). `clearance` is told only to those who
 * classify records (chair, secretariat, administrators) and to the member themself.
 */
export const memberSchema = z.object({
  id: z.uuid().describe("The member's user id"),
  userId: z.uuid(),
  committeeId: z.uuid(),
  name: z.string(),
  agency: z.string(),
  role: roleSchema,
  active: z.boolean().describe('False once an administrator has deactivated the account'),
  clearance: classificationSchema.optional(),
  version: z.number().int().min(1),
});
export type Member = z.infer<typeof memberSchema>;
