import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';

/** Two instances (each its own app and connections) on one database, as behind a load balancer. */
describeEachEngine('limits shared by every instance on one database', (engine) => {
  let first: TestApp;
  let secondRuntime: Runtime;
  let second: FastifyInstance;
  const startPair = async (wizardPerMinute: string) => {
    first = await startTestApp(engine, {
      RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '4',
      RATE_LIMIT_WIZARD_REQUESTS_PER_MINUTE: wizardPerMinute,
    });
    secondRuntime = await openRuntime(first.config, { migrate: false });
    second = await buildApp(secondRuntime);
  };
  afterEach(async () => {
    await second.close();
    await secondRuntime.close();
    await first.close();
  });

  const instances = () => [first.app, second];

  it('the submission limit counts requests to every instance together', async () => {
    await startPair('6');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = instances()[i % 2] as FastifyInstance;
      const response = await app.inject({ method: 'POST', url: '/api/enrollments', payload: {} });
      statuses.push(response.statusCode);
    }
    // 4 counted (refused as bad input), then 429 whichever instance answers.
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
    // Another address has its own count.
    const other = await second.inject({
      method: 'POST',
      url: '/api/enrollments',
      payload: {},
      remoteAddress: '192.0.2.77',
    });
    expect(other.statusCode).not.toBe(429);
  });

  it('the wizard limit counts requests to every instance together, per route', async () => {
    await startPair('6');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const app = instances()[i % 2] as FastifyInstance;
      statuses.push((await app.inject({ method: 'GET', url: '/api/policy?state=IL' })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    // A concurrent burst over both instances lets through exactly the limit.
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (instances()[i % 2] as FastifyInstance).inject({
          method: 'GET',
          url: '/api/policy?state=IL',
          remoteAddress: '192.0.2.10',
        }),
      ),
    );
    expect(burst.filter((r) => r.statusCode === 200)).toHaveLength(6);
    expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(4);
  });

  it('unknown resume codes tried on every instance count against one guard', async () => {
    await startPair('1000');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const app = instances()[i % 2] as FastifyInstance;
      const response = await app.inject({
        method: 'GET',
        url: '/api/drafts/ABCDEFGHJK',
        remoteAddress: '198.51.100.9',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    const guarded = await first.app.inject({
      method: 'GET',
      url: '/api/drafts/ABCDEFGHJK',
      remoteAddress: '198.51.100.9',
    });
    expect(guarded.json().error.message).toMatch(/Too many unknown resume codes/);
  });
});
