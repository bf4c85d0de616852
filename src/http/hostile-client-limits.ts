import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { StorageGuard } from '../files/storage-guard.js';
import { guardSlowBodies } from './slow-body-guard.js';
import { limitConcurrentUploads } from './upload-concurrency.js';

/** The routes that stream files to disk. */
const UPLOAD_ROUTES = new Set(['POST /api/enrollments', 'POST /api/drafts/:code/files/:field']);
const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Limits that keep one client from tying up the server: slow bodies are cut, uploads in
 * progress per address are capped, and writes are refused while the disk is nearly full.
 * Signing in and out stays possible on a full disk, so admins can still look and act.
 */
export function installClientLimits(app: FastifyInstance, config: Config, storage: StorageGuard): void {
  guardSlowBodies(app, {
    minBytesPerSecond: config.limits.minBodyBytesPerSecond,
    windowMs: config.limits.slowBodyWindowMs,
  });
  limitConcurrentUploads(app, {
    perAddress: config.limits.uploadsPerAddress,
    isUpload: (method, url) => UPLOAD_ROUTES.has(`${method} ${url}`),
  });
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (!WRITES.has(request.method) || !url.startsWith('/api/') || url.startsWith('/api/auth/')) return;
    await storage.assertRoomToWrite();
  });
}
