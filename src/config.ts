import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting the product reads, parsed once from the environment (and an optional `.env`).
 * Nothing else in the code reads `process.env`: it receives this frozen object or a slice of it.
 */
export interface Config {
  readonly dataDir: string;
  /** The folders under `dataDir`: stored files, upload staging and backups. */
  readonly paths: { readonly files: string; readonly uploadsStaging: string; readonly backups: string };
  /** Where uploaded documents and generated PDFs live: the data folder (default) or a bucket. */
  readonly fileStore: { readonly kind: 'local' } | { readonly kind: 's3'; readonly s3: S3Settings };
  /** The bucket when S3_BUCKET is set: the file store's, or where `byov files migrate --to s3` copies to. */
  readonly s3: S3Settings | undefined;
  readonly database:
    | { readonly engine: 'sqlite'; readonly file: string }
    | { readonly engine: 'postgres'; readonly url: string };
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** `true` trusts any proxy (only when nothing else can reach the server); a list names the proxies. */
  readonly trustProxy: boolean | readonly string[];
  readonly adminToken: string | undefined;
  /** Where people reach the server, without a trailing slash; setup links start with it. */
  readonly publicUrl: string;
  readonly sessionTtlHours: number;
  readonly uploads: { readonly maxFileBytes: number; readonly maxRequestBytes: number };
  /** Pixel limits (checked from the header, before decoding) and the time one image check may take. */
  readonly images: { readonly maxPixels: number; readonly signatureMaxPixels: number; readonly checkTimeoutMs: number };
  /**
   * Hostile-client limits: request bodies slower than `minBodyBytesPerSecond` for `slowBodyWindowMs`
   * are cut (408); at most `uploadsPerAddress` uploads in progress per address; below
   * `minFreeDiskBytes` free on the data folder's disk new writes are refused (507).
   */
  readonly limits: {
    readonly minBodyBytesPerSecond: number;
    readonly slowBodyWindowMs: number;
    readonly uploadsPerAddress: number;
    readonly minFreeDiskBytes: number;
  };
  /** Threads of the pool that runs CPU-heavy work (image checks) off the event loop. */
  readonly workers: { readonly threads: number };
  readonly rateLimit: {
    readonly submissionsPerMinute: number;
    readonly wizardRequestsPerMinute: number;
    readonly signInsPerMinute: number;
  };
  readonly drafts: {
    readonly ttlDays: number;
    /** Unexpired drafts one address may have started before new ones are refused with 429. */
    readonly maxOpenPerAddress: number;
  };
  /** Folder of the policy templates (Markdown with front matter) shown and signed in the wizard. */
  readonly policyDir: string;
  /** Optional online VIN lookup: a URL with `{vin}`; undefined = offline decoding only. */
  readonly vpic: { readonly url: string | undefined; readonly timeoutMs: number };
  readonly backup: {
    readonly schedule: string;
    readonly afterSubmissions: number;
    readonly keepLast: number;
    readonly keepDaily: number;
    readonly keepWeekly: number;
    readonly keepMonthly: number;
    readonly safetyKeepDays: number;
    readonly maxAgeHours: number;
    /** How long backup, prune, repair and restore wait for another holder of the backups folder. */
    readonly lockWaitSeconds: number;
    /** Every stored file and every backup blob is re-read at least once in this many days. */
    readonly checkPeriodDays: number;
    /** Where verified backups are copied off the machine (BACKUP_REMOTE); undefined = nowhere. */
    readonly remote: RemoteBackupConfig | undefined;
  };
  readonly mail: MailConfig;
  readonly integrations: IntegrationsConfig;
}

/** The dashboard sync and the webhooks: outgoing HTTP deliveries through the outbox. */
export interface IntegrationsConfig {
  /** DASHBOARD_URL (no trailing slash) and DASHBOARD_TOKEN; undefined = no sync is queued. */
  readonly dashboard: { readonly url: string; readonly token: string } | undefined;
  /** A request that has not answered in this long is abandoned and retried. */
  readonly timeoutMs: number;
  /** First retry delay; it doubles on each attempt up to an hour. */
  readonly retryBaseSeconds: number;
  /** A delivery still not accepted this long after it was queued is marked failed. */
  readonly giveUpHours: number;
  /** Host names, IP addresses and CIDR ranges webhooks may reach although they are private. */
  readonly webhookAllowedHosts: readonly string[];
}

/** Outgoing e-mail. Without `smtpUrl` messages wait in the outbox until it is set. */
export interface MailConfig {
  readonly smtpUrl: string | undefined;
  readonly from: string;
  readonly replyTo: string | undefined;
  /** Shown in every subject and greeting. */
  readonly programName: string;
  /** A message still undelivered this long after it was queued is marked failed. */
  readonly giveUpHours: number;
  /** First retry delay; it doubles on each attempt up to an hour. */
  readonly retryBaseSeconds: number;
  /** How often the sender looks for due messages. */
  readonly pollSeconds: number;
  /** Total size of the documents attached to one submission notice; the rest are linked. */
  readonly attachmentsMaxBytes: number;
}

/** Off-machine copies of backups: a bucket or a mounted folder, optionally age-encrypted. */
export interface RemoteBackupConfig {
  /** BACKUP_REMOTE as given (it holds no credentials), for messages. */
  readonly url: string;
  readonly target:
    | {
        readonly kind: 's3';
        readonly s3: S3Settings;
        /** BACKUP_REMOTE_ACCESS_KEY_ID/SECRET; undefined = the standard AWS chain. */
        readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
      }
    | { readonly kind: 'file'; readonly dir: string };
  /** age recipients (BACKUP_ENCRYPT_TO); empty = copies are not encrypted. */
  readonly encryptTo: readonly string[];
  /** `status` and `/health` warn when the newest off-machine copy is older than this. */
  readonly maxAgeHours: number;
  /** A request to the remote that has not answered in this long is abandoned and retried. */
  readonly timeoutMs: number;
}

/** An S3-compatible bucket and the folder-like prefix inside it. */
export interface S3Settings {
  readonly bucket: string;
  /** Empty, or ends with `/`. */
  readonly prefix: string;
  /** undefined = AWS itself; otherwise the service's URL (MinIO, Ceph, Backblaze, Wasabi…). */
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly forcePathStyle: boolean;
}

const MB = 1024 * 1024;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const positiveMegabytes = (fallback: number) => z.coerce.number().positive().max(1024).default(fallback);

const EnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((value) => /^(postgres|postgresql|sqlite|file):/.test(value), {
      message: 'must start with postgres://, postgresql://, sqlite: or file:',
    })
    .optional(),
  FILE_STORE: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      message: 'must be a bucket name (3-63 lowercase letters, digits, dots, dashes)',
    })
    .optional(),
  S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()/-]*$/, { message: "may hold only letters, digits, / and !_.*'()-" })
    .default(''),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://s3.example.com' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx) => parseTrustProxy(value, ctx)),
  ADMIN_TOKEN: z.string().min(24, { message: 'must be at least 24 characters (use a long random string)' }).optional(),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://byov.example.com' })
    .optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  MAX_FILE_MB: positiveMegabytes(15),
  MAX_REQUEST_MB: positiveMegabytes(100),
  IMAGE_MAX_MEGAPIXELS: z.coerce.number().positive().max(1000).default(50),
  SIGNATURE_MAX_MEGAPIXELS: z.coerce.number().positive().max(100).default(4),
  IMAGE_CHECK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  WORKER_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  BODY_MIN_KB_PER_SECOND: z.coerce.number().min(0).max(100_000).default(8),
  BODY_SLOW_SECONDS: z.coerce.number().positive().max(3600).default(30),
  MAX_UPLOADS_PER_ADDRESS: positiveInt(6),
  MAX_OPEN_DRAFTS_PER_ADDRESS: positiveInt(200),
  MIN_FREE_DISK_MB: z.coerce.number().min(0).max(100_000_000).default(512),
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE: positiveInt(10),
  RATE_LIMIT_WIZARD_REQUESTS_PER_MINUTE: positiveInt(300),
  RATE_LIMIT_SIGN_INS_PER_MINUTE: positiveInt(30),
  DRAFT_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  POLICY_DIR: z.string().min(1).default('./policies'),
  VPIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .refine((value) => value.includes('{vin}'), { message: 'must contain {vin} where the VIN goes' })
    .optional(),
  VPIC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  BACKUP_SCHEDULE: z.string().min(1).default('0 3 * * *'),
  BACKUP_AFTER_SUBMISSIONS: nonNegativeInt(0),
  BACKUP_KEEP_LAST: nonNegativeInt(7),
  BACKUP_KEEP_DAILY: nonNegativeInt(7),
  BACKUP_KEEP_WEEKLY: nonNegativeInt(4),
  BACKUP_KEEP_MONTHLY: nonNegativeInt(12),
  BACKUP_SAFETY_KEEP_DAYS: nonNegativeInt(30),
  BACKUP_MAX_AGE_HOURS: positiveInt(26),
  BACKUP_LOCK_WAIT_SECONDS: nonNegativeInt(120),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: 'must be an smtp:// or smtps:// URL, like smtp://user:pass@mail.example.com:587',
    })
    .optional(),
  MAIL_FROM: z.string().min(3).max(300).optional(),
  MAIL_REPLY_TO: z.string().min(3).max(300).optional(),
  PROGRAM_NAME: z.string().trim().min(1).max(100).default('BYOV Program'),
  MAIL_GIVE_UP_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(72),
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(30),
  MAIL_POLL_SECONDS: z.coerce.number().positive().max(3600).default(5),
  MAIL_ATTACHMENTS_MAX_MB: z.coerce.number().min(0).max(1024).default(20),
  DASHBOARD_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://dashboard.example.com' })
    .optional(),
  DASHBOARD_TOKEN: z.string().min(8).max(1000).optional(),
  INTEGRATION_TIMEOUT_SECONDS: z.coerce.number().positive().max(300).default(30),
  INTEGRATION_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(30),
  INTEGRATION_GIVE_UP_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(72),
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .refine((value) => listOf(value).every(isAllowListEntry), {
      message: 'must be host names, IP addresses or CIDR ranges (10.0.0.0/8), separated by commas or spaces',
    })
    .optional(),
  CHECK_PERIOD_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  BACKUP_REMOTE: z
    .string()
    .regex(/^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*'()/-]*)?|file:\/\/\/.+)$/, {
      message: 'must be s3://bucket/prefix or file:///absolute/path',
    })
    .optional(),
  BACKUP_REMOTE_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL, like https://s3.example.com' })
    .optional(),
  BACKUP_REMOTE_REGION: z.string().min(1).optional(),
  BACKUP_REMOTE_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  BACKUP_REMOTE_ACCESS_KEY_ID: z.string().min(1).optional(),
  BACKUP_REMOTE_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  BACKUP_REMOTE_MAX_AGE_HOURS: positiveInt(26),
  BACKUP_REMOTE_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(60),
  BACKUP_ENCRYPT_TO: z
    .string()
    .refine((value) => recipientsOf(value).every((r) => /^age1[0-9a-z]{20,}$/.test(r)), {
      message: 'must be one or more age recipients (age1…), separated by commas or spaces',
    })
    .optional(),
});

function recipientsOf(value: string | undefined): string[] {
  return listOf(value);
}

function listOf(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((r) => r !== '');
}

/** A host name, an IPv4/IPv6 address, or either with a /prefix length. */
function isAllowListEntry(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const version = isIP(address);
  if (prefix !== undefined) {
    const bits = Number(prefix);
    return version !== 0 && /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
  }
  return version !== 0 || /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry);
}

/** Thrown when the environment holds invalid settings; `problems` is one readable line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses settings; an empty string counts as unset so `FOO=` in `.env` falls back to the default. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.MAX_REQUEST_MB < e.MAX_FILE_MB) problems.push('MAX_REQUEST_MB: must be at least MAX_FILE_MB');
  for (const [name, value] of [
    ['MAIL_FROM', e.MAIL_FROM],
    ['MAIL_REPLY_TO', e.MAIL_REPLY_TO],
  ] as const) {
    // A header value with a line break could add headers of its own.
    if (value !== undefined && /[\r\n]/.test(value)) problems.push(`${name}: must be on one line`);
  }
  if (e.FILE_STORE === 's3' && !e.S3_BUCKET) problems.push('S3_BUCKET: must be set when FILE_STORE=s3');
  if ((e.BACKUP_REMOTE_ACCESS_KEY_ID === undefined) !== (e.BACKUP_REMOTE_SECRET_ACCESS_KEY === undefined)) {
    problems.push('BACKUP_REMOTE_ACCESS_KEY_ID and BACKUP_REMOTE_SECRET_ACCESS_KEY: set both or neither');
  }
  if (e.BACKUP_ENCRYPT_TO && !e.BACKUP_REMOTE) problems.push('BACKUP_ENCRYPT_TO: set BACKUP_REMOTE too');
  if ((e.DASHBOARD_URL === undefined) !== (e.DASHBOARD_TOKEN === undefined)) {
    problems.push('DASHBOARD_URL and DASHBOARD_TOKEN: set both or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const s3: S3Settings | undefined = e.S3_BUCKET
    ? {
        bucket: e.S3_BUCKET,
        prefix: normalizePrefix(e.S3_PREFIX),
        endpoint: e.S3_ENDPOINT,
        region: e.S3_REGION,
        forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
      }
    : undefined;
  return Object.freeze({
    dataDir,
    paths: {
      files: path.join(dataDir, 'files'),
      uploadsStaging: path.join(dataDir, 'tmp', 'uploads'),
      backups: path.join(dataDir, 'backups'),
    },
    fileStore: e.FILE_STORE === 's3' && s3 ? { kind: 's3' as const, s3 } : { kind: 'local' as const },
    s3,
    database: parseDatabase(e.DATABASE_URL, dataDir, cwd),
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    adminToken: e.ADMIN_TOKEN,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    uploads: { maxFileBytes: Math.floor(e.MAX_FILE_MB * MB), maxRequestBytes: Math.floor(e.MAX_REQUEST_MB * MB) },
    images: {
      maxPixels: Math.floor(e.IMAGE_MAX_MEGAPIXELS * 1_000_000),
      signatureMaxPixels: Math.floor(e.SIGNATURE_MAX_MEGAPIXELS * 1_000_000),
      checkTimeoutMs: e.IMAGE_CHECK_TIMEOUT_MS,
    },
    workers: { threads: e.WORKER_THREADS },
    limits: {
      minBodyBytesPerSecond: Math.floor(e.BODY_MIN_KB_PER_SECOND * 1024),
      slowBodyWindowMs: Math.floor(e.BODY_SLOW_SECONDS * 1000),
      uploadsPerAddress: e.MAX_UPLOADS_PER_ADDRESS,
      minFreeDiskBytes: Math.floor(e.MIN_FREE_DISK_MB * MB),
    },
    rateLimit: {
      submissionsPerMinute: e.RATE_LIMIT_SUBMISSIONS_PER_MINUTE,
      wizardRequestsPerMinute: e.RATE_LIMIT_WIZARD_REQUESTS_PER_MINUTE,
      signInsPerMinute: e.RATE_LIMIT_SIGN_INS_PER_MINUTE,
    },
    drafts: { ttlDays: e.DRAFT_TTL_DAYS, maxOpenPerAddress: e.MAX_OPEN_DRAFTS_PER_ADDRESS },
    policyDir: path.resolve(cwd, e.POLICY_DIR),
    vpic: { url: e.VPIC_URL, timeoutMs: e.VPIC_TIMEOUT_MS },
    backup: {
      schedule: e.BACKUP_SCHEDULE,
      afterSubmissions: e.BACKUP_AFTER_SUBMISSIONS,
      keepLast: e.BACKUP_KEEP_LAST,
      keepDaily: e.BACKUP_KEEP_DAILY,
      keepWeekly: e.BACKUP_KEEP_WEEKLY,
      keepMonthly: e.BACKUP_KEEP_MONTHLY,
      safetyKeepDays: e.BACKUP_SAFETY_KEEP_DAYS,
      maxAgeHours: e.BACKUP_MAX_AGE_HOURS,
      lockWaitSeconds: e.BACKUP_LOCK_WAIT_SECONDS,
      checkPeriodDays: e.CHECK_PERIOD_DAYS,
      remote: parseRemote(e, s3),
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? `${e.PROGRAM_NAME} <no-reply@${mailDomain(e.PUBLIC_URL, e.HOST)}>`,
      replyTo: e.MAIL_REPLY_TO,
      programName: e.PROGRAM_NAME,
      giveUpHours: e.MAIL_GIVE_UP_HOURS,
      retryBaseSeconds: e.MAIL_RETRY_BASE_SECONDS,
      pollSeconds: e.MAIL_POLL_SECONDS,
      attachmentsMaxBytes: Math.floor(e.MAIL_ATTACHMENTS_MAX_MB * MB),
    },
    integrations: {
      dashboard:
        e.DASHBOARD_URL && e.DASHBOARD_TOKEN
          ? { url: e.DASHBOARD_URL.replace(/\/+$/, ''), token: e.DASHBOARD_TOKEN }
          : undefined,
      timeoutMs: Math.round(e.INTEGRATION_TIMEOUT_SECONDS * 1000),
      retryBaseSeconds: e.INTEGRATION_RETRY_BASE_SECONDS,
      giveUpHours: e.INTEGRATION_GIVE_UP_HOURS,
      webhookAllowedHosts: listOf(e.WEBHOOK_ALLOWED_HOSTS).map((entry) => entry.toLowerCase()),
    },
  });
}

/** The host part for the default sender and Message-IDs: the public host name, or localhost. */
function mailDomain(publicUrl: string | undefined, host: string): string {
  if (publicUrl) return new URL(publicUrl).hostname;
  return /^[a-z0-9.-]+$/i.test(host) && !/^[\d.]+$/.test(host) ? host : 'localhost';
}

/** `true`, `false`, or the proxies' addresses and CIDR ranges separated by commas. */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): boolean | string[] {
  const trimmed = value.trim();
  if (trimmed === 'true' || trimmed === 'false' || trimmed === '') return trimmed === 'true';
  const entries = trimmed.split(',').map((entry) => entry.trim());
  const invalid = entries.filter((entry) => !isAddressOrCidr(entry));
  if (invalid.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be true, false, or proxy addresses/CIDR ranges separated by commas (not understood: ${invalid.join(', ')})`,
    });
    return z.NEVER;
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function parseRemote(e: z.infer<typeof EnvSchema>, s3: S3Settings | undefined): RemoteBackupConfig | undefined {
  const url = e.BACKUP_REMOTE;
  if (!url) return undefined;
  const common = {
    url,
    encryptTo: recipientsOf(e.BACKUP_ENCRYPT_TO),
    maxAgeHours: e.BACKUP_REMOTE_MAX_AGE_HOURS,
    timeoutMs: Math.floor(e.BACKUP_REMOTE_TIMEOUT_SECONDS * 1000),
  };
  if (url.startsWith('file://')) return { ...common, target: { kind: 'file', dir: path.resolve(url.slice(7)) } };
  const [bucket = '', ...rest] = url.slice('s3://'.length).split('/');
  // Unset endpoint, region and path style follow the file store's bucket settings (one service).
  const settings: S3Settings = {
    bucket,
    prefix: normalizePrefix(rest.join('/')),
    endpoint: e.BACKUP_REMOTE_ENDPOINT ?? s3?.endpoint,
    region: e.BACKUP_REMOTE_REGION ?? s3?.region ?? 'us-east-1',
    forcePathStyle: (e.BACKUP_REMOTE_FORCE_PATH_STYLE ?? e.S3_FORCE_PATH_STYLE) === 'true',
  };
  const credentials =
    e.BACKUP_REMOTE_ACCESS_KEY_ID && e.BACKUP_REMOTE_SECRET_ACCESS_KEY
      ? { accessKeyId: e.BACKUP_REMOTE_ACCESS_KEY_ID, secretAccessKey: e.BACKUP_REMOTE_SECRET_ACCESS_KEY }
      : undefined;
  return { ...common, target: { kind: 's3', s3: settings, credentials } };
}

function parseDatabase(url: string | undefined, dataDir: string, cwd: string): Config['database'] {
  if (url === undefined) return { engine: 'sqlite', file: path.join(dataDir, 'byov.db') };
  if (url.startsWith('postgres')) return { engine: 'postgres', url };
  const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return { engine: 'sqlite', file: path.resolve(cwd, file) };
}

/** `byov/files`, `/byov/files/` and `byov//files` all mean the folder `byov/files/`. */
function normalizePrefix(prefix: string): string {
  const parts = prefix.split('/').filter((part) => part !== '');
  return parts.length === 0 ? '' : `${parts.join('/')}/`;
}

/** Reads `.env` from the working directory into `process.env` (real environment wins). */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The SMTP server for messages: host and port, never the credentials. */
export function describeSmtp(smtpUrl: string | undefined): string | null {
  if (!smtpUrl) return null;
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

/** The database location for messages: never the password of a PostgreSQL URL. */
export function describeDatabase(database: Config['database']): string {
  if (database.engine === 'sqlite') return database.file;
  const url = new URL(database.url);
  if (url.password) url.password = '***';
  return url.toString();
}
