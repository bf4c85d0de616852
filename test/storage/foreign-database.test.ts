import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeLegacyInstallation } from '../legacy/legacy-fixtures.js';
import { makeTempDir } from '../support/engines.js';
import { runCli } from '../support/server-process.js';

/** Every path under `dir` (folders too) with the SHA-256 of each file's bytes. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, file)] = entry.isFile()
      ? createHash('sha256')
          .update(await readFile(file))
          .digest('hex')
      : 'dir';
  }
  return result;
}

/** Commands that open the configured database for writing, and `serve` (what npm start runs). */
const COMMANDS = [['status', '--json'], ['backup', '--json'], ['migrate', '--json'], ['serve']];

describe('a database this product did not create is left untouched', () => {
  let temp: { dir: string; remove(): Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it("refuses the earlier version's byov.db, names import-legacy, and changes no byte of its folder", async () => {
    const installation = await writeLegacyInstallation(temp.dir, 'head-migrated');
    const dataDir = path.dirname(installation.database);
    const env = { DATA_DIR: dataDir, DATABASE_URL: '', HOST: '127.0.0.1', PORT: '0' };
    const before = await fingerprint(temp.dir);
    for (const args of COMMANDS) {
      const result = await runCli(args, env);
      expect(result.code, `byov ${args.join(' ')}`).toBe(1);
      const output = result.stdout + result.stderr;
      expect(output).toContain('import-legacy');
      if (args.includes('--json')) expect(JSON.parse(result.stdout).error.code).toBe('FOREIGN_DATABASE');
      expect(await fingerprint(temp.dir), `after byov ${args.join(' ')}`).toEqual(before);
    }
    const db = new SqliteDatabase(installation.database, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      db.close();
    }
  });

  it('refuses any other SQLite file, in rollback or WAL mode, without leaving -wal or -shm files', async () => {
    for (const mode of ['delete', 'wal']) {
      const dataDir = path.join(temp.dir, mode);
      const file = path.join(dataDir, 'byov.db');
      await mkdir(dataDir);
      const other = new SqliteDatabase(file);
      other.pragma(`journal_mode = ${mode}`);
      other.exec("create table notes (id integer primary key, body text); insert into notes (body) values ('kept')");
      other.close();
      const before = await fingerprint(dataDir);
      for (const args of [['status', '--json'], ['serve']]) {
        const result = await runCli(args, { DATA_DIR: dataDir, DATABASE_URL: '', HOST: '127.0.0.1', PORT: '0' });
        expect(result.code, `byov ${args.join(' ')} (${mode})`).toBe(1);
        expect(result.stdout + result.stderr).toContain('did not create');
        expect(await fingerprint(dataDir), `after byov ${args.join(' ')} (${mode})`).toEqual(before);
      }
    }
  });
});
