import path from 'node:path';
import { LocalFileStore } from '../../../src/files/local-file-store.js';
import { UPLOAD_SLOTS } from '../../../src/shared/upload-slots.js';
import type { DocumentCategory } from '../../../src/storage/database.js';
import { openDb } from '../../../src/storage/db.js';
import { FILES_PER_SUBMISSION } from './payloads.js';

export interface StoredCounts {
  enrollments: number;
  uploadedDocuments: number;
  distinctUploadedHashes: number;
  /** Documents the server made itself (e.g. the signed policy PDF). */
  generatedDocuments: number;
  blobsOnDisk: number;
}

const UPLOADED_CATEGORIES = new Set<DocumentCategory>(Object.values(UPLOAD_SLOTS).map((slot) => slot.category));

/**
 * Opens what the stopped server left behind and checks that every acknowledged submission is
 * there with all its uploaded files, each stored once, and that every file a row names is on
 * disk: the throughput figures only count if this holds.
 */
export async function verifyStoredSubmissions(dataDir: string, acceptedIds: readonly string[]): Promise<StoredCounts> {
  const db = openDb({ engine: 'sqlite', file: path.join(dataDir, 'byov.db') }, { readonly: true });
  try {
    const storedIds = new Set((await db.kysely.selectFrom('enrollments').select('id').execute()).map((r) => r.id));
    const documents = await db.kysely.selectFrom('documents').select(['category', 'sha256', 'storage_key']).execute();
    const uploaded = documents.filter((d) => UPLOADED_CATEGORIES.has(d.category));
    const onDisk = await blobKeys(dataDir);
    const counts: StoredCounts = {
      enrollments: storedIds.size,
      uploadedDocuments: uploaded.length,
      distinctUploadedHashes: new Set(uploaded.map((d) => d.sha256)).size,
      generatedDocuments: documents.length - uploaded.length,
      blobsOnDisk: onDisk.size,
    };
    const expectedUploads = acceptedIds.length * FILES_PER_SUBMISSION;
    const problems = [
      counts.enrollments === acceptedIds.length ? '' : `${counts.enrollments} enrollments stored`,
      acceptedIds.every((id) => storedIds.has(id)) ? '' : 'an acknowledged enrollment id is missing',
      counts.uploadedDocuments === expectedUploads ? '' : `${counts.uploadedDocuments} uploaded-document rows`,
      counts.distinctUploadedHashes === expectedUploads ? '' : `${counts.distinctUploadedHashes} distinct hashes`,
      documents.every((d) => onDisk.has(d.storage_key)) ? '' : 'a file named by a document row is missing',
    ].filter(Boolean);
    if (problems.length > 0) {
      throw new Error(
        `server did not store what it acknowledged (${acceptedIds.length} submissions with ` +
          `${expectedUploads} uploaded files): ${problems.join('; ')}`,
      );
    }
    return counts;
  } finally {
    await db.close();
  }
}

async function blobKeys(dataDir: string): Promise<Set<string>> {
  const store = new LocalFileStore(path.join(dataDir, 'files'), path.join(dataDir, 'tmp', 'uploads'));
  const keys = new Set<string>();
  for await (const blob of store.list()) keys.add(blob.key);
  return keys;
}
