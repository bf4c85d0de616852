import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { appVersion } from '../../backup/manifest.js';
import { buildOpenApiDocument } from '../api-docs.js';

/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 description of every `/api` route and `/health`,
 * built from the zod schemas the routes check their input with. Built on first request, when
 * every route is registered, and kept: routes do not change while the server runs.
 */
export function registerOpenApiRoute(app: FastifyInstance): void {
  let document: Record<string, unknown> | undefined;
  app.get(
    '/api/openapi.json',
    { config: { doc: { summary: 'This document', responses: { 200: z.looseObject({ openapi: z.string() }) } } } },
    async () => {
      document ??= buildOpenApiDocument(app.apiRoutes, appVersion());
      return document;
    },
  );
}
