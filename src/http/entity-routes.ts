import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { commitChanges, ENTITIES, type ChangeSet, type Entity } from '../db/changes.js';
import type { Db, Tx } from '../db/client.js';
import { RejectedDocuments } from '../shared/rejected.js';
import type { ShopId } from '../shared/ids.js';
import { conflict, notFound, validationFailed, type FieldErrors } from './errors.js';
import { listQuerySchema, MAX_BULK_DOCUMENTS, parseBulk, parseListDate } from './merchant.js';
import type { Route } from './routes.js';
import { fieldPath, parseOr422 } from './validation.js';

export type Document = Record<string, unknown>;

interface DateRange {
  gte?: Date;
  lt?: Date;
}

/** What a list asks for; dates are the service's own bookkeeping (when it stored or changed a record). */
export interface ListFilter {
  createdAt?: DateRange;
  updatedAt?: DateRange;
  /** Orders only. */
  financialStatus?: string;
}

export interface Page {
  skip: number;
  take: number;
}

/** What the merchant API needs to know of an entity; everything else is shared. */
export interface MerchantEntity<Doc extends { id: ShopId }> {
  entity: Entity;
  singular: string;
  /** Validates every full document: bulk, create, and a stored document with a patch applied. */
  schema: z.ZodType<Doc>;
  /** The document's fields: what `fields` may name and what a partial update may send. */
  fields: z.ZodObject;
  /** Extra list filters (orders: financial_status). */
  filters?: z.ZodObject;
  /** Query parameters of DELETE (categories: cascade). */
  deleteQuery?: z.ZodObject;
  find(client: Tx, key: string): Promise<Document | null>;
  list(db: Db, filter: ListFilter, page: Page): Promise<Document[]>;
  count(db: Db, filter: ListFilter): Promise<number>;
  upsert(tx: Tx, docs: Doc[]): Promise<ChangeSet>;
  remove(tx: Tx, key: string, query: Record<string, unknown>): Promise<ChangeSet>;
}

const errorSchema = z.object({ message: z.string() });
const validationSchema = z.object({ message: z.string(), errors: z.record(z.string(), z.array(z.string())) });

/** Field errors of documents refused for what they say about other records, under `prefix(i)`. */
function rejectedAs422(error: unknown, prefix: (index: number) => PropertyKey[]): never {
  if (!(error instanceof RejectedDocuments)) throw error;
  const errors: FieldErrors = {};
  for (const [index, fields] of error.byIndex) {
    for (const [field, messages] of Object.entries(fields)) errors[fieldPath([...prefix(index), field])] = messages;
  }
  throw validationFailed(errors);
}

function projection(entity: MerchantEntity<{ id: ShopId }>, fields: string | undefined) {
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

function listFilter(query: ListQuery, extra: Record<string, unknown>, timeZone: string) {
  const at = (text: string | undefined) => (text === undefined ? undefined : parseListDate(text, timeZone));
  const range = (after: Date | undefined, before: Date | undefined): DateRange | undefined =>
    after || before ? { ...(after && { gte: after }), ...(before && { lt: before }) } : undefined;
  const filter: ListFilter = {
    createdAt: range(at(query.createdAfter), at(query.createdBefore)),
    updatedAt: range(at(query.updatedAfter ?? query.updatedMin), at(query.updatedBefore)),
  };
  if (typeof extra.financial_status === 'string') filter.financialStatus = extra.financial_status;
  return filter;
}

const singleQuery = z.object({ fields: listQuerySchema.shape.fields });

/** The merchant API of one entity (contract §2): bulk upsert, create, read, list, partial update, delete. */
export function entityRoutes<Doc extends { id: ShopId }>(
  entity: MerchantEntity<Doc>,
  { db, config }: AppDeps,
): Route[] {
  const { entity: name, singular } = entity;
  const base = `/api/${name}`;
  const tag = `merchant: ${name}`;
  const common = { tag, auth: 'merchant-key' as const };
  const documentSchema = entity.fields;
  const listSchema = entity.filters ? listQuerySchema.extend(entity.filters.shape) : listQuerySchema;
  const mustFind = async (client: Tx, key: string) => {
    const doc = await entity.find(client, key);
    if (!doc) throw notFound(`No ${singular} has the id ${key}.`);
    return doc;
  };

  return [
    {
      ...common,
      method: 'get',
      path: base,
      summary: `List ${name} in a stable order (ascending by when they were first stored)`,
      query: listSchema,
      responses: {
        200: { description: `the ${name}, or {"count": n} with count=true`, schema: z.array(documentSchema) },
        422: { description: 'a bad parameter', schema: validationSchema },
      },
      handlers: [
        async (req, res) => {
          // The entity's own filters extend the shared ones; both come out of one parse.
          const query = parseOr422(listSchema, req.query) as ListQuery & Record<string, unknown>;
          const filter = listFilter(query, query, config.storeTimeZone);
          if (query.count) {
            res.json({ count: await entity.count(db, filter) });
            return;
          }
          const project = projection(entity, query.fields);
          const docs = await entity.list(db, filter, { skip: (query.page - 1) * query.limit, take: query.limit });
          res.json(docs.map(project));
        },
      ],
    },
    {
      ...common,
      method: 'put',
      path: base,
      summary: `Create or update up to ${MAX_BULK_DOCUMENTS} ${name} by id, all or nothing`,
      body: { schema: z.object({ [name]: z.array(entity.schema).max(MAX_BULK_DOCUMENTS) }) },
      responses: {
        200: { description: 'how many were created or changed', schema: z.object({ Modified: z.int() }) },
        413: { description: `more than ${MAX_BULK_DOCUMENTS} documents`, schema: errorSchema },
        422: { description: `a bad field, named by its path such as ${name}[3].id`, schema: validationSchema },
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
    },
    {
      ...common,
      method: 'post',
      path: base,
      summary: `Create one ${singular}`,
      body: { schema: entity.schema },
      responses: {
        201: { description: `the stored ${singular}`, schema: documentSchema },
        409: { description: 'the id exists already', schema: errorSchema },
        422: { description: 'a bad field', schema: validationSchema },
      },
      handlers: [
        async (req, res) => {
          const doc = parseOr422(entity.schema, req.body);
          await commitChanges(db, async (tx) => {
            if (await entity.find(tx, doc.id.key)) {
              throw conflict(`A ${singular} with the id ${doc.id.key} exists already; PUT ${base}/:id updates it.`);
            }
            return entity.upsert(tx, [doc]);
          }).catch((error: unknown) => rejectedAs422(error, () => []));
          res.status(201).json(await mustFind(db.read, doc.id.key));
        },
      ],
    },
    {
      ...common,
      method: 'get',
      path: `${base}/:id`,
      summary: `Read one ${singular}`,
      query: singleQuery,
      responses: {
        200: { description: `the ${singular}`, schema: documentSchema },
        404: { description: 'no such id', schema: errorSchema },
      },
      handlers: [
        async (req, res) => {
          const query = parseOr422(singleQuery, req.query);
          const project = projection(entity, query.fields);
          res.json(project(await mustFind(db.read, String(req.params.id))));
        },
      ],
    },
    {
      ...common,
      method: 'put',
      path: `${base}/:id`,
      summary: `Update some fields of one ${singular}; fields not sent keep their stored values`,
      body: { schema: documentSchema.partial() },
      responses: {
        200: { description: `the ${singular} as stored now`, schema: documentSchema },
        404: { description: 'no such id', schema: errorSchema },
        422: { description: 'a bad field, or an attempt to change the id', schema: validationSchema },
      },
      handlers: [
        async (req, res) => {
          const key = String(req.params.id);
          const patch = parseOr422(z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }), req.body);
          if (patch.id !== undefined && String(patch.id) !== key) {
            throw validationFailed({ id: ['cannot be changed; create a new record and delete this one instead'] });
          }
          await commitChanges(db, async (tx) => {
            const stored = await mustFind(tx, key);
            const doc = parseOr422(entity.schema, { ...stored, ...patch, id: stored.id });
            return entity.upsert(tx, [doc]);
          }).catch((error: unknown) => rejectedAs422(error, () => []));
          res.json(await mustFind(db.read, key));
        },
      ],
    },
    {
      ...common,
      method: 'delete',
      path: `${base}/:id`,
      summary: `Delete one ${singular}`,
      ...(entity.deleteQuery && { query: entity.deleteQuery }),
      responses: {
        200: { description: 'how many records were deleted', schema: z.object({ Deleted: z.int() }) },
        404: { description: 'no such id', schema: errorSchema },
        409: { description: 'other records still depend on it', schema: errorSchema },
      },
      handlers: [
        async (req, res) => {
          const query = entity.deleteQuery ? parseOr422(entity.deleteQuery, req.query) : {};
          const changes = await commitChanges(db, (tx) => entity.remove(tx, String(req.params.id), query));
          const deleted = ENTITIES.reduce((sum, e) => sum + changes.count(e, 'deleted'), 0);
          res.json({ Deleted: deleted });
        },
      ],
    },
  ];
}
