import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, tokenOf } from '../support/admin-session.js';
import { createTestDatabase, describeEachEngine, makeTempDir, type TestDatabase } from '../support/engines.js';
import { runCli, type ServerProcess, startServerProcess } from '../support/server-process.js';

describeEachEngine('first start and `byov admin`', (engine) => {
  let temp: { dir: string; remove(): Promise<void> };
  let database: TestDatabase;
  let env: Record<string, string | undefined>;
  let server: ServerProcess;

  beforeAll(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase(engine);
    env = { DATA_DIR: temp.dir, DATABASE_URL: database.databaseUrl, BACKUP_SCHEDULE: '0 3 1 1 *' };
    server = await startServerProcess(env);
  });
  afterAll(async () => {
    await server.stop();
    await database.dispose();
    await temp.remove();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const setUp = async (link: string, email: string, password = PASSWORD) =>
    post('/api/auth/setup', { token: tokenOf(link), email, password, displayName: 'Someone' });

  it('logs a one-time setup link on first start, and it creates the first admin', async () => {
    const link = await waitForSetupLink(server);
    const response = await setUp(link, 'owner@example.com');
    expect(response.status).toBe(201);
    expect(((await response.json()) as { user: unknown }).user).toMatchObject({
      email: 'owner@example.com',
      role: 'admin',
    });
    // Only the setup link is a secret the log may carry; the password never appears.
    expect(server.logLines.join('\n')).not.toContain(PASSWORD);
  });

  it('creates an account and resets its password from the CLI, each with a one-time link', async () => {
    const created = await runCli(['admin', 'create', 'Rev@Example.com', '--role', 'reviewer', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    const { user, setupLink } = JSON.parse(created.stdout);
    expect(user).toMatchObject({ email: 'rev@example.com', role: 'reviewer', passwordSet: false });
    expect((await setUp(setupLink, 'rev@example.com')).status).toBe(201);

    const duplicate = await runCli(['admin', 'create', 'rev@example.com'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('already exists');

    const reset = await runCli(['admin', 'reset-password', 'rev@example.com'], env);
    expect(reset.code, reset.stderr).toBe(0);
    const resetLink = /(http\S+\/admin\/setup\?token=\S+)/.exec(reset.stdout)?.[1] as string;
    expect(resetLink).toBeDefined();
    const signIn = (password: string) => post('/api/auth/login', { email: 'rev@example.com', password });
    expect((await signIn(PASSWORD)).status).toBe(200);
    expect((await setUp(resetLink, 'rev@example.com', 'a brand new passphrase')).status).toBe(201);
    expect((await signIn(PASSWORD)).status).toBe(401);
    expect((await signIn('a brand new passphrase')).status).toBe(200);

    const unknown = await runCli(['admin', 'reset-password', 'ghost@example.com', '--json'], env);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error.code).toBe('NOT_FOUND');
  });
});

async function waitForSetupLink(server: ServerProcess): Promise<string> {
  for (let i = 0; i < 100; i++) {
    for (const line of server.logLines) {
      const entry = JSON.parse(line) as { setupLink?: string };
      if (entry.setupLink) return entry.setupLink;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the server logged no setup link');
}
