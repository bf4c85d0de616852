/**
 * A second process that commits audit events at a steady rate while a backup runs, through a
 * connection with the product's settings (WAL, synchronous=FULL, busy timeout). Each row's
 * details hold a strictly increasing `seq`, so a snapshot taken at one commit holds exactly
 * seq 1..M of them.
 *
 * Usage: node --import tsx writer.ts <sqlite file> <commits per second> <actor>
 * Prints "started" after the first commit, then every 250 ms a JSON line
 * `{at, commits, latenciesMs}` (latencies of the commits since the previous line). Runs until
 * SIGTERM; a failed commit exits with code 1.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteFile } from '../../../src/storage/db.js';

const REPORT_EVERY_MS = 250;

async function main(): Promise<void> {
  const [file, rateText, actor] = process.argv.slice(2);
  const rate = Number(rateText);
  if (!file || !(rate > 0) || !actor) throw new Error('usage: writer.ts <sqlite file> <commits per second> <actor>');
  const db = openSqliteFile(file);
  const insert = db.prepare(
    `insert into audit_events (id, enrollment_id, actor, action, occurred_at, ip, user_agent, details)
     values (?, null, ?, 'bench.tick', ?, '127.0.0.1', null, ?)`,
  );
  let stopping = false;
  process.once('SIGTERM', () => {
    stopping = true;
  });
  const started = performance.now();
  let commits = 0;
  let latencies: number[] = [];
  let lastReport = started;
  const report = () => {
    process.stdout.write(`${JSON.stringify({ at: Date.now(), commits, latenciesMs: latencies })}\n`);
    latencies = [];
    lastReport = performance.now();
  };
  while (!stopping) {
    const before = performance.now();
    insert.run(randomUUID(), actor, new Date().toISOString(), JSON.stringify({ seq: commits + 1 }));
    const after = performance.now();
    commits++;
    latencies.push(Math.round((after - before) * 100) / 100);
    if (commits === 1) process.stdout.write('started\n');
    if (after - lastReport >= REPORT_EVERY_MS) report();
    // Commit n is due at started + n/rate; a writer that fell behind catches up without sleeping.
    const due = started + (commits * 1000) / rate;
    await sleep(Math.max(0, due - performance.now()));
  }
  report();
  db.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
