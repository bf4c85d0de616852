import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine } from '../support/engines.js';
import { findFreePort } from '../support/postgres-cluster.js';
import { expectError } from '../support/responses.js';

const HONDA = '1HGCM82633A004352';

describeEachEngine('GET /api/vin/:vin and GET /api/policy', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('decodes a valid VIN offline, normalising what was typed', async () => {
    const response = await t.app.inject({ url: `/api/vin/${encodeURIComponent(' 1hgcm82633a004352 ')}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      vin: HONDA,
      decoded: { make: 'Honda', model: 'Accord', modelYear: 2003, bodyStyle: 'Coupe', fuelType: 'Gasoline' },
      source: 'offline',
    });
  });

  it('answers decoded null for a valid VIN nobody knows', async () => {
    expect((await t.app.inject({ url: '/api/vin/11111111111111111' })).json()).toEqual({
      vin: '11111111111111111',
      decoded: null,
      source: null,
    });
  });

  it.each([
    ['1HGCM82693A004352', 'check digit'],
    ['1HGCM82633A00435', '17 characters'],
    ['1HGCM82633A0O4352', 'the letter O'],
    ['<svg/onload=1234>', 'letters and digits'],
  ])('refuses %s with the checkVin message, without echoing it', async (vin, words) => {
    const response = await t.app.inject({ url: `/api/vin/${encodeURIComponent(vin)}` });
    const error = expectError(response);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'vin' });
    expect(error.message).toContain(words);
    expect(response.body).not.toContain(vin);
  });

  it('gives the IRS-rate policy to CA, IL and WA and the fixed-rate one elsewhere, with its hash', async () => {
    for (const [state, templateId] of [
      ['IL', 'irs-rate'],
      ['california', 'irs-rate'],
      ['Washington', 'irs-rate'],
      ['TX', 'fixed-rate'],
      ['District of Columbia', 'fixed-rate'],
    ]) {
      const response = await t.app.inject({ url: `/api/policy?state=${encodeURIComponent(state as string)}` });
      expect(response.statusCode, state).toBe(200);
      const policy = response.json();
      expect(policy.templateId, state).toBe(templateId);
      expect(policy).toEqual({
        templateId,
        version: expect.any(String),
        title: expect.any(String),
        text: expect.stringContaining('35 minutes'),
        sha256: createHash('sha256').update(policy.text, 'utf8').digest('hex'),
        language: 'en',
      });
    }
  });

  it.each(['?state=Ontario', '?state=', ''])('refuses the policy query %j, naming the state', async (query) => {
    expect(expectError(await t.app.inject({ url: `/api/policy${query}` }))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'state',
    });
  });
});

describeEachEngine('GET /api/vin/:vin with the online vPIC lookup', (engine) => {
  let server: Server;
  let base: string;
  let delayMs = 0;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.url ?? '');
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            Results: [
              {
                Make: 'HONDA',
                Model: 'Accord',
                ModelYear: '2003',
                BodyClass: 'Coupe',
                FuelTypePrimary: 'Gasoline',
              },
            ],
          }),
        );
      }, delayMs).unref();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function lookup(env: Record<string, string>) {
    const t = await startTestApp(engine, env);
    try {
      const started = Date.now();
      const response = await t.app.inject({ url: `/api/vin/${HONDA}` });
      return { body: response.json(), ms: Date.now() - started };
    } finally {
      await t.close();
    }
  }

  it('uses NHTSA when it answers in time', async () => {
    delayMs = 0;
    const { body } = await lookup({ VPIC_URL: `${base}/api/vehicles/decodevinvalues/{vin}?format=json` });
    expect(body).toMatchObject({ source: 'nhtsa', decoded: { make: 'Honda', model: 'Accord', modelYear: 2003 } });
    expect(seen.at(-1)).toBe(`/api/vehicles/decodevinvalues/${HONDA}?format=json`);
  });

  it('falls back to the offline decoder when NHTSA is slower than VPIC_TIMEOUT_MS', async () => {
    delayMs = 8000;
    const { body, ms } = await lookup({ VPIC_URL: `${base}/decode/{vin}`, VPIC_TIMEOUT_MS: '200' });
    expect(body).toMatchObject({ source: 'offline', decoded: { make: 'Honda' } });
    expect(ms).toBeLessThan(5000);
  });

  it('falls back to the offline decoder when NHTSA refuses the connection', async () => {
    const port = await findFreePort();
    const { body } = await lookup({ VPIC_URL: `http://127.0.0.1:${port}/decode/{vin}` });
    expect(body).toMatchObject({ source: 'offline', decoded: { model: 'Accord' } });
  });
});
