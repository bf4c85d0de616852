import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../domain/errors.js';
import type { FileStore } from '../files/file-store.js';
import type { Db } from '../storage/db.js';
import { errorBody, installErrorHandling } from './error-response.js';
import { MULTIPART_LIMITS } from './read-enrollment-upload.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerEnrollmentRoutes } from './routes/enrollments.js';
import { registerHealthRoutes } from './routes/health.js';

export interface BackupHealth {
  lastVerified: { name: string; ageHours: number } | null;
  warning?: string;
}

export interface AppDeps {
  config: Config;
  db: Db;
  files: FileStore;
  now: () => Date;
  /** Omitted in tests: the app then logs nothing. */
  logger?: FastifyBaseLogger;
  backupHealth?: () => Promise<BackupHealth>;
  events?: { onEnrollmentSubmitted?: () => void };
}

/** Builds the HTTP app without listening, so tests drive it with `inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger, trustProxy: deps.config.trustProxy });
  installErrorHandling(app);
  await app.register(helmet);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      ...errorBody(new AppError('RATE_LIMITED', `Too many submissions; try again in ${context.after}.`)),
    }),
  });
  await app.register(multipart, {
    // Our own stream check enforces the per-file limit with a clear message; the parser's
    // limit sits just above it as a backstop.
    limits: { ...MULTIPART_LIMITS, fileSize: deps.config.uploads.maxFileBytes + 1 },
  });
  registerHealthRoutes(app, deps);
  registerEnrollmentRoutes(app, deps);
  registerAdminRoutes(app, deps);
  return app;
}
