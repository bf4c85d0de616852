import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';
import { readSetting, writeSetting } from '../storage/repositories/settings.repository.js';
import type { CheckReport, FileProblem } from './check-live-data.js';

/**
 * What the last checks of the live data found, kept in the database (a `settings` row) so that
 * every instance's `/health`, `byov status` and the admin overview see it. Only ids, storage keys
 * and SQLite's own sentences: no personal data.
 */
export interface LiveDataFindings {
  /** When a check last ran (a nightly slice or a full `byov check`). */
  lastCheckedAt: string | null;
  database: string[];
  files: (FileProblem & { foundAt: string })[];
}

const KEY = 'live_data_check';

export async function readLiveDataFindings(db: Kysely<Database>): Promise<LiveDataFindings> {
  const value = (await readSetting(db, KEY)) as Partial<LiveDataFindings> | undefined;
  return {
    lastCheckedAt: value?.lastCheckedAt ?? null,
    database: Array.isArray(value?.database) ? value.database : [],
    files: Array.isArray(value?.files) ? value.files : [],
  };
}

export function problemCount(findings: LiveDataFindings): number {
  return findings.database.length + findings.files.length;
}

/**
 * Records a check's report. `checked` names the storage keys it re-hashed (a slice), or is 'all':
 * earlier findings about other keys stand until a check re-reads them, unless no row names that
 * key any more. The database part is replaced each time, as every check runs it whole.
 */
export async function recordLiveDataCheck(
  db: Kysely<Database>,
  report: CheckReport,
  checked: ReadonlySet<string> | 'all',
  stillNamed: (key: string) => boolean,
): Promise<LiveDataFindings> {
  const previous = await readLiveDataFindings(db);
  const kept =
    checked === 'all' ? [] : previous.files.filter((f) => !checked.has(f.storageKey) && stillNamed(f.storageKey));
  const since = new Map(previous.files.map((f) => [f.storageKey, f.foundAt]));
  const found = report.files.problems.map((p) => ({ ...p, foundAt: since.get(p.storageKey) ?? report.checkedAt }));
  const findings: LiveDataFindings = {
    lastCheckedAt: report.checkedAt,
    database: report.database,
    files: [...kept, ...found].sort((a, b) => (a.storageKey < b.storageKey ? -1 : 1)),
  };
  await writeSetting(db, KEY, findings, report.checkedAt);
  return findings;
}
