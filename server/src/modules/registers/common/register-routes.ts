import { deleteVersionSchema } from '@sidang/shared';
import { z } from 'zod';
import { committeeParams, describeRoute, idParams } from '../../../common/openapi.js';

const forbidden = { 403: 'Your role may not do this' };
const stale = { 409: 'Stale version; the stored record is under `current`' };

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
  const { tag, plural, noun, record } = options;
  if (options.parent) {
    const path = `/api/${options.parent.plural}/:id/${options.parent.child}`;
    describeRoute({
      method: 'get',
      path,
      summary: `The ${options.parent.child} the caller may see`,
      tag,
      params: idParams,
      response: z.array(record),
    });
    describeRoute({
      method: 'post',
      path,
      summary: `Add ${noun} (chair, secretariat)`,
      tag,
      params: idParams,
      body: options.create,
      response: record,
      status: 201,
      extraErrors: forbidden,
    });
  } else {
    const path = `/api/committees/:committeeId/${plural}`;
    describeRoute({
      method: 'get',
      path,
      summary: `${plural} the caller may see, a page at a time`,
      tag,
      params: committeeParams,
      ...(options.listQuery ? { query: options.listQuery } : {}),
      response: z.object({ items: z.array(record), nextCursor: z.string().nullable() }),
    });
    describeRoute({
      method: 'post',
      path,
      summary: `Create ${noun} (chair, secretariat)`,
      tag,
      params: committeeParams,
      body: options.create,
      response: record,
      status: 201,
      extraErrors: forbidden,
    });
  }
  const own = `/api/${plural}/:id`;
  if (options.get !== false)
    describeRoute({ method: 'get', path: own, summary: `One ${noun.replace(/^an? /, '')}`, tag, params: idParams, response: record });
  describeRoute({
    method: 'patch',
    path: own,
    summary: `Change ${noun} (optimistic version)`,
    tag,
    params: idParams,
    body: options.update.meta({ minProperties: 2 }),
    response: record,
    extraErrors: { ...forbidden, ...stale },
  });
  describeRoute({
    method: 'delete',
    path: own,
    summary: `Delete ${noun} (kept in history)`,
    tag,
    params: idParams,
    query: deleteVersionSchema,
    status: 204,
    extraErrors: { ...forbidden, ...stale },
  });
}
