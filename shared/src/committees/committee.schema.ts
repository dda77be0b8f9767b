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

export const memberSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  agency: z.string(),
  role: roleSchema,
  clearance: classificationSchema,
});
export type Member = z.infer<typeof memberSchema>;
