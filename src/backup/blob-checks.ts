import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../files/durable-fs.js';

/** In `data/backups/`: when each blob was last re-hashed, and which were found damaged or missing. */
export const BLOB_CHECKS_FILE = 'blob-checks.json';

export type BlobState = 'ok' | 'damaged' | 'missing';

export interface BlobCheck {
  state: BlobState;
  /** UTC ISO time of the hash (or the look) that found this state. */
  at: string;
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
  ) {}

  static async load(backupsDir: string): Promise<BlobChecks> {
    const file = path.join(backupsDir, BLOB_CHECKS_FILE);
    const entries = new Map<string, BlobCheck>();
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as { blobs?: Record<string, [BlobState, string]> };
      for (const [key, value] of Object.entries(parsed.blobs ?? {})) {
        if (Array.isArray(value) && typeof value[1] === 'string') entries.set(key, { state: value[0], at: value[1] });
      }
    } catch {
      // Missing or unreadable: every blob counts as never checked.
    }
    return new BlobChecks(file, entries);
  }

  get(key: string): BlobCheck | undefined {
    return this.entries.get(key);
  }

  record(key: string, state: BlobState, at: Date): void {
    this.entries.set(key, { state, at: at.toISOString() });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /** Keys recorded as damaged or missing. */
  bad(): Set<string> {
    return new Set([...this.entries].filter(([, check]) => check.state !== 'ok').map(([key]) => key));
  }

  /**
   * Of `keys`, the ones to re-hash now: never checked, not good at the last check, or checked
   * longer ago than `periodDays`; then the longest unchecked others up to a share of 1/periodDays
   * of all, so the work spreads over the period instead of falling due all at once.
   */
  due(keys: readonly string[], now: Date, periodDays: number): Set<string> {
    const limit = now.getTime() - periodDays * 86_400_000;
    const due = new Set<string>();
    const others: { key: string; at: number }[] = [];
    for (const key of keys) {
      const check = this.entries.get(key);
      const at = check ? Date.parse(check.at) : Number.NaN;
      if (!check || check.state !== 'ok' || !(at > limit)) due.add(key);
      else others.push({ key, at });
    }
    const share = Math.ceil(keys.length / periodDays);
    others.sort((a, b) => a.at - b.at);
    for (const { key } of others) {
      if (due.size >= share) break;
      due.add(key);
    }
    return due;
  }

  async save(): Promise<void> {
    const blobs: Record<string, [BlobState, string]> = {};
    for (const [key, check] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      blobs[key] = [check.state, check.at];
    }
    await writeFileDurably(this.file, `${JSON.stringify({ format: 'byov-blob-checks', blobs })}\n`);
  }
}
