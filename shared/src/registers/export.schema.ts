import { z } from 'zod';
import { listActionItemsQuerySchema } from '../action-items/action-item.schema.js';
import { listBilateralMeetingsQuerySchema } from './bilateral.schema.js';
import { exportFields } from './common.js';
import { listNegotiationsQuerySchema } from './negotiation.schema.js';
import { listRndProjectsQuerySchema } from './rnd.schema.js';

/** `…/export?format=csv|xlsx` takes the list's own filters (every page is exported). */
const noPaging = { limit: true, cursor: true } as const;

export const exportActionItemsQuerySchema = listActionItemsQuerySchema.extend(exportFields);
export const exportBilateralMeetingsQuerySchema = listBilateralMeetingsQuerySchema.omit(noPaging).extend(exportFields);
export const exportNegotiationsQuerySchema = listNegotiationsQuerySchema.omit(noPaging).extend(exportFields);
export const exportRndProjectsQuerySchema = listRndProjectsQuerySchema.omit(noPaging).extend(exportFields);

/** Exported types, for `…/export` URLs. */
export type ExportQuery<T extends z.ZodType> = z.input<T>;
