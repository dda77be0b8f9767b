import { searchQuerySchema, searchResponseSchema } from '@sidang/shared';
import { describeRoute } from '../common/openapi.js';

describeRoute({
  method: 'get',
  path: '/api/search',
  summary:
    'Records the caller may see, in their committees, matching English or Malay words; titles and snippets only from fields they may see',
  tag: 'Search',
  query: searchQuerySchema,
  response: searchResponseSchema,
  extraErrors: {
    404: '`committeeId` names a committee the caller is not a member of',
    429: 'Too many searches by this user (SEARCH_REQUESTS_PER_WINDOW); wait `retryAfter` seconds (also in Retry-After)',
  },
});
