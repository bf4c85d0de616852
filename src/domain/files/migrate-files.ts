import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { sha256Stream } from '../../files/durable-fs.js';
import type { FileStore } from '../../files/file-store.js';
import { FILE_COPY_CONCURRENCY, forEachConcurrently } from '../../files/for-each-concurrently.js';
import type { Db } from '../../storage/db.js';
import { listAllReferencedStorageKeys } from '../../storage/repositories/draft.repository.js';

export type MigrationProblem =
  | 'missing at the source'
  | 'damaged at the source'
  | 'not verified at the destination'
  | 'copy failed';

export interface FilesMigrationReport {
  /** Files the source holds plus files the database names, each counted once. */
  total: number;
  copied: number;
  /** Already at the destination with the right hash (an earlier, interrupted run, or shared storage). */
  alreadyThere: number;
  /** Verified at the destination by an earlier run (from the journal); checked present now. */
  resumed: number;
  problems: { key: string; problem: MigrationProblem }[];
  /** True only when every file is at the destination and its SHA-256 was checked there. */
  complete: boolean;
}

export interface FilesMigrationDeps {
  db: Db;
  source: FileStore;
  destination: FileStore;
  /** Names the destination in the journal: a journal written for another destination is ignored. */
  destinationLabel: string;
  /** Where verified keys are recorded, so an interrupted run resumes without rereading them. */
  journalPath: string;
  onFile?: (done: number, total: number) => void;
}

/** Files uploaded while a pass ran are picked up by another pass; a busy server may need a few. */
const MAX_PASSES = 5;

/**
 * Copies every stored file (and every file a row names) from one store to another, reading each
 * back from the destination and checking its SHA-256 before counting it. It never removes or
 * changes anything at the source. Verified keys are journalled, so running it again resumes.
 */
export async function migrateFiles(deps: FilesMigrationDeps): Promise<FilesMigrationReport> {
  const journal = await openJournal(deps.journalPath, deps.destinationLabel);
  const report: FilesMigrationReport = {
    total: 0,
    copied: 0,
    alreadyThere: 0,
    resumed: 0,
    problems: [],
    complete: false,
  };
  const seen = new Set<string>();
  try {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const keys = [...(await keysToMove(deps))].filter((key) => !seen.has(key));
      if (keys.length === 0) break;
      for (const key of keys) seen.add(key);
      report.total += keys.length;
      let done = report.total - keys.length;
      await forEachConcurrently(keys, FILE_COPY_CONCURRENCY, async (key) => {
        // One failed copy (a refused checksum, a timeout) is reported and the others go on.
        const outcome = await moveOne(deps, key, journal.verified.has(key)).catch(() => 'copy failed' as const);
        if (outcome === 'copied' || outcome === 'alreadyThere' || outcome === 'resumed') {
          report[outcome]++;
          if (outcome !== 'resumed') await journal.record(key);
        } else {
          report.problems.push({ key, problem: outcome });
        }
        deps.onFile?.(++done, report.total);
      });
    }
  } finally {
    await journal.close();
  }
  report.complete = report.problems.length === 0;
  return report;
}

async function keysToMove(deps: FilesMigrationDeps): Promise<Set<string>> {
  const keys = await listAllReferencedStorageKeys(deps.db.kysely);
  for await (const file of deps.source.list()) keys.add(file.key);
  return keys;
}

type Outcome = 'copied' | 'alreadyThere' | 'resumed' | MigrationProblem;

async function moveOne(deps: FilesMigrationDeps, key: string, journalled: boolean): Promise<Outcome> {
  if (journalled && (await deps.destination.has(key))) return 'resumed';
  if (await hashesTo(deps.destination, key)) return 'alreadyThere';
  if (!(await deps.source.has(key))) return 'missing at the source';
  const source = deps.source.read(key);
  source.on('error', () => {}); // reported by stage() below, which reads it
  const staged = await deps.destination.stage(source, { maxBytes: Number.MAX_SAFE_INTEGER });
  if (staged.sha256 !== key) {
    await deps.destination.discard(staged);
    return 'damaged at the source';
  }
  await deps.destination.commit(staged);
  return (await hashesTo(deps.destination, key)) ? 'copied' : 'not verified at the destination';
}

async function hashesTo(store: FileStore, key: string): Promise<boolean> {
  if (!(await store.has(key))) return false;
  return (await sha256Stream(store.read(key))) === key;
}

/** An append-only list of verified keys; its first line names the destination it is about. */
async function openJournal(file: string, label: string) {
  await mkdir(path.dirname(file), { recursive: true });
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter((line) => line !== '');
  const matches = lines[0] === `destination ${label}`;
  if (!matches) await rm(file, { force: true });
  const verified = new Set(matches ? lines.slice(1) : []);
  const handle = await open(file, 'a');
  if (!matches) await handle.write(`destination ${label}\n`);
  let unsynced = 0;
  return {
    verified,
    async record(key: string) {
      await handle.write(`${key}\n`);
      // Losing the last few lines to a crash costs only rereading those files; sync now and then.
      if (++unsynced >= 50) {
        unsynced = 0;
        await handle.sync();
      }
    },
    async close() {
      await handle.sync();
      await handle.close();
    },
  };
}
