import { z } from 'zod';
import type { Route, RouteResponse } from '../http/routes.js';
import { derivedErrors, errorBodySchema, errorHeaders } from './components.js';

type Components = Record<string, unknown>;

/**
 * A schema as what a client may send (zod's input side). Named schemas (those with an `id` in
 * zod's registry, see ./components.ts) land in `components` and are referenced from there.
 */
function jsonSchema(schema: z.ZodType, components: Components): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  const {
    $schema: _dialect,
    $defs,
    ...rest
  } = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<
    string,
    unknown
  >;
  Object.assign(components, $defs ?? {});
  return rest;
}

const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded', 'application/json'];

function operation(route: Route, components: Components) {
  const parameters = [
    ...[...route.path.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...Object.entries(route.query?.shape ?? {}).map(([name, schema]) => {
      const described = jsonSchema(schema as z.ZodType, components);
      return {
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        ...(typeof described.description === 'string' && { description: described.description }),
        schema: described,
      };
    }),
  ];
  const body = route.body && {
    required: true,
    content: Object.fromEntries(
      (route.body.form ? FORM_TYPES : ['application/json']).map((type) => [
        type,
        { schema: jsonSchema(route.body!.schema, components) },
      ]),
    ),
  };
  const responses: Record<number, RouteResponse> = {
    ...Object.fromEntries(
      Object.entries(derivedErrors(route)).map(([status, description]) => [status, { description }]),
    ),
    ...route.responses,
  };
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.auth === 'merchant-key' && { security: [{ merchantKey: [] }] }),
    ...(parameters.length > 0 && { parameters }),
    ...(body && { requestBody: body }),
    responses: Object.fromEntries(
      Object.entries(responses).map(([code, response]) => {
        const status = Number(code);
        const schema = response.schema ?? (status >= 400 ? errorBodySchema : undefined);
        const headers = errorHeaders(status);
        return [
          code,
          {
            description: response.description,
            ...(headers && { headers }),
            ...(schema && { content: { 'application/json': { schema: jsonSchema(schema, components) } } }),
          },
        ];
      }),
    ),
  };
}

/** The OpenAPI 3.1 document of every route the app serves, built from the routes themselves. */
export function buildOpenApi(routes: readonly Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Components = {};
  const operationIds = new Set<string>();
  for (const route of routes) {
    // Generators name methods by operationId; a repeated one would silently shadow another call.
    if (operationIds.has(route.operationId)) throw new Error(`operationId ${route.operationId} is used twice`);
    operationIds.add(route.operationId);
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method] = operation(route, schemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'convertedin-feed',
      version: '1',
      description:
        'The feed convertedin pulls (POST /convertedin/*, token in the form body) and the merchant API ' +
        'the shop pushes into (/api/*, Authorization: <MERCHANT_API_KEY> or Bearer <key>).',
    },
    components: {
      // Sorted, so the document and clients generated from it do not change with route order.
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: { merchantKey: { type: 'apiKey', in: 'header', name: 'Authorization' } },
    },
    paths,
  };
}
