import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../../test/support/postgres-cluster.js';
import { openVinDecoder, type VinDecoder } from './decode-vin.js';

const HONDA = '1HGCM82633A004352';
const TESLA = '5YJ3E1EA2KF317000';

/** A stand-in for vPIC on 127.0.0.1 whose behaviour each test picks. */
let mode: 'fast' | 'slow' | 'error' | 'garbage' | 'unknown' = 'fast';
let requests: string[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (mode === 'slow') {
      setTimeout(() => answer(200, vpicAnswer('SLOWMAKE')), 120_000).unref();
      return;
    }
    if (mode === 'error') return answer(503, { Message: 'down' });
    if (mode === 'garbage') return answer(200, { hello: 'world' });
    if (mode === 'unknown') return answer(200, { Results: [{ Make: '', Model: '', ErrorCode: '7' }] });
    return answer(200, vpicAnswer('HONDA'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function vpicAnswer(make: string) {
  return {
    Count: 1,
    Message: 'Results returned successfully',
    Results: [
      {
        Make: make,
        Model: 'Accord',
        ModelYear: '2003',
        BodyClass: 'Coupe',
        FuelTypePrimary: 'Gasoline',
        ErrorCode: '0',
      },
    ],
  };
}

const opened: VinDecoder[] = [];
// Generous unless a test is about the timeout: a loaded machine must not turn a prompt answer
// into a fallback.
function decoder(vpicUrl?: string, vpicTimeoutMs = 30_000) {
  const warnings: Record<string, unknown>[] = [];
  const d = openVinDecoder({
    vpicUrl,
    vpicTimeoutMs,
    logger: { debug: () => {}, warn: (fields) => warnings.push(fields) },
  });
  opened.push(d);
  return { d, warnings };
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
  requests = [];
  mode = 'fast';
});

describe('offline decoding', () => {
  it('decodes make, model, year, body and fuel without a network', async () => {
    const { d } = decoder();
    expect(await d.decode(HONDA)).toEqual({
      decoded: { make: 'Honda', model: 'Accord', modelYear: 2003, bodyStyle: 'Coupe', fuelType: 'Gasoline' },
      source: 'offline',
    });
    expect((await d.decode(TESLA)).decoded).toMatchObject({ make: 'Tesla', model: 'Model 3', modelYear: 2019 });
  });

  it('answers null for a valid VIN it does not know', async () => {
    const { d } = decoder();
    // Valid check digit, but no manufacturer has the WMI "111".
    expect(await d.decode('11111111111111111')).toEqual({ decoded: null, source: null });
  });

  it('keeps working for one user when another closes', async () => {
    const a = decoder().d;
    const b = decoder().d;
    await a.decode(HONDA);
    await b.close();
    expect((await a.decode(HONDA)).source).toBe('offline');
  });
});

describe('online vPIC lookup', () => {
  const template = () => `${baseUrl}/api/vehicles/decodevinvalues/{vin}?format=json`;

  it('uses a fast answer, with the VIN in the path and the make tidied', async () => {
    const { d, warnings } = decoder(template());
    expect(await d.decode(HONDA)).toEqual({
      decoded: { make: 'Honda', model: 'Accord', modelYear: 2003, bodyStyle: 'Coupe', fuelType: 'Gasoline' },
      source: 'nhtsa',
    });
    expect(requests).toEqual([`/api/vehicles/decodevinvalues/${HONDA}?format=json`]);
    expect(warnings).toEqual([]);
  });

  it('falls back to offline when the answer is slower than the timeout, without waiting for it', async () => {
    mode = 'slow';
    const { d, warnings } = decoder(template(), 300);
    // The slow answer would come after two minutes, past the test's own limit: answering at all
    // (offline) shows the lookup gave up at the timeout instead of waiting for it.
    const result = await d.decode(HONDA);
    expect(result).toMatchObject({ source: 'offline', decoded: { make: 'Honda' } });
    expect(warnings.at(-1)).toEqual({ reason: 'timeout' });
  });

  it('falls back to offline when the connection is refused', async () => {
    const port = await findFreePort();
    const { d, warnings } = decoder(`http://127.0.0.1:${port}/decode/{vin}`);
    expect(await d.decode(HONDA)).toMatchObject({ source: 'offline', decoded: { model: 'Accord' } });
    expect(warnings).toEqual([{ reason: 'ECONNREFUSED' }]);
  });

  it.each([
    ['an HTTP error', 'error', 'HTTP 503'],
    ['an answer of another shape', 'garbage', 'unexpected answer'],
  ] as const)('falls back to offline on %s', async (_name, behaviour, reason) => {
    mode = behaviour;
    const { d, warnings } = decoder(template());
    expect((await d.decode(HONDA)).source).toBe('offline');
    expect(warnings).toEqual([{ reason }]);
  });

  it('asks the offline decoder too when vPIC does not know the VIN, without a warning', async () => {
    mode = 'unknown';
    const { d, warnings } = decoder(template());
    expect((await d.decode(HONDA)).source).toBe('offline');
    expect(warnings).toEqual([]);
  });

  it('never logs the VIN or the URL', async () => {
    mode = 'error';
    const { d, warnings } = decoder(template());
    await d.decode(HONDA);
    expect(JSON.stringify(warnings)).not.toContain(HONDA);
    expect(JSON.stringify(warnings)).not.toContain('127.0.0.1');
  });
});
