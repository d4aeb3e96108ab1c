import { z } from 'zod';
import type { Route } from '../http/routes.js';

/** Request schemas are described as what a client may send (zod's input side). */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded', 'application/json'];

function operation(route: Route) {
  const parameters = [
    ...[...route.path.matchAll(/:(\w+)/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...Object.entries(route.query?.shape ?? {}).map(([name, schema]) => {
      const described = jsonSchema(schema as z.ZodType);
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
        { schema: jsonSchema(route.body!.schema) },
      ]),
    ),
  };
  return {
    summary: route.summary,
    tags: [route.tag],
    ...(route.auth === 'merchant-key' && { security: [{ merchantKey: [] }] }),
    ...(parameters.length > 0 && { parameters }),
    ...(body && { requestBody: body }),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.schema && { content: { 'application/json': { schema: jsonSchema(response.schema) } } }),
        },
      ]),
    ),
  };
}

/** The OpenAPI 3.1 document of every route the app serves, built from the routes themselves. */
export function buildOpenApi(routes: readonly Route[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method] = operation(route);
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
      securitySchemes: { merchantKey: { type: 'apiKey', in: 'header', name: 'Authorization' } },
    },
    paths,
  };
}
