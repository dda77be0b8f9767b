import { z } from 'zod';
import { text } from '../common/text.js';
import { CLASSIFICATIONS, ROLES } from './classification.constants.js';

export * from './classification.constants.js';

export const classificationSchema = z
  .enum(CLASSIFICATIONS)
  .describe('Security classification: OPEN (Terbuka), RESTRICTED (Terhad), CONFIDENTIAL (Sulit), SECRET (Rahsia)');

export const roleSchema = z.enum(ROLES).describe('Role of a user in one committee');

/**
 * Why a record derived from another (an action raised from an agenda item, a decision, a paper)
 * is classified below its origin chain. Chair or secretariat only; kept in the audit trail.
 */
export const declassificationReasonSchema = text()
  .trim()
  .min(1, 'declassificationReason must not be empty')
  .max(500)
  .describe(
    'Required when `classification` is below the highest level of the origin (meeting, agenda item, minutes section); chair or secretariat only; recorded in the audit trail. Without it such a request gets 400 `below_origin`',
  );
