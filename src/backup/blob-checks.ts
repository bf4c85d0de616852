import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../files/durable-fs.js';

/** One blob's entry on disk: state, time, and (since they are recorded) size and mtime. */
type SavedCheck = [BlobState, string, number?, number?];

/** In `data/backups/`: when each blob was last re-hashed, and which were found damaged or missing. */
export const BLOB_CHECKS_FILE = 'blob-checks.json';

export type BlobState = 'ok' | 'damaged' | 'missing';

export interface BlobCheck {
  state: BlobState;
  /** UTC ISO time of the hash (or the look) that found this state. */
  at: string;
  /** The blob file's size and modification time when it was hashed: any change means re-hash. */
  size?: number;
  mtimeMs?: number;
}

/** What `stat` says about a blob file, compared with what was recorded when it was hashed. */
export interface BlobFileStat {
  size: number;
  mtimeMs: number;
}

/** The size and modification time of a blob file, or undefined when it is missing. */
export function statBlob(file: string): Promise<BlobFileStat | undefined> {
  return stat(file).then(
    // Whole milliseconds: a rewrite moves the mtime far more, and copies of the folder (cp -p,
    // rsync -t) keep only this much of it.
    (info) => ({ size: info.size, mtimeMs: Math.trunc(info.mtimeMs) }),
    () => undefined,
  );
}

/**
 * The backup store's memory of its own blobs, so a backup re-hashes only what it has not checked
 * lately (new blobs plus a rolling share of old ones) and `list` and health stop calling a backup
 * verified once one of its blobs was found bad, whichever command found it. Only written by a
 * holder of the backups folder lock; a lost or damaged file only means more hashing next time.
 */
export class BlobChecks {
  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, BlobCheck>,
    /** When `due` last handed out a rolling share (UTC ISO); unknown in files written before it was kept. */
    private rolledAt: string | undefined,
  ) {}

  static async load(backupsDir: string): Promise<BlobChecks> {
    const file = path.join(backupsDir, BLOB_CHECKS_FILE);
    const entries = new Map<string, BlobCheck>();
    let rolledAt: string | undefined;
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as {
        blobs?: Record<string, SavedCheck>;
        rolledAt?: unknown;
      };
      if (typeof parsed.rolledAt === 'string' && !Number.isNaN(Date.parse(parsed.rolledAt))) rolledAt = parsed.rolledAt;
      for (const [key, value] of Object.entries(parsed.blobs ?? {})) {
        if (!Array.isArray(value) || typeof value[1] !== 'string') continue;
        const [state, at, size, mtimeMs] = value;
        entries.set(key, {
          state,
          at,
          ...(typeof size === 'number' && typeof mtimeMs === 'number' ? { size, mtimeMs } : {}),
        });
      }
    } catch {
      // Missing or unreadable: every blob counts as never checked.
    }
    return new BlobChecks(file, entries, rolledAt);
  }

  get(key: string): BlobCheck | undefined {
    return this.entries.get(key);
  }

  /** `file`: the blob as it was hashed, so a later change to it (by anyone) is noticed. */
  record(key: string, state: BlobState, at: Date, file?: BlobFileStat): void {
    this.entries.set(key, { state, at: at.toISOString(), ...(file ? { size: file.size, mtimeMs: file.mtimeMs } : {}) });
  }

  /**
   * Whether the blob can be trusted without re-hashing it: found good within `periodDays`, and
   * its file has the size and modification time it had then. Rewriting a blob in place (a
   * tampered or restored file) changes its mtime, so it is re-hashed before it is trusted again.
   */
  trusted(key: string, file: BlobFileStat | undefined, now: Date, periodDays: number): boolean {
    const check = this.entries.get(key);
    if (check?.state !== 'ok' || !file) return false;
    // Within a millisecond: tools that copy or set times keep them only that precisely.
    if (check.size !== file.size || check.mtimeMs === undefined || Math.abs(check.mtimeMs - file.mtimeMs) > 1) {
      return false;
    }
    return Date.parse(check.at) > now.getTime() - periodDays * 86_400_000;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Keys recorded as damaged or missing. */
  bad(): Set<string> {
    return new Set([...this.entries].filter(([, check]) => check.state !== 'ok').map(([key]) => key));
  }

  /**
   * Of `keys`, the ones to re-hash now (and the share is counted as handed out): never checked, not good at the last check, or checked
   * longer ago than `periodDays`; then the longest unchecked others, as many as the time since
   * the last share is of the period (1/periodDays of all when that time is unknown), so the work
   * spreads over the period whatever the backup schedule: hourly backups each re-read 1/24 of a
   * daily share, and a backup right after another re-reads almost nothing.
   */
  takeDue(keys: readonly string[], now: Date, periodDays: number): Set<string> {
    const limit = now.getTime() - periodDays * 86_400_000;
    const due = new Set<string>();
    const others: { key: string; at: number }[] = [];
    for (const key of keys) {
      const check = this.entries.get(key);
      const at = check ? Date.parse(check.at) : Number.NaN;
      if (check?.state !== 'ok' || !(at > limit)) due.add(key);
      else others.push({ key, at });
    }
    const periodMs = periodDays * 86_400_000;
    const sinceLastShare = this.rolledAt ? now.getTime() - Date.parse(this.rolledAt) : periodMs / periodDays;
    const share = Math.ceil(keys.length * Math.min(1, Math.max(0, sinceLastShare) / periodMs));
    this.rolledAt = now.toISOString();
    others.sort((a, b) => a.at - b.at);
    for (const { key } of others) {
      if (due.size >= share) break;
      due.add(key);
    }
    return due;
  }

  async save(): Promise<void> {
    const blobs: Record<string, SavedCheck> = {};
    for (const [key, check] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      blobs[key] =
        check.size === undefined ? [check.state, check.at] : [check.state, check.at, check.size, check.mtimeMs];
    }
    const saved = { format: 'byov-blob-checks', ...(this.rolledAt ? { rolledAt: this.rolledAt } : {}), blobs };
    await writeFileDurably(this.file, `${JSON.stringify(saved)}\n`);
  }
}
