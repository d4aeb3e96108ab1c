import { z } from 'zod';
import { commitChanges, ENTITIES } from '../db/changes.js';
import type { DateRange, Document, ListFilter, MerchantEntity } from '../db/entity.js';
import type { Tx } from '../db/client.js';
import type { AppDeps } from '../http/deps.js';
import { conflict, notFound, validationFailed } from '../http/errors.js';
import type { Route } from '../http/routes.js';
import { parseOr422 } from '../http/validation.js';
import { noFieldErrors } from '../shared/errors.js';
import type { ShopId } from '../shared/ids.js';
import { RejectedDocuments } from '../shared/rejected.js';
import { fieldPath } from '../shared/validation.js';
import { echoedId, withArticle } from '../shared/words.js';
import { MAX_BULK_DOCUMENTS, parseBulk } from './bulk-body.js';
import { listQuerySchema, parseListDate } from '../http/list-query.js';

type Entity<Doc extends { id: ShopId }, F extends z.ZodObject, O extends z.ZodObject> = MerchantEntity<Doc, F, O>;

/** Field errors of documents refused for what they say about other records, under `prefix(i)`. */
function rejectedAs422(error: unknown, prefix: (index: number) => PropertyKey[]): never {
  if (!(error instanceof RejectedDocuments)) throw error;
  const errors = noFieldErrors();
  for (const [index, fields] of error.byIndex) {
    for (const [field, messages] of Object.entries(fields)) errors[fieldPath([...prefix(index), field])] = messages;
  }
  throw validationFailed(errors);
}

function projection(entity: { fields: z.ZodObject }, fields: string | undefined) {
  if (fields === undefined) return (doc: Document) => doc;
  const known = Object.keys(entity.fields.shape);
  const wanted = [...new Set(fields.split(',').map((f) => f.trim()))].filter((f) => f !== '');
  const unknown = wanted.filter((f) => !known.includes(f));
  if (unknown.length > 0 || wanted.length === 0) {
    throw validationFailed({
      fields: [`unknown field(s): ${unknown.join(', ') || '(none named)'}; known: ${known.join(', ')}`],
    });
  }
  return (doc: Document) => Object.fromEntries(wanted.map((f) => [f, doc[f]]));
}

type ListQuery = z.output<typeof listQuerySchema>;

function listFilter(query: ListQuery, timeZone: string): ListFilter {
  const at = (text: string | undefined) => (text === undefined ? undefined : parseListDate(text, timeZone));
  const range = (after: Date | undefined, before: Date | undefined): DateRange | undefined =>
    after || before ? { ...(after && { gte: after }), ...(before && { lt: before }) } : undefined;
  return {
    createdAt: range(at(query.createdAfter), at(query.createdBefore)),
    updatedAt: range(at(query.updatedAfter ?? query.updatedMin), at(query.updatedBefore)),
  };
}

const singleQuery = z.strictObject({ fields: listQuerySchema.shape.fields });

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The six merchant routes of an entity, one builder each, so that the route table
 * (merchant.routes.ts) spells every path out. Everything here is generic: what differs between
 * entities is in their MerchantEntity, including their own parameters.
 */
export function merchantCrud({ db, config }: AppDeps) {
  const common = (entity: { entity: string }) => ({
    tag: `merchant: ${entity.entity}`,
    auth: 'merchant-key' as const,
    database: true,
  });
  const mustFind = async (
    entity: { find(client: Tx, key: string): Promise<Document | null>; singular: string },
    client: Tx,
    key: string,
  ) => {
    const doc = await entity.find(client, key);
    if (!doc) throw notFound(`No ${entity.singular} has the id ${echoedId(key)}.`);
    return doc;
  };

  return {
    list<Doc extends { id: ShopId }, F extends z.ZodObject, O extends z.ZodObject>(
      path: string,
      entity: Entity<Doc, F, O>,
    ): Route {
      const query = entity.filters ? listQuerySchema.extend(entity.filters.shape) : listQuerySchema;
      const own = Object.keys(entity.filters?.shape ?? {});
      return {
        ...common(entity),
        method: 'get',
        path,
        operationId: `list${capitalised(entity.entity)}`,
        summary: `List ${entity.entity} in a stable order (ascending by when they were first stored)`,
        query,
        responses: {
          200: { description: `the ${entity.entity}, or {"count": n} with count=true`, schema: z.array(entity.fields) },
          422: { description: 'a bad parameter' },
        },
        handlers: [
          async (req, res) => {
            // The entity's own parameters extend the shared ones; both come out of one parse.
            const parsed = parseOr422(query, req.query) as ListQuery & Record<string, unknown>;
            const filter = listFilter(parsed, config.storeTimeZone);
            const extra = Object.fromEntries(own.map((name) => [name, parsed[name]])) as Partial<z.output<F>>;
            if (parsed.count) {
              res.json({ count: await entity.count(db, filter, extra) });
              return;
            }
            const project = projection(entity, parsed.fields);
            const page = {
              skip: (parsed.page - 1) * parsed.limit,
              take: parsed.limit,
              deleteGraceMs: config.feedDeleteGraceSeconds * 1000,
            };
            res.json((await entity.list(db, filter, extra, page)).map(project));
          },
        ],
      };
    },

    bulkUpsert<Doc extends { id: ShopId }, F extends z.ZodObject, O extends z.ZodObject>(
      path: string,
      entity: Entity<Doc, F, O>,
    ): Route {
      const name = entity.entity;
      return {
        ...common(entity),
        method: 'put',
        path,
        operationId: `upsert${capitalised(name)}`,
        summary: `Create or update up to ${MAX_BULK_DOCUMENTS} ${name} by id, all or nothing`,
        body: { schema: z.object({ [name]: z.array(entity.schema).max(MAX_BULK_DOCUMENTS) }) },
        responses: {
          200: { description: 'how many were created or changed', schema: z.object({ Modified: z.int() }) },
          413: { description: `more than ${MAX_BULK_DOCUMENTS} documents` },
          422: { description: `a bad field, named by its path such as ${name}[3].id` },
        },
        handlers: [
          async (req, res) => {
            const docs = parseBulk(name, entity.schema, req.body);
            const changes = await commitChanges(db, (tx) => entity.upsert(tx, docs)).catch((error: unknown) =>
              rejectedAs422(error, (i) => [name, i]),
            );
            res.json({ Modified: changes.count(name, 'created', 'updated') });
          },
        ],
      };
    },

    create<Doc extends { id: ShopId }, F extends z.ZodObject, O extends z.ZodObject>(
      path: string,
      entity: Entity<Doc, F, O>,
    ): Route {
      const { singular } = entity;
      return {
        ...common(entity),
        method: 'post',
        path,
        operationId: `create${capitalised(singular)}`,
        summary: `Create one ${singular}`,
        body: { schema: entity.schema },
        responses: {
          201: { description: `the stored ${singular}`, schema: entity.fields },
          409: { description: 'the id exists already' },
          422: { description: 'a bad field' },
        },
        handlers: [
          async (req, res) => {
            const doc = parseOr422(entity.schema, req.body);
            await commitChanges(db, async (tx) => {
              if (await entity.find(tx, doc.id.key)) {
                throw conflict(
                  `${withArticle(singular)} with the id ${doc.id.key} exists already; PUT ${path}/:id updates it.`,
                );
              }
              return entity.upsert(tx, [doc]);
            }).catch((error: unknown) => rejectedAs422(error, () => []));
            res.status(201).json(await mustFind(entity, db.read, doc.id.key));
          },
        ],
      };
    },

    read<Doc extends { id: ShopId }, F extends z.ZodObject, O extends z.ZodObject>(
      path: string,
      entity: Entity<Doc, F, O>,
    ): Route {
      const { singular } = entity;
      return {
        ...common(entity),
        method: 'get',
        path,
        operationId: `get${capitalised(singular)}`,
        summary: `Read one ${singular}`,
        query: singleQuery,
        responses: {
          200: { description: `the ${singular}`, schema: entity.fields },
          404: { description: 'no such id' },
        },
        handlers: [
          async (req, res) => {
            const query = parseOr422(singleQuery, req.query);
            const project = projection(entity, query.fields);
            res.json(project(await mustFind(entity, db.read, String(req.params.id))));
          },
        ],
      };
    },

    update<Doc extends { id: ShopId }, F extends z.ZodObject, O extends z.ZodObject>(
      path: string,
      entity: Entity<Doc, F, O>,
    ): Route {
      const { singular } = entity;
      return {
        ...common(entity),
        method: 'put',
        path,
        operationId: `update${capitalised(singular)}`,
        summary: `Update some fields of one ${singular}; fields not sent keep their stored values`,
        body: { schema: entity.fields.partial() },
        responses: {
          200: { description: `the ${singular} as stored now`, schema: entity.fields },
          404: { description: 'no such id' },
          422: { description: 'a bad field, or an attempt to change the id' },
        },
        handlers: [
          async (req, res) => {
            const key = String(req.params.id);
            const patch = parseOr422(z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }), req.body);
            if (patch.id !== undefined && String(patch.id) !== key) {
              throw validationFailed({ id: ['cannot be changed; create a new record and delete this one instead'] });
            }
            await commitChanges(db, async (tx) => {
              const stored = await mustFind(entity, tx, key);
              const doc = parseOr422(entity.schema, { ...stored, ...patch, id: stored.id });
              return entity.upsert(tx, [doc]);
            }).catch((error: unknown) => rejectedAs422(error, () => []));
            res.json(await mustFind(entity, db.read, key));
          },
        ],
      };
    },

    remove<Doc extends { id: ShopId }, F extends z.ZodObject, O extends z.ZodObject>(
      path: string,
      entity: Entity<Doc, F, O>,
    ): Route {
      const { singular, deleteOptions } = entity;
      return {
        ...common(entity),
        method: 'delete',
        path,
        operationId: `delete${capitalised(singular)}`,
        summary: `Delete one ${singular}`,
        ...(deleteOptions && { query: deleteOptions }),
        responses: {
          200: { description: 'how many records were deleted', schema: z.object({ Deleted: z.int() }) },
          404: { description: 'no such id' },
          409: { description: 'other records still depend on it' },
        },
        handlers: [
          async (req, res) => {
            const options = (deleteOptions ? parseOr422(deleteOptions, req.query) : {}) as Partial<z.output<O>>;
            const changes = await commitChanges(db, (tx) => entity.remove(tx, String(req.params.id), options));
            res.json({ Deleted: ENTITIES.reduce((sum, e) => sum + changes.count(e, 'deleted'), 0) });
          },
        ],
      };
    },
  };
}
