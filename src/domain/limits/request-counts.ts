import type { Db } from '../../storage/db.js';
import {
  countHit,
  readHits,
  removeEndedWindows,
  type WindowCount,
} from '../../storage/repositories/rate-limit.repository.js';

export type { WindowCount };

/**
 * Request counts behind the per-address limits, kept in the database so that every instance
 * sharing it counts into the same fixed windows: a limit holds for the whole cluster.
 */
export function countRequest(db: Db, key: string, now: Date, windowMs: number): Promise<WindowCount> {
  return countHit(db.kysely, key, now.toISOString(), new Date(now.getTime() + windowMs).toISOString());
}

/** The count in `key`'s current window without adding to it; undefined once the window ended. */
export function readRequestCount(db: Db, key: string, now: Date): Promise<WindowCount | undefined> {
  return readHits(db.kysely, key, now.toISOString());
}

export function forgetEndedWindows(db: Db, now: Date): Promise<void> {
  return removeEndedWindows(db.kysely, now.toISOString());
}
