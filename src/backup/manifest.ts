import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../files/durable-fs.js';
import { MANIFEST_FILE, VERIFICATION_FILE } from './layout.js';

const count = z.number().int().nonnegative();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex');
// The snapshot file is joined onto the backup folder, so only a plain file name is accepted.
const plainFileName = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'must be a plain file name');

export const BackupKindSchema = z.enum(['manual', 'scheduled', 'safety']);
export type BackupKind = z.infer<typeof BackupKindSchema>;

export const KnownProblemSchema = z.object({
  sha256,
  problem: z.enum(['missing', 'damaged']),
  /** One row naming the file: `documents` or `draft_files`, and its id (no personal data). */
  row: z.object({ table: z.enum(['documents', 'draft_files']), id: z.string() }),
});
export type KnownProblem = z.infer<typeof KnownProblemSchema>;

/** What a backup folder holds. Written once, last, when everything it describes is on disk. */
export const ManifestSchema = z.object({
  format: z.literal('byov-backup'),
  formatVersion: z.literal(1),
  name: z.string().min(1),
  kind: BackupKindSchema,
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  schemaVersion: count,
  engine: z.enum(['sqlite', 'postgres']),
  snapshot: z.object({ file: plainFileName, sha256, bytes: count }),
  // Row counts of the snapshot's product tables. Keys are not limited to today's tables: a
  // backup made by an older or newer schema is still listed (restore decides what it accepts).
  tables: z.record(z.string().regex(/^[a-z_]+$/), count),
  files: z.array(z.object({ sha256, bytes: count })),
  totalFileBytes: count,
  /**
   * Files the rows name that could not be backed up: missing or damaged in data/files with no
   * good copy in the blob store. Recorded instead of failing, so one lost file never stops every
   * later backup; the backup is "verified with N known problems".
   */
  knownProblems: z.array(KnownProblemSchema).optional(),
  /**
   * Set on a safety backup of live data that could not all be read (a corrupt database, say):
   * it keeps what could be read and says what could not. Never counted as a verified backup.
   */
  partial: z.object({ problems: z.array(z.string()) }).optional(),
});
export type BackupManifest = z.infer<typeof ManifestSchema>;

/** The outcome of the latest `verify` of a backup, kept beside the (never rewritten) manifest. */
export const VerificationRecordSchema = z.object({
  verifiedAt: z.iso.datetime(),
  ok: z.boolean(),
  problems: z.array(z.string()),
});
export type VerificationRecord = z.infer<typeof VerificationRecordSchema>;

export type ManifestRead = { ok: true; manifest: BackupManifest } | { ok: false; problem: string };

/** Reads and checks `manifest.json`; a missing, truncated or foreign manifest is a problem, not a throw. */
export async function readManifest(backupDir: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await readFile(path.join(backupDir, MANIFEST_FILE), 'utf8');
  } catch {
    return { ok: false, problem: `${MANIFEST_FILE} is missing or unreadable.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's message quotes the text; a manifest holds no personal data, but stay consistent.
    return { ok: false, problem: `${MANIFEST_FILE} is not valid JSON (truncated or damaged).` };
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') || 'the top level';
    return { ok: false, problem: `${MANIFEST_FILE} is not a BYOV backup manifest (${where}: ${first?.message}).` };
  }
  return { ok: true, manifest: parsed.data };
}

export async function writeManifest(backupDir: string, manifest: BackupManifest): Promise<void> {
  await writeFileDurably(path.join(backupDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The last recorded verification, or null when there is none (or it cannot be read). */
export async function readVerification(backupDir: string): Promise<VerificationRecord | null> {
  try {
    const text = await readFile(path.join(backupDir, VERIFICATION_FILE), 'utf8');
    const parsed = VerificationRecordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeVerification(backupDir: string, record: VerificationRecord): Promise<void> {
  await writeFileDurably(path.join(backupDir, VERIFICATION_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

let cachedVersion: string | undefined;

/** The product version recorded in manifests (from package.json, next to `src/` and `dist/`). */
export function appVersion(): string {
  cachedVersion ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return cachedVersion;
}
