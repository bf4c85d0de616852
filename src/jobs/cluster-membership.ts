import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Runtime } from '../runtime.js';
import { newId } from '../storage/ids.js';
import {
  deregisterInstance,
  heartbeatInstance,
  type NewestBackup,
  registerInstance,
  removeExpiredInstances,
} from '../storage/repositories/instance.repository.js';

/** How often a server renews its row, and how long a row counts as live without renewal. */
export const HEARTBEAT_MS = 10_000;
export const INSTANCE_TTL_MS = 30_000;
/** Rows of crashed instances are kept this long past expiry, for `byov status` to explain. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export interface ClusterMembership {
  readonly id: string;
  /** Renews the heartbeat now (the timer calls this too). */
  beat(): Promise<void>;
  /** Stops heartbeating and removes the row: a clean stop leaves nothing to wait for. */
  leave(): Promise<void>;
}

/** Registers this server in the database and heartbeats until `leave()`. */
export async function joinCluster(
  runtime: Pick<Runtime, 'db' | 'now'>,
  options: {
    address: string | null;
    logger?: Pick<Logger, 'warn'>;
    heartbeatMs?: number;
    ttlMs?: number;
    /** Also renewed with each heartbeat (the policy versions this instance serves). */
    onBeat?: (now: Date) => Promise<void>;
    /** Published with each heartbeat: the newest verified backup on this instance's disk. */
    newestBackup?: () => Promise<NewestBackup | null>;
  },
): Promise<ClusterMembership> {
  const db = runtime.db.kysely;
  const ttlMs = options.ttlMs ?? INSTANCE_TTL_MS;
  const id = `${hostname()}:${process.pid}:${newId().slice(-8)}`;
  const startedAt = runtime.now().toISOString();
  const expiry = (now: Date) => new Date(now.getTime() + ttlMs).toISOString();
  const newestBackup = async () => (options.newestBackup ? options.newestBackup() : null);
  const register = async () => {
    const now = runtime.now();
    await registerInstance(db, {
      id,
      host: hostname(),
      pid: process.pid,
      address: options.address,
      startedAt,
      heartbeatAt: now.toISOString(),
      expiresAt: expiry(now),
      newestBackup: await newestBackup(),
    });
  };
  await register();
  await removeExpiredInstances(db, new Date(runtime.now().getTime() - FORGET_AFTER_MS).toISOString());

  const beat = async () => {
    const now = runtime.now();
    await options.onBeat?.(now);
    const renewal = { now: now.toISOString(), expiresAt: expiry(now), newestBackup: await newestBackup() };
    if (await heartbeatInstance(db, id, renewal)) return;
    // The row was removed (this process stalled past its expiry): join again.
    options.logger?.warn({ instance: id }, 'instance row was missing; registering again');
    await register();
  };
  let stopped = false;
  const timer = setInterval(() => {
    beat().catch((error) => options.logger?.warn({ err: error }, 'instance heartbeat failed'));
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    id,
    beat,
    leave: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await deregisterInstance(db, id);
    },
  };
}
