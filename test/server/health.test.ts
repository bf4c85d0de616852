import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/storage/migrations/index.js';
import { createAccount } from '../support/admin-session.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('health and unknown routes', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('GET /health tells anyone only status, engine and schema version', async () => {
    const health = (await t.app.inject({ url: '/health' })).json();
    expect(health).toEqual({ status: 'ok', database: engine, schemaVersion: SCHEMA_VERSION });
    for (const authorization of ['Bearer wrong-token', 'Basic abc']) {
      const guessed = (await t.app.inject({ url: '/health', headers: { authorization } })).json();
      expect(Object.keys(guessed).sort()).toEqual(['database', 'schemaVersion', 'status']);
    }
    const withCookie = (await t.app.inject({ url: '/health', headers: { cookie: 'byov_session=forged' } })).json();
    expect(withCookie).not.toHaveProperty('enrollments');
  });

  it('GET /health adds the enrollment count for the bearer token or an admin session', async () => {
    const session = await createAccount(t, 'health@example.com', 'reviewer');
    const viaSession = (await t.app.inject({ url: '/health', headers: { cookie: session.cookie } })).json();
    expect(viaSession).toHaveProperty('enrollments');
    const health = (await t.app.inject({ url: '/health', headers: adminHeaders() })).json();
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
