import { z } from 'zod';
import { CLASSIFICATIONS, ROLES } from './classification.constants.js';

export * from './classification.constants.js';

export const classificationSchema = z
  .enum(CLASSIFICATIONS)
  .describe('Security classification: OPEN (Terbuka), RESTRICTED (Terhad), CONFIDENTIAL (Sulit), SECRET (Rahsia)');

export const roleSchema = z.enum(ROLES).describe('Role of a user in one committee');
