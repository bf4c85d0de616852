import type { Kysely } from 'kysely';

/**
 * Server-side drafts of the wizard (with their uploaded files), and what an enrollment records
 * about the policy it signed: template, version, SHA-256 of the text, SHA-256 of the signed PDF,
 * and the hash of the receipt token that lets the technician download that PDF.
 *
 * The new enrollment columns are nullable: enrollments made before this migration have no
 * signed PDF. Portable types only, as in 0001.
 */
const ENROLLMENT_COLUMNS = [
  'policy_template_id',
  'policy_version',
  'policy_sha256',
  'signed_pdf_sha256',
  'receipt_token_hash',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ENROLLMENT_COLUMNS) {
    await db.schema.alterTable('enrollments').addColumn(column, 'text').execute();
  }

  await db.schema
    .createTable('drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('drafts_expires_idx').on('drafts').column('expires_at').execute();

  await db.schema
    .createTable('draft_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('draft_id', 'text', (c) => c.notNull().references('drafts.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('draft_files_draft_idx').on('draft_files').column('draft_id').execute();
  await db.schema.createIndex('draft_files_storage_key_idx').on('draft_files').column('storage_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('draft_files').execute();
  await db.schema.dropTable('drafts').execute();
  for (const column of [...ENROLLMENT_COLUMNS].reverse()) {
    await db.schema.alterTable('enrollments').dropColumn(column).execute();
  }
}
