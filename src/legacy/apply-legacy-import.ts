import { createReadStream } from 'node:fs';
import type { Kysely } from 'kysely';
import { enrollmentSearchText } from '../domain/enrollment/search-text.js';
import type { FileStore } from '../files/file-store.js';
import { sniffContentType } from '../files/sniff-content-type.js';
import type { Runtime } from '../runtime.js';
import type { Database, NewDocumentRow } from '../storage/database.js';
import { newId, newReference } from '../storage/ids.js';
import { insertAuditEvent } from '../storage/repositories/audit.repository.js';
import {
  createChecklist,
  readChecklistDefinition,
  setChecklistTaskCompletion,
} from '../storage/repositories/checklist.repository.js';
import { insertDocuments } from '../storage/repositories/document.repository.js';
import { findLatestRevision, insertEnrollment } from '../storage/repositories/enrollment.repository.js';
import type { LegacySource } from './locate-legacy-source.js';
import type { PlannedFile } from './map-legacy-documents.js';
import type { ImportPlan, PlannedEnrollment } from './plan-legacy-import.js';

interface StoredFile {
  planned: PlannedFile;
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
}

export interface AppliedImport {
  imported: number;
  /** Skipped in the transaction because another run imported them meanwhile. */
  skipped: number;
  documents: number;
  settings: { key: string; created: boolean }[];
}

/**
 * Writes the plan: every file into the content-addressed store first (durably, as uploads are),
 * then every enrollment, document, checklist, audit event and setting in one transaction, so a
 * failure or a kill leaves the database as it was (and at most unreferenced blobs, which the
 * orphan sweep removes). Enrollments already imported, by earlier id, are skipped.
 */
export async function applyLegacyImport(
  runtime: Runtime,
  plan: ImportPlan,
  source: LegacySource,
): Promise<AppliedImport> {
  const pending = plan.enrollments.filter((e) => !e.alreadyImported);
  const stored = new Map<PlannedEnrollment, StoredFile[]>();
  for (const enrollment of pending) {
    const files: StoredFile[] = [];
    for (const file of enrollment.files) files.push(await storeFile(runtime.files, file));
    stored.set(enrollment, files);
  }
  const importedAt = runtime.now().toISOString();
  return runtime.db.kysely.transaction().execute(async (trx) => {
    const result: AppliedImport = { imported: 0, skipped: 0, documents: 0, settings: [] };
    const taken = await legacyIdsPresent(
      trx,
      pending.map((e) => e.legacyId),
    );
    const checklist = await readChecklistDefinition(trx);
    for (const enrollment of pending) {
      if (taken.has(enrollment.legacyId)) {
        result.skipped++;
        continue;
      }
      const files = stored.get(enrollment) ?? [];
      await insertImported(trx, { enrollment, files, checklist, source, importedAt });
      result.imported++;
      result.documents += files.length;
    }
    for (const setting of plan.settings.settings) {
      const inserted = await trx
        .insertInto('settings')
        .values({ key: setting.key, value: JSON.stringify(setting.value), updated_at: importedAt })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      result.settings.push({ key: setting.key, created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 });
    }
    return result;
  });
}

async function storeFile(files: FileStore, planned: PlannedFile): Promise<StoredFile> {
  const staged = await files.stage(createReadStream(planned.sourcePath), { maxBytes: Number.MAX_SAFE_INTEGER });
  try {
    const storageKey = await files.commit(staged);
    // Decided from the bytes: the earlier version saved JPEG data under .png names.
    const contentType = sniffContentType(staged.head) ?? 'application/octet-stream';
    return { planned, storageKey, sha256: staged.sha256, sizeBytes: staged.sizeBytes, contentType };
  } finally {
    await files.discard(staged);
  }
}

async function legacyIdsPresent(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  const present = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('enrollments')
      .select('legacy_id')
      .where('legacy_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) if (row.legacy_id) present.add(row.legacy_id);
  }
  return present;
}

interface InsertRequest {
  enrollment: PlannedEnrollment;
  files: StoredFile[];
  checklist: Awaited<ReturnType<typeof readChecklistDefinition>>;
  source: LegacySource;
  importedAt: string;
}

async function insertImported(trx: Kysely<Database>, request: InsertRequest): Promise<void> {
  const { enrollment, files, source, importedAt } = request;
  const { fields } = enrollment;
  const id = newId();
  const previous = await findLatestRevision(trx, fields.tech_id);
  const signedPolicy = files.find((f) => f.planned.category === 'signed_policy');
  await insertEnrollment(trx, {
    ...fields,
    id,
    reference: newReference(),
    revision: (previous?.revision ?? 0) + 1,
    supersedes_id: previous?.id ?? null,
    phone: null,
    color: null,
    plate: null,
    insurance_provider: null,
    insurance_policy_number: null,
    // The earlier wizard could not be submitted without ticking the acknowledgement.
    policy_acknowledged: 1,
    signed_pdf_sha256: signedPolicy?.sha256 ?? null,
    legacy_id: enrollment.legacyId,
    review_flags: enrollment.flags.length > 0 ? JSON.stringify(enrollment.flags) : null,
    search_text: enrollmentSearchText(fields),
  });
  await insertDocuments(trx, documentRows(id, files, fields.created_at));
  await createChecklist(trx, id, [...request.checklist, ...enrollment.checklist.extra]);
  for (const task of enrollment.checklist.completed) {
    await setChecklistTaskCompletion(trx, id, task.key, { at: task.at, by: task.by });
  }
  await insertAuditEvent(trx, {
    enrollmentId: id,
    actor: 'import-legacy',
    action: 'enrollment.imported',
    occurredAt: importedAt,
    details: {
      source: { file: source.file, kind: source.kind, sha256: source.sha256 },
      legacyId: enrollment.legacyId,
      flags: enrollment.flags,
      documents: files.map((f) => ({
        category: f.planned.category,
        sha256: f.sha256,
        legacyPath: f.planned.legacyPath,
      })),
      missingFiles: enrollment.missing,
      signedPolicy: signedPolicy ? { sha256: signedPolicy.sha256, imported: true } : null,
      checklistTicks: enrollment.checklist.completed.length,
      earlier: enrollment.history,
    },
  });
}

function documentRows(enrollmentId: string, files: StoredFile[], createdAt: string): NewDocumentRow[] {
  const positions = new Map<string, number>();
  return files.map((file) => {
    const position = positions.get(file.planned.category) ?? 0;
    positions.set(file.planned.category, position + 1);
    return {
      id: newId(),
      enrollment_id: enrollmentId,
      category: file.planned.category,
      position,
      storage_key: file.storageKey,
      sha256: file.sha256,
      size_bytes: file.sizeBytes,
      content_type: file.contentType,
      original_name: file.planned.originalName,
      created_at: createdAt,
    };
  });
}
