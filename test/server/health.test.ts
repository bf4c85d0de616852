import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/storage/migrations/index.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('health and unknown routes', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('GET /health reports engine, schema version and enrollment count', async () => {
    const health = (await t.app.inject({ url: '/health' })).json();
    expect(health).toMatchObject({ status: 'ok', database: engine, schemaVersion: SCHEMA_VERSION });
    const count = Number(
      (
        await t.runtime.db.kysely
          .selectFrom('enrollments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(health.enrollments).toBe(count);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await t.app.inject({ url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });
});
