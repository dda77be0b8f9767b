import { z } from 'zod';
import { classificationSchema } from '../access/classification.js';
import { text } from '../common/text.js';
import { EMAIL_MAX_LENGTH, LOCALES } from './auth.constants.js';

export * from './auth.constants.js';

export const localeSchema = z.enum(LOCALES).describe('UI language: en (English) or ms (Bahasa Malaysia)');

export const loginRequestSchema = z.object({
  email: text()
    .max(EMAIL_MAX_LENGTH)
    .trim()
    .toLowerCase()
    .pipe(z.email())
    .meta({ format: 'email', description: 'Sign-in e-mail address (compared without case)' }),
  password: text().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.email(),
  name: z.string(),
  agency: z.string().describe('Agency code, e.g. MITI, JMG'),
  clearance: classificationSchema,
  locale: localeSchema,
  isAdmin: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({
  accessToken: z.string().describe('Bearer token for every other call; short-lived (see expiresAt)'),
  expiresAt: z.iso.datetime().describe('When accessToken stops working; refresh before then'),
  refreshToken: z
    .string()
    .optional()
    .describe('Trade it at POST /api/auth/refresh for a new accessToken and a new refreshToken; each works once'),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const refreshRequestSchema = z.strictObject({
  refreshToken: text().min(1).max(512).describe('The refreshToken of the last sign-in or refresh'),
});
export type RefreshRequest = z.infer<typeof refreshRequestSchema>;

export const updateMeSchema = z.strictObject({ locale: localeSchema });
export type UpdateMe = z.infer<typeof updateMeSchema>;

export * from './mfa.schema.js';
