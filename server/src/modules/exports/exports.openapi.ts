import {
  exportActionItemsQuerySchema,
  exportBilateralMeetingsQuerySchema,
  exportNegotiationsQuerySchema,
  exportRndProjectsQuerySchema,
} from '@sidang/shared';
import type { z } from 'zod';
import { committeeParams, describeRoute } from '../../common/openapi.js';

const tag = 'Exports';

const exportsOf: Array<[string, string, z.ZodObject]> = [
  ['action-items', 'Action items', exportActionItemsQuerySchema],
  ['bilateral-meetings', 'Bilateral meetings', exportBilateralMeetingsQuerySchema],
  ['negotiations', 'Negotiations', exportNegotiationsQuerySchema],
  ['rnd-projects', 'R&D projects', exportRndProjectsQuerySchema],
];

for (const [plural, title, query] of exportsOf) {
  describeRoute({
    method: 'get',
    path: `/api/committees/:committeeId/${plural}/export`,
    summary: `${title} as CSV or XLSX, filtered like the list and as the caller may see them; marked with the highest level in the file, a classification per row, withheld fields empty and named`,
    tag,
    params: committeeParams,
    query,
  });
}
