import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  classificationLevel,
  glossaryTerms,
  type QueryTerm,
  type SearchableType,
  type SearchQuery,
  type SearchResponse,
  type SearchResult,
} from '@sidang/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { Actor } from '../access/actor.js';
import { MembershipEntity } from '../access/membership.entity.js';
import { ancestorIdsOf, whereReaderMaySee } from '../changes/visibility.js';
import { reindexIfStale } from './search-index.js';

/** Words of a query: letters and digits, at most this many, each at most this long. */
const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 64;
const TITLE_LENGTH = 200;
/** ts_headline: a passage around the match, plain text (the client marks the words itself). */
const HEADLINE_OPTIONS = 'MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … ", StartSel="", StopSel=""';

/** The words of a query, lower case, without duplicates. */
export function queryWords(q: string): string[] {
  const words =
    q
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.map((word) => word.slice(0, MAX_WORD_LENGTH)))].slice(0, MAX_WORDS);
}

interface Row {
  id: string;
  type: SearchableType;
  committee_id: string;
  parent_id: string | null;
  grandparent_id: string | null;
  title: string | null;
  snippet: string | null;
}

/**
 * Full-text search over the index the change pipeline keeps (docs/search.md). A reader finds a
 * record only in a committee they are in, when they may see it and its governing records
 * (`whereReaderMaySee`), and only through the fields they are cleared for: title and snippet
 * are built from those fields alone.
 */
@Injectable()
export class SearchService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SearchService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const started = Date.now();
    const indexed = await reindexIfStale(this.dataSource.manager);
    if (indexed !== null) this.logger.log(`Search index rebuilt: ${indexed} records in ${Date.now() - started} ms`);
  }

  async search(actor: Actor, query: SearchQuery): Promise<SearchResponse> {
    if (query.committeeId) await this.access.requireCommittee(actor, query.committeeId);
    const words = queryWords(query.q);
    if (words.length === 0) return { items: [] };
    const level = classificationLevel(actor.clearance);
    // A run of words that spells a term of the bilingual glossary matches any of its spellings.
    const terms = glossaryTerms(words);
    const wordParams: Record<string, string> = {};
    const named = (key: string, word: string) => {
      wordParams[key] = word;
      return `:${key}`;
    };
    const termQuery = (term: QueryTerm, param: (key: string, word: string) => string, index: number) =>
      `(${term.spellings
        .map((spelling, s) => `(${spelling.map((word, w) => `sidang_search_word(${param(`w${index}_${s}_${w}`, word)})`).join(' <-> ')})`)
        .join(' || ')})`;
    const all = terms.map((term, index) => termQuery(term, named, index)).join(' && ');
    // A term matches a field by its words (stems, prefix) or, in a title, by its trigrams (typos).
    const termMatches = (index: number, alias: string) =>
      `(${alias}.document @@ ${termQuery(terms[index] as QueryTerm, named, index)} OR (${alias}.is_title AND ${alias}.normalized %> sidang_search_normalize(${named(`t${index}`, (terms[index] as QueryTerm).typed.join(' '))})))`;
    const filters = [
      query.committeeId ? 'AND c.committee_id = :committeeId' : '',
      query.types ? 'AND c.entity_type IN (:...types)' : '',
    ].join(' ');

    const inner = this.dataSource
      .createQueryBuilder()
      .from('search_entries', 'e')
      .innerJoin(MembershipEntity, 'm', 'm.committee_id = e.committee_id AND m.user_id = :actorId', { actorId: actor.id })
      .select('e.entity_id', 'id')
      .addSelect('e.entity_type', 'type')
      .addSelect('e.committee_id', 'committee_id')
      .addSelect('s.parent_id', 'parent_id')
      .addSelect('p.parent_id', 'grandparent_id')
      .addSelect(
        `max(ts_rank(e.document, ${all})) + 0.5 * coalesce(max(word_similarity(sidang_search_normalize(:q), e.normalized)) FILTER (WHERE e.is_title), 0)`,
        'rank',
      )
      // Candidates through the GIN indexes: any word matches. Only the rows the reader may see
      // are grouped below, so a field above them can neither match nor show.
      .where(
        `e.entity_id IN (SELECT c.entity_id FROM search_entries c
           WHERE c.level <= :level AND c.committee_id IN (SELECT mc.committee_id FROM memberships mc WHERE mc.user_id = :actorId)
             AND (${terms.map((_, index) => termMatches(index, 'c')).join(' OR ')}) ${filters})`,
      )
      .setParameters({ ...wordParams, q: query.q, level, committeeId: query.committeeId, types: query.types });
    whereReaderMaySee(
      inner,
      { level, drafts: { sql: "m.role IN ('chair', 'secretariat')" }, userId: actor.id },
      { includeHidden: false, logged: false },
    )
      .groupBy('e.entity_id')
      .addGroupBy('e.entity_type')
      .addGroupBy('e.committee_id')
      .addGroupBy('s.parent_id')
      .addGroupBy('p.parent_id')
      // Every term matches some field the reader may see.
      .having(terms.map((_, index) => `bool_or(${termMatches(index, 'e')})`).join(' AND '))
      .orderBy('rank', 'DESC')
      .addOrderBy('e.entity_id', 'ASC')
      .limit(query.limit);
    const [sql, parameters] = inner.getQueryAndParameters();
    const headlineWords: string[] = [];
    const positional = (_key: string, word: string) => {
      headlineWords.push(word);
      return `$${parameters.length + headlineWords.length}`;
    };
    const headlineQuery = `(${terms.map((term, index) => termQuery(term, positional, index)).join(' || ')})`;
    const levelParam = `$${parameters.length + headlineWords.length + 1}`;
    // Title and snippet only for the page of results, and only from the fields the reader may see.
    const rows: Row[] = await this.dataSource.query(
      `SELECT r.id, r.type, r.committee_id, r.parent_id, r.grandparent_id, left(t.title, ${TITLE_LENGTH}) AS title,
              ts_headline('indonesian', COALESCE(t.body, t.title, ''), ${headlineQuery}, '${HEADLINE_OPTIONS}') AS snippet
       FROM (${sql}) r
       CROSS JOIN LATERAL (
         SELECT string_agg(x.content, ' — ' ORDER BY x.position) FILTER (WHERE x.is_title) AS title,
                string_agg(x.content, ' … ' ORDER BY x.position) FILTER (WHERE NOT x.is_title) AS body
         FROM search_entries x WHERE x.entity_id = r.id AND x.level <= ${levelParam}
       ) t
       ORDER BY r.rank DESC, r.id`,
      [...parameters, ...headlineWords, level],
    );
    return { items: rows.map(toResult) };
  }
}

function toResult(row: Row): SearchResult {
  return {
    type: row.type,
    id: row.id,
    committeeId: row.committee_id,
    title: row.title ?? '',
    snippet: (row.snippet ?? '').trim(),
    ancestorIds: ancestorIdsOf(row),
  };
}
