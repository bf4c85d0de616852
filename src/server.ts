import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';
import { type Config, describeDatabase } from './config.js';
import { buildApp } from './http/app.js';
import { sweepOrphanFiles } from './jobs/sweep-orphan-files.js';
import { createLogger } from './logger.js';
import { openRuntime } from './main.js';
import { acquireDataFolderLock } from './storage/data-folder-lock.js';

/** The `serve` role: lock the data folder, migrate, listen, run background jobs, stop cleanly. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const releaseLock = acquireDataFolderLock(config.dataDir, 'server');
  const runtime = await openRuntime(config, { migrate: true, logger }).catch((error) => {
    releaseLock();
    throw error;
  });
  const app = await buildApp({ ...runtime, logger });
  const sweep = async () => {
    const removed = await sweepOrphanFiles(runtime);
    if (removed.blobs + removed.staging > 0) logger.info(removed, 'removed unreferenced files');
  };
  await sweep();
  const jobs = [
    new Cron('17 * * * *', { protect: true, catch: (e) => logger.error({ err: e }, 'sweep failed') }, sweep),
  ];

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    for (const job of jobs) job.stop();
    await closeGracefully(app);
    await runtime.close();
    releaseLock();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  logger.info(
    { address, database: runtime.db.engine, location: describeDatabase(config.database), dataDir: config.dataDir },
    'BYOV Enrollment is serving',
  );
}

/**
 * Lets in-flight requests finish (an upload being written gets its answer), but does not wait
 * for idle keep-alive connections: a connection that turns idle after close began would
 * otherwise hold the process open indefinitely.
 */
async function closeGracefully(app: FastifyInstance, forceAfterMs = 15_000): Promise<void> {
  const closing = app.close();
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
  const force = setTimeout(() => app.server.closeAllConnections(), forceAfterMs);
  try {
    await closing;
  } finally {
    clearInterval(sweeper);
    clearTimeout(force);
  }
}
