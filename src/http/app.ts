import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { BackupHealth } from '../backup/backup-health.js';
import { type Config, ConfigError } from '../config.js';
import type { ByovRunner } from '../domain/admin/backups/byov-runner.js';
import { loadPolicyLibrary } from '../domain/policy/load-policy-library.js';
import type { PolicyLibrary } from '../domain/policy/policy-library.js';
import { PolicyTemplateError } from '../domain/policy/policy-template.js';
import { markPoliciesServed } from '../domain/policy/served-policies.js';
import { openVinDecoder, type VinDecoder } from '../domain/vin/decode-vin.js';
import { AppError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import { createStorageGuard, type StorageGuard } from '../files/storage-guard.js';
import type { ResolveHost } from '../net/address-guard.js';
import type { Db } from '../storage/db.js';
import { createImageInspector, type ImageInspector } from '../workers/inspect-image.js';
import { createPdfRenderer } from '../workers/render-pdf.js';
import { createWorkerPool, defaultWorkerThreads, type WorkerPool } from '../workers/worker-pool.js';
import { installApiDocs } from './api-docs.js';
import { errorBody, installErrorHandling } from './error-response.js';
import { installClientLimits } from './hostile-client-limits.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { MULTIPART_LIMITS } from './read-enrollment-upload.js';
import { refuseNulCharacters } from './refuse-nul-characters.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerDraftRoutes } from './routes/drafts.js';
import { registerEnrollmentRoutes } from './routes/enrollments.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerOpenApiRoute } from './routes/openapi.js';
import { registerPolicyRoutes } from './routes/policy.js';
import { registerReceiptRoutes } from './routes/receipts.js';
import { registerVinRoutes } from './routes/vin.js';
import { registerWebRoutes } from './routes/web.js';
import { securityHeaders } from './security-headers.js';

export interface AppDeps {
  config: Config;
  db: Db;
  files: FileStore;
  now: () => Date;
  /** Omitted in tests: the app then logs nothing. */
  logger?: FastifyBaseLogger;
  backupHealth?: () => Promise<BackupHealth>;
  events?: { onEnrollmentSubmitted?: () => void };
  /** The policy templates; read from `config.policyDir` when omitted. */
  policies?: PolicyLibrary;
  /** The VIN decoder; when omitted the app opens one and closes it with the app. */
  vinDecoder?: VinDecoder;
  /** Runs `byov backup`/`verify` for the admin backups API; a child process of this entry point when omitted. */
  runByov?: ByovRunner;
  /** Free space on the data folder's disk; read from `config.dataDir` when omitted. */
  storage?: StorageGuard;
  /** Threads for CPU-heavy work; when omitted the app starts a pool and stops it with the app. */
  workers?: WorkerPool;
  /** The started pool's threads start at once, ready for the policies (the server); on demand when omitted. */
  warmWorkers?: boolean;
  /** How webhook host names are resolved for the address check; the system resolver when omitted. */
  resolveHost?: ResolveHost;
}

/** What the wizard's routes need beyond AppDeps, built once by buildApp. */
export interface WizardDeps extends AppDeps {
  policies: PolicyLibrary;
  vinDecoder: VinDecoder;
  images: ImageInspector;
  renderPdf: ReturnType<typeof createPdfRenderer>;
}

/** Builds the HTTP app without listening, so tests drive it with `inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const policies = deps.policies ?? (await loadPolicies(deps.config.policyDir));
  // Other instances may be asked to sign what this one shows (a rolling deploy): see served-policies.
  await markPoliciesServed(deps.db, policies, deps.now());
  const app = Fastify({ loggerInstance: deps.logger, trustProxy: trustProxySetting(deps.config) });
  installErrorHandling(app);
  installApiDocs(app);
  refuseNulCharacters(app);
  const storage = deps.storage ?? createStorageGuard(deps.config.dataDir, deps.config.limits.minFreeDiskBytes);
  installClientLimits(app, deps.config, storage);
  const headers = securityHeaders(deps.config.publicUrl);
  await app.register(helmet, headers.helmet);
  await app.register(rateLimit, {
    global: false,
    // In the database, so the limits hold across every instance sharing it.
    store: databaseRateLimitStore(deps.db, deps.now),
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
  const vinDecoder =
    deps.vinDecoder ??
    openVinDecoder({ vpicUrl: deps.config.vpic.url, vpicTimeoutMs: deps.config.vpic.timeoutMs, logger: app.log });
  if (!deps.vinDecoder) app.addHook('onClose', () => vinDecoder.close());
  const workers =
    deps.workers ??
    createWorkerPool({
      threads: deps.config.workers.threads || defaultWorkerThreads(),
      maxQueue: 64,
      ...(deps.warmWorkers ? { warmUp: { policies: policies.signable } } : {}),
    });
  if (!deps.workers) app.addHook('onClose', () => workers.close());
  const images = createImageInspector(workers, deps.config.images);
  const renderPdf = createPdfRenderer(workers);
  const wizardDeps: WizardDeps = { ...deps, policies, vinDecoder, images, renderPdf };
  registerHealthRoutes(app, { ...deps, storage });
  registerEnrollmentRoutes(app, wizardDeps);
  registerDraftRoutes(app, wizardDeps);
  registerReceiptRoutes(app, wizardDeps);
  registerPolicyRoutes(app, wizardDeps);
  registerVinRoutes(app, wizardDeps);
  registerAuthRoutes(app, deps);
  registerAdminRoutes(app, { ...deps, vinDecoder });
  registerOpenApiRoute(app);
  await registerWebRoutes(app, { headers });
  return app;
}

/** A broken policy template stops the start like any other bad setting, naming the file. */
export async function loadPolicies(dir: string): Promise<PolicyLibrary> {
  try {
    return await loadPolicyLibrary(dir);
  } catch (error) {
    if (error instanceof PolicyTemplateError) throw new ConfigError([`POLICY_DIR: ${error.message}`]);
    throw error;
  }
}

/** Fastify wants its own (mutable) copy of the proxy list. */
function trustProxySetting(config: Config): boolean | string[] {
  return typeof config.trustProxy === 'boolean' ? config.trustProxy : [...config.trustProxy];
}
