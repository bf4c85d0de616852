import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TokenScope } from '../shared/api-token-scopes.js';
import { HTTP_STATUS } from './error-response.js';

/** An answer that is not JSON (a file, a CSV, nothing at all), described in words. */
export interface ContentDoc {
  description: string;
  /** Omitted for an empty answer (204). */
  contentType?: string;
}

/**
 * What a route tells the OpenAPI document about itself: the zod schemas its input is checked
 * with (the same objects the use case parses with) and the schemas of its main answers.
 */
export interface RouteDoc {
  summary?: string;
  body?: z.ZodType;
  /** A multipart upload, described in words (its parts are streamed, not parsed by one schema). */
  multipart?: string;
  query?: z.ZodType;
  params?: z.ZodType;
  responses?: Partial<Record<number, z.ZodType | ContentDoc>>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's entry in `GET /api/openapi.json`. */
    doc?: RouteDoc;
  }
  interface FastifyInstance {
    /** Every API route as registered, with its description: the OpenAPI document is built from it. */
    apiRoutes: readonly DocumentedRoute[];
  }
}

export interface DocumentedRoute {
  method: string;
  url: string;
  doc: RouteDoc;
  /** Set for admin routes: the account role and the API token scope it needs. */
  access?: string;
  scope?: TokenScope | null;
}

/** The error shape every failure answers with; its codes are the closed set of src/errors.ts. */
export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(HTTP_STATUS) as [string, ...string[]]),
    message: z.string(),
    field: z.string().optional(),
  }),
});

/** Records every `/api` route and `/health` (HEAD copies aside) as they are registered. */
export function installApiDocs(app: FastifyInstance): void {
  const routes: DocumentedRoute[] = [];
  app.decorate('apiRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && route.url !== '/health') return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      const config = route.config ?? {};
      routes.push({ method, url: route.url, doc: config.doc ?? {}, access: config.access, scope: config.scope });
    }
  });
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ERROR_RESPONSE = {
  description: 'An error: `{error: {code, message, field?}}` (see the README for the codes)',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

function parameters(route: DocumentedRoute): JsonSchema[] {
  const path = [...route.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] as string);
  const pathSchema = route.doc.params ? jsonSchema(route.doc.params, 'input') : undefined;
  const pathProps = (pathSchema?.properties ?? {}) as Record<string, JsonSchema>;
  const result: JsonSchema[] = path.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: pathProps[name] ?? { type: 'string' },
  }));
  if (route.doc.query) {
    const query = jsonSchema(route.doc.query, 'input');
    const required = (query.required ?? []) as string[];
    for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      result.push({ name, in: 'query', required: required.includes(name), schema });
    }
  }
  return result;
}

function responses(route: DocumentedRoute): JsonSchema {
  const result: JsonSchema = {};
  for (const [status, answer] of Object.entries(route.doc.responses ?? {})) {
    if (answer instanceof z.ZodType) {
      result[status] = { description: 'OK', content: { 'application/json': { schema: jsonSchema(answer, 'output') } } };
    } else if (answer) {
      const content = answer.contentType
        ? { [answer.contentType]: { schema: { type: 'string', format: 'binary' } } }
        : undefined;
      result[status] = { description: answer.description, ...(content ? { content } : {}) };
    }
  }
  if (Object.keys(result).length === 0) result['2XX'] = { description: 'Success; the README describes the answer' };
  result.default = ERROR_RESPONSE;
  return result;
}

function operation(route: DocumentedRoute): JsonSchema {
  const { doc } = route;
  const admin = route.access !== undefined;
  const body = doc.body
    ? { required: true, content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } } }
    : doc.multipart
      ? {
          required: true,
          content: { 'multipart/form-data': { schema: { type: 'object' } } },
          description: doc.multipart,
        }
      : undefined;
  return {
    operationId: `${route.method.toLowerCase()} ${route.url}`,
    ...(doc.summary ? { summary: doc.summary } : {}),
    tags: [admin ? 'admin' : 'public'],
    parameters: parameters(route),
    ...(body ? { requestBody: body } : {}),
    responses: responses(route),
    ...(admin
      ? {
          security: [{ session: [] }, { bearer: [] }],
          'x-role': route.access,
          // null: no API token may call it (sessions and ADMIN_TOKEN only).
          'x-token-scope': route.scope ?? null,
        }
      : {}),
  };
}

/** The OpenAPI 3.1 document of every recorded route (JSON Schema 2020-12 throughout). */
export function buildOpenApiDocument(routes: readonly DocumentedRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'BYOV Enrollment API',
      version,
      description:
        'The public API (enrollment, drafts, VIN, policy, health) and the admin API. Admin routes take a session ' +
        'cookie, a named API token with the scope in `x-token-scope`, or ADMIN_TOKEN.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorResponseSchema, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A named API token (`byov_…`) or ADMIN_TOKEN' },
        session: { type: 'apiKey', in: 'cookie', name: 'byov_session' },
      },
    },
  };
}
