import { z } from 'zod';
import { SEARCHABLE_TYPES, type SearchableType } from '../records/record-types.js';

export const searchableTypeSchema = z.enum(SEARCHABLE_TYPES);

export const SEARCH_QUERY_MIN = 2;
export const SEARCH_QUERY_MAX = 200;
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 50;

export const searchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(SEARCH_QUERY_MIN, `q: at least ${SEARCH_QUERY_MIN} characters`)
    .max(SEARCH_QUERY_MAX)
    .describe('Words to look for, English or Malay; the last one may be a prefix (as you type)'),
  committeeId: z.uuid().optional().describe('Only this committee (default: every committee of the caller)'),
  types: z
    .string()
    .max(500)
    .optional()
    .describe(`Comma-separated record types: ${SEARCHABLE_TYPES.join(', ')}`)
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const types = [...new Set(value.split(',').map((type) => type.trim()))].filter((type) => type !== '');
      const unknown = types.filter((type) => !(SEARCHABLE_TYPES as readonly string[]).includes(type));
      if (types.length === 0 || unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `must list record types among ${SEARCHABLE_TYPES.join(', ')}` });
        return z.NEVER;
      }
      return types as SearchableType[];
    }),
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  type: searchableTypeSchema,
  id: z.uuid(),
  committeeId: z.uuid(),
  title: z.string().describe('From the fields the caller may see'),
  snippet: z.string().describe('The passage that matched, built only from fields the caller may see'),
  ancestorIds: z
    .array(z.uuid())
    .describe('The records that govern this one, nearest first (an agenda item → its meeting): where the result opens'),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.object({ items: z.array(searchResultSchema) });
export type SearchResponse = z.infer<typeof searchResponseSchema>;
