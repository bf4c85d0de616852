/**
 * (a) Backups are consistent while another process keeps committing: each one finishes,
 * verifies, and holds the writer's rows 1..M with no gap — the data at a single commit.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { listBackups } from '../../src/backup/list-backups.js';
import { resolveBackup } from '../../src/backup/resolve-backup.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { readSnapshotRows } from '../../src/backup/snapshot-rows.js';

import { describeEachEngine } from '../support/engines.js';
import { createFixture, type Fixture, seedEnrollments, startCommitWriter } from './support.js';

const BACKUPS_DURING_WRITES = 3;

describeEachEngine('backups while another process commits', (engine) => {
  let source: Fixture;
  let writer: ChildProcess | undefined;

  beforeEach(async () => {
    source = await createFixture(engine);
  });
  afterEach(async () => {
    writer?.kill('SIGKILL');
    await source.dispose();
  });

  it('takes backups that each hold exactly seq 1..M, and restore them', async () => {
    const runtime = await source.open();
    try {
      await seedEnrollments(runtime, 3);
      writer = await startCommitWriter(source);
      const names: string[] = [];
      for (let i = 0; i < BACKUPS_DURING_WRITES; i++) {
        // A backup that waited on the writer forever would show as the test's time-out; no
        // speed bound here, so the suite holds on a busy machine.
        names.push((await createBackup(runtime, { kind: 'manual' })).name);
      }
      writer.kill('SIGKILL');

      const listed = await listBackups(source.config.paths.backups);
      expect(listed.map((b) => b.name).sort()).toEqual([...names].sort());
      expect(listed.every((b) => b.verified === true)).toBe(true);

      if (engine === 'sqlite') expectSqliteCliAccepts(path.join(listed[0]?.path as string, 'database.sqlite'));
      const highest: number[] = [];
      for (const backup of listed.reverse()) highest.push(assertContiguous(await seqsIn(backup.path, engine)));
      // The writer really was committing between backups: each later snapshot saw more.
      expect(highest[0]).toBeGreaterThan(0);
      expect(highest[BACKUPS_DURING_WRITES - 1]).toBeGreaterThan(highest[0] as number);
    } finally {
      await runtime.close();
    }

    const target = await createFixture(engine);
    try {
      const backupDir = (await listBackups(source.config.paths.backups))[1]?.path as string;
      await restoreBackup(target.config, await resolveBackup(target.config.paths.backups, backupDir));
      const restored = await target.open();
      try {
        const rows = await restored.db.kysely
          .selectFrom('audit_events')
          .select('details')
          .where('action', '=', 'test.tick')
          .execute();
        assertContiguous(rows.map((r) => (JSON.parse(r.details) as { seq: number }).seq));
      } finally {
        await restored.close();
      }
    } finally {
      await target.dispose();
    }
  });
});

/** The writer's seq values in a backup's snapshot, read through the engine-neutral row reader. */
async function seqsIn(backupDir: string, engine: string): Promise<number[]> {
  const format = engine === 'sqlite' ? 'sqlite' : 'jsonl';
  const file = path.join(backupDir, format === 'sqlite' ? 'database.sqlite' : 'database.jsonl');
  const seqs: number[] = [];
  for await (const { table, row } of readSnapshotRows(file, format)) {
    if (table === 'audit_events' && row.action === 'test.tick') seqs.push(JSON.parse(String(row.details)).seq);
  }
  return seqs;
}

/** The snapshot is a plain SQLite file: the sqlite3 shell (when installed) opens and checks it. */
function expectSqliteCliAccepts(file: string): void {
  let output: string;
  try {
    output = execFileSync('sqlite3', ['-readonly', file, 'pragma integrity_check; select count(*) from enrollments;'], {
      encoding: 'utf8',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  expect(output.trim().split('\n')).toEqual(['ok', '3']);
}

/** Asserts the values are exactly 1..M and returns M. */
function assertContiguous(seqs: number[]): number {
  const sorted = [...seqs].sort((a, b) => a - b);
  expect(sorted.length).toBeGreaterThan(0);
  expect(sorted).toEqual(Array.from({ length: sorted.length }, (_, i) => i + 1));
  return sorted.length;
}
