import { simpleParser } from 'mailparser';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN } from '../support/app-harness.js';
import { createTestDatabase, describeEachEngine, makeTempDir, type TestDatabase } from '../support/engines.js';
import { buildSubmissionForm, makeSubmissionFiles, validEnrollmentData } from '../support/fixtures.js';
import { runCli, startServerProcess } from '../support/server-process.js';
import { freePort, SmtpSink } from '../support/smtp-sink.js';

describeEachEngine('the outbox sender in a real server process', (engine) => {
  let temp: { dir: string; remove(): Promise<void> };
  let database: TestDatabase;
  let env: Record<string, string | undefined>;
  let sink: SmtpSink;

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase(engine);
    sink = new SmtpSink();
    env = {
      DATA_DIR: temp.dir,
      DATABASE_URL: database.databaseUrl,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      MAIL_FROM: 'byov@example.com',
      MAIL_POLL_SECONDS: '0.2',
      MAIL_RETRY_BASE_SECONDS: '1',
    };
  });
  afterEach(async () => {
    await sink.close().catch(() => undefined);
    await database.dispose();
    await temp.remove();
  });

  it('delivers a message after SIGKILL mid-send, with the same Message-ID', async () => {
    sink.mode = 'stall';
    env.SMTP_URL = await sink.listen();
    const first = await startServerProcess(env);
    try {
      const response = await fetch(`${first.url}/api/enrollments`, {
        method: 'POST',
        body: buildSubmissionForm(validEnrollmentData({ techId: 'KILL-1' }), await makeSubmissionFiles(10_000)),
      });
      expect(response.status).toBe(201);
      // The server has sent the whole message and waits for the answer that never comes.
      await waitUntil(() => sink.stalled.length > 0);
    } finally {
      await first.kill9();
    }
    const cut = await simpleParser(sink.stalled[0] as Buffer);

    // Without SMTP the message waits, and the status says so.
    const status = await runCli(['status'], { ...env, SMTP_URL: undefined });
    expect(status.stdout).toContain('e-mail is not configured: 1 message waiting');

    sink.mode = 'accept';
    if (engine === 'postgres') {
      // Another instance takes over once the dead one's lease expires (90 s); time passes here.
      const db = new pg.Client({ connectionString: database.databaseUrl });
      await db.connect();
      await db.query(`update job_leases set expires_at = '2000-01-01T00:00:00.000Z'`);
      await db.end();
    }
    const second = await startServerProcess(env);
    try {
      await sink.waitFor(() => sink.received.length >= 1);
      expect(sink.received[0]?.parsed.messageId).toBe(cut.messageId);
      expect(sink.received[0]?.parsed.subject).toBe(cut.subject);
      const json = await runCli(['status', '--json'], env);
      expect(JSON.parse(json.stdout).mail).toMatchObject({ configured: true, waiting: 0, sent: 1, failed: 0 });
      expect(second.logLines.join('\n')).not.toContain('example.com');
    } finally {
      await second.stop();
    }
    expect(sink.received).toHaveLength(1);
  }, 180_000);

  it('`byov mail test` reports acceptance, the exact refusal, or that e-mail is not configured', async () => {
    env.SMTP_URL = await sink.listen();
    const ok = await runCli(['mail', 'test', 'ops@example.com'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Sent to ops@example.com\. The server answered: 250/);
    expect(sink.to('ops@example.com')[0]?.parsed.subject).toBe('[BYOV Program] Test e-mail');

    sink.mode = 'refuse';
    const refused = await runCli(['mail', 'test', 'ops@example.com', '--json'], env);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error).toMatchObject({ code: 'MAIL_REFUSED' });
    expect(JSON.parse(refused.stdout).error.message).toContain('554 5.7.1 Relaying denied for this test');

    const unconfigured = await runCli(['mail', 'test', 'ops@example.com'], { ...env, SMTP_URL: undefined });
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.stderr).toContain('E-mail is not configured');

    const down = await runCli(['mail', 'test', 'ops@example.com'], {
      ...env,
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/ECONNREFUSED|connect/i);
  }, 180_000);
});

async function waitUntil(predicate: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
