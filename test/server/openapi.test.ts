/**
 * `GET /api/openapi.json` describes every API route Fastify has, and real answers of the running
 * app (both engines) validate against the JSON Schemas in that document, compiled by ajv: the
 * document is checked as a client would read it, not through the zod schemas it came from.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { as, createAccount, type Session } from '../support/admin-session.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { createDraft, saveDraft, uploadAll } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import { makeSubmissionFiles } from '../support/fixtures.js';
import { printedRoutes } from '../support/routes.js';
import { submit } from '../support/submit.js';

type Json = Record<string, unknown>;
interface Operation {
  parameters: { name: string; in: string; required: boolean; schema: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { content?: Record<string, { schema: Json }> }>;
  'x-token-scope'?: string | null;
}

describeEachEngine('the OpenAPI document', (engine) => {
  let t: TestApp;
  let admin: Session;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Json } };
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

  function operation(method: string, url: string): Operation {
    const op = doc.paths[url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${url} is not in the document`);
    return op;
  }

  /** The answer's body must match the document's schema for its status (or the error schema). */
  function expectConforms(method: string, url: string, response: LightMyRequestResponse): void {
    const op = operation(method, url);
    const status = String(response.statusCode);
    const described = op.responses[status] ?? op.responses.default;
    const schema = described?.content?.['application/json']?.schema;
    expect(schema, `${method} ${url} ${status} has a JSON schema`).toBeDefined();
    const resolved = schema?.$ref === '#/components/schemas/Error' ? doc.components.schemas.Error : schema;
    const validate = ajv.compile(resolved as Json);
    const valid = validate(response.json());
    expect(validate.errors ?? [], `${method} ${url} ${status}`).toEqual([]);
    expect(valid).toBe(true);
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await createAccount(t, 'ada@example.com', 'admin');
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    doc = response.json();
  });
  afterAll(() => t.close());

  it('names every API route Fastify has, and nothing else', () => {
    expect(doc.openapi).toBe('3.1.0');
    const api = (url: string) => url.startsWith('/api/') || url === '/health';
    const registered = printedRoutes(t.app)
      .filter((route) => route.method !== 'HEAD' && api(route.url))
      .map((route) => `${route.method} ${route.url.replace(/:[^/]+/g, '{}')}`)
      .sort();
    // Fastify prints sibling parameters as one (`:field|:fileId`): compare paths by their shape.
    const documented = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented.map((route) => route.replace(/\{[^}]+\}/g, '{}'))).toEqual(registered);
    const recorded = t.app.apiRoutes.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect(documented).toEqual(recorded.sort());
    expect(registered.length).toBeGreaterThanOrEqual(45);
  });

  it('compiles: every request and response schema in it is valid JSON Schema', () => {
    let compiled = 0;
    for (const methods of Object.values(doc.paths)) {
      for (const op of Object.values(methods)) {
        const schemas = [
          ...op.parameters.map((p) => p.schema),
          ...Object.values(op.requestBody?.content ?? {}).map((c) => c.schema),
          ...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {}).map((c) => c.schema)),
        ].filter((schema) => schema.$ref === undefined);
        for (const schema of schemas) {
          ajv.compile(schema);
          compiled += 1;
        }
      }
    }
    expect(compiled).toBeGreaterThan(60);
  });

  it("takes request bodies, path and query parameters from the routes' zod schemas", () => {
    const create = operation('POST', '/api/admin/tokens');
    const body = create.requestBody?.content['application/json']?.schema as {
      properties: Json;
      required: string[];
    };
    expect(Object.keys(body.properties).sort()).toEqual(['expiresInDays', 'name', 'scopes']);
    expect(body.required.sort()).toEqual(['expiresInDays', 'name', 'scopes']);
    expect(create['x-token-scope']).toBeNull();
    const list = operation('GET', '/api/admin/enrollments');
    expect(list.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
      expect.arrayContaining(['search', 'status', 'sort', 'order', 'page', 'pageSize']),
    );
    expect(list['x-token-scope']).toBe('read');
    expect(operation('GET', '/api/admin/enrollments/:id').parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    );
    const reject = operation('POST', '/api/admin/enrollments/:id/reject');
    expect(reject.requestBody?.content['application/json']?.schema).toMatchObject({ type: 'object' });
    // Each admin operation names the token scope the route really enforces.
    for (const route of t.app.adminRoutes.filter((r) => r.method !== 'HEAD')) {
      expect(operation(route.method, route.url)['x-token-scope'], route.url).toBe(route.scope);
    }
  });

  it('matches real answers: health, drafts, submission, list, detail, tokens and errors', async () => {
    expectConforms('GET', '/health', await t.app.inject({ url: '/health' }));
    expectConforms('GET', '/health', await t.app.inject({ url: '/health', headers: adminHeaders() }));
    expectConforms('GET', '/api/openapi.json', await t.app.inject({ url: '/api/openapi.json' }));

    const files = await makeSubmissionFiles(4_000);
    const created = await t.app.inject({ method: 'POST', url: '/api/drafts', payload: { step: 1 } });
    expectConforms('POST', '/api/drafts', created);
    const draft = await createDraft(t);
    await uploadAll(t, draft.resumeCode, files);
    const saved = await saveDraft(t, draft.resumeCode, { step: 2, data: { fullName: 'Łukasz Nuñez' } });
    expectConforms('PUT', '/api/drafts/:code', saved);
    expectConforms('GET', '/api/drafts/:code', await t.app.inject({ url: `/api/drafts/${draft.resumeCode}` }));
    expectConforms('GET', '/api/drafts/:code', await t.app.inject({ url: '/api/drafts/AAAAA-AAAAA' }));

    const { id } = await submit(t, files, { techId: 'OAS-1' });
    const list = await as(t.app, admin, { url: '/api/admin/enrollments?status=all' });
    expect(list.json().items.length).toBeGreaterThan(0);
    expectConforms('GET', '/api/admin/enrollments', list);
    expectConforms('GET', '/api/admin/enrollments', await as(t.app, admin, { url: '/api/admin/enrollments?page=0' }));
    expectConforms(
      'GET',
      '/api/admin/enrollments/:id',
      await as(t.app, admin, { url: `/api/admin/enrollments/${id}` }),
    );
    const changes = await as(t.app, admin, {
      method: 'POST',
      url: `/api/admin/enrollments/${id}/request-changes`,
      payload: { fields: ['vin'], message: 'Please check the VIN.' },
    });
    expect(changes.statusCode, changes.body).toBe(200);
    expectConforms('POST', '/api/admin/enrollments/:id/request-changes', changes);
    expectConforms('GET', '/api/admin/enrollments/:id', await as(t.app, admin, { url: '/api/admin/enrollments/nope' }));

    const token = await as(t.app, admin, {
      method: 'POST',
      url: '/api/admin/tokens',
      payload: { name: 'documented', scopes: ['read'], expiresInDays: 3 },
    });
    expectConforms('POST', '/api/admin/tokens', token);
    expectConforms('GET', '/api/admin/tokens', await as(t.app, admin, { url: '/api/admin/tokens' }));
    const revoke = `/api/admin/tokens/${token.json().token.id}/revoke`;
    expectConforms('POST', '/api/admin/tokens/:id/revoke', await as(t.app, admin, { method: 'POST', url: revoke }));
    const bad = await as(t.app, admin, { method: 'POST', url: '/api/admin/tokens', payload: { name: '' } });
    expect(bad.statusCode).toBe(400);
    expectConforms('POST', '/api/admin/tokens', bad);
  });
});
