import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, describeEachEngine, makeTempDir, type TestDatabase } from '../support/engines.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';

const VIN = '1HGCM82633A004352';

describeEachEngine('the server with the wizard routes', (engine) => {
  let temp: { dir: string; remove(): Promise<void> };
  let database: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase(engine);
    server = await startServerProcess({ DATA_DIR: temp.dir, DATABASE_URL: database.databaseUrl, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    if (server.child.exitCode === null) await server.kill9();
    await database.dispose();
    await temp.remove();
  });

  it('logs requests without the VIN or the resume code, and stops cleanly', async () => {
    const vin = await fetch(`${server.url}/api/vin/${VIN}`);
    expect(((await vin.json()) as { decoded: unknown }).decoded).toMatchObject({ make: 'Honda' });
    const draft = (await (await fetch(`${server.url}/api/drafts`, { method: 'POST' })).json()) as {
      resumeCode: string;
    };
    const code = draft.resumeCode;
    expect((await fetch(`${server.url}/api/drafts/${code}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/drafts/${code.toLowerCase()}`)).status).toBe(200);

    expect(await server.stop()).toBe(0);
    const logs = server.logLines.join('\n');
    expect(logs).toContain('/api/vin/***');
    expect(logs).toContain('/api/drafts/***');
    for (const secret of [VIN, code, code.replace('-', ''), code.toLowerCase()]) expect(logs).not.toContain(secret);
  });
});
