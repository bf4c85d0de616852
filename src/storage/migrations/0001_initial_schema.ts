import type { Kysely } from 'kysely';

/**
 * The first schema. Written with the schema builder and portable types only so the same
 * migration runs on SQLite and PostgreSQL. Never edit a released migration: add a new one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enrollments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('tech_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('supersedes_id', 'text', (c) => c.references('enrollments.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('referred_by', 'text')
    .addColumn('industries', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('vin', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('make', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('color', 'text')
    .addColumn('plate', 'text')
    .addColumn('insurance_provider', 'text')
    .addColumn('insurance_policy_number', 'text')
    .addColumn('insurance_expiration', 'text', (c) => c.notNull())
    .addColumn('registration_expiration', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('policy_acknowledged', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enrollments_tech_revision_unique', ['tech_id', 'revision'])
    .execute();
  await db.schema
    .createIndex('enrollments_status_created_idx')
    .on('enrollments')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema.createIndex('enrollments_created_idx').on('enrollments').column('created_at').execute();
  await db.schema.createIndex('enrollments_vin_idx').on('enrollments').column('vin').execute();
  await db.schema.createIndex('enrollments_state_idx').on('enrollments').column('state').execute();
  await db.schema
    .createIndex('enrollments_insurance_exp_idx')
    .on('enrollments')
    .column('insurance_expiration')
    .execute();
  await db.schema
    .createIndex('enrollments_registration_exp_idx')
    .on('enrollments')
    .column('registration_expiration')
    .execute();
  await db.schema.createIndex('enrollments_full_name_idx').on('enrollments').column('full_name').execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enrollment_id', 'text', (c) => c.notNull().references('enrollments.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_enrollment_idx').on('documents').column('enrollment_id').execute();
  await db.schema.createIndex('documents_storage_key_idx').on('documents').column('storage_key').execute();

  await db.schema
    .createTable('checklist_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enrollment_id', 'text', (c) => c.notNull().references('enrollments.id').onDelete('cascade'))
    .addColumn('task_key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('completed_by', 'text')
    .addUniqueConstraint('checklist_tasks_enrollment_task_unique', ['enrollment_id', 'task_key'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enrollment_id', 'text', (c) => c.references('enrollments.id').onDelete('set null'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_enrollment_idx').on('audit_events').column('enrollment_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_events', 'checklist_tasks', 'documents', 'enrollments', 'settings']) {
    await db.schema.dropTable(table).execute();
  }
}
