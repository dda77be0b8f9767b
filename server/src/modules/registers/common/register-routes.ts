import { z } from 'zod';
import { committeeParams, deleteRecordRoute, describeTag, FORBIDDEN, idParams, STALE } from '../../../common/openapi.js';

/**
 * Describes the routes of one record type in the OpenAPI document: the collection under its
 * committee (or its parent record) and the record under its own id.
 */
export function describeRecordRoutes(options: {
  tag: string;
  /** "bilateral-meetings" */
  plural: string;
  /** "a bilateral meeting" */
  noun: string;
  record: z.ZodType;
  create: z.ZodType;
  update: z.ZodObject;
  /** The list's query (paged lists) — absent for a child list (a bare array). */
  listQuery?: z.ZodObject;
  /** A child collection: `/api/<parent>/:id/<child>` instead of under the committee. */
  parent?: { plural: string; child: string };
  /** Whether GET /api/<plural>/:id exists. */
  get?: boolean;
}): void {
  const { plural, noun, record } = options;
  const describe = describeTag(options.tag);
  if (options.parent) {
    const path = `/api/${options.parent.plural}/:id/${options.parent.child}`;
    describe({
      method: 'get',
      path,
      summary: `The ${options.parent.child} the caller may see`,
      params: idParams,
      response: z.array(record),
    });
    describe({
      method: 'post',
      path,
      summary: `Add ${noun} (chair, secretariat)`,
      params: idParams,
      body: options.create,
      response: record,
      status: 201,
      extraErrors: FORBIDDEN,
    });
  } else {
    const path = `/api/committees/:committeeId/${plural}`;
    describe({
      method: 'get',
      path,
      summary: `${plural} the caller may see, a page at a time`,
      params: committeeParams,
      ...(options.listQuery ? { query: options.listQuery } : {}),
      response: z.object({ items: z.array(record), nextCursor: z.string().nullable() }),
    });
    describe({
      method: 'post',
      path,
      summary: `Create ${noun} (chair, secretariat)`,
      params: committeeParams,
      body: options.create,
      response: record,
      status: 201,
      extraErrors: FORBIDDEN,
    });
  }
  const own = `/api/${plural}/:id`;
  if (options.get !== false)
    describe({ method: 'get', path: own, summary: `One ${noun.replace(/^an? /, '')}`, params: idParams, response: record });
  describe({
    method: 'patch',
    path: own,
    summary: `Change ${noun} (optimistic version)`,
    params: idParams,
    body: options.update.meta({ minProperties: 2 }),
    response: record,
    extraErrors: { ...FORBIDDEN, ...STALE },
  });
  describe(deleteRecordRoute(own, `Delete ${noun} (kept in history)`));
}
