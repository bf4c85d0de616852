import { Cron } from 'croner';
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
    await app.close();
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
