import { z } from 'zod';
import { committeeParams, deleteRecordRoute, describeTag, FORBIDDEN, idParams, STALE } from '../../../common/openapi.js';

/**
 * Describes the routes of one register record type in the OpenAPI document from its definition:
 * the collection under its committee (or its parent record) and the record under its own id.
 */
export function describeRecordRoutes(
  type: {
    plural: string;
    schemas: { list?: z.ZodObject; create: z.ZodType; update: z.ZodObject };
    /** A child type: listed and added at `/api/<parent plural>/:id/<segment>`, no GET of one. */
    parent?: { plural: string };
    segment?: string;
  },
  /** `noun`: "a bilateral meeting"; `record`: the wire schema. */
  options: { tag: string; noun: string; record: z.ZodType },
): void {
  const { plural, schemas } = type;
  const { noun, record } = options;
  const describe = describeTag(options.tag);
  if (type.parent) {
    const path = `/api/${type.parent.plural}/:id/${type.segment}`;
    describe({
      method: 'get',
      path,
      summary: `The ${type.segment} the caller may see`,
      params: idParams,
      response: z.array(record),
    });
    describe({
      method: 'post',
      path,
      summary: `Add ${noun} (chair, secretariat)`,
      params: idParams,
      body: schemas.create,
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
      ...(schemas.list ? { query: schemas.list } : {}),
      response: z.object({ items: z.array(record), nextCursor: z.string().nullable() }),
    });
    describe({
      method: 'post',
      path,
      summary: `Create ${noun} (chair, secretariat)`,
      params: committeeParams,
      body: schemas.create,
      response: record,
      status: 201,
      extraErrors: FORBIDDEN,
    });
  }
  const own = `/api/${plural}/:id`;
  if (!type.parent) describe({ method: 'get', path: own, summary: `One ${noun.replace(/^an? /, '')}`, params: idParams, response: record });
  describe({
    method: 'patch',
    path: own,
    summary: `Change ${noun} (optimistic version)`,
    params: idParams,
    body: schemas.update.meta({ minProperties: 2 }),
    response: record,
    extraErrors: { ...FORBIDDEN, ...STALE },
  });
  describe(deleteRecordRoute(own, `Delete ${noun} (kept in history)`));
}
