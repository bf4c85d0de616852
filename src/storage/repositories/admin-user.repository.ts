import { type Kysely, sql } from 'kysely';
import type { AdminRole, AdminUserRow, Database } from '../database.js';

type Executor = Kysely<Database>;

export interface NewAdminUser {
  id: string;
  email: string;
  displayName: string;
  role: AdminRole;
  passwordHash: string | null;
  createdAt: string;
}

export async function insertAdminUser(db: Executor, user: NewAdminUser): Promise<void> {
  await db
    .insertInto('admin_users')
    .values({
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      disabled: 0,
      preferences: '{}',
      created_at: user.createdAt,
      updated_at: user.createdAt,
      last_sign_in_at: null,
    })
    .execute();
}

export async function findAdminUserByEmail(db: Executor, email: string): Promise<AdminUserRow | undefined> {
  return db.selectFrom('admin_users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findAdminUserById(db: Executor, id: string): Promise<AdminUserRow | undefined> {
  return db.selectFrom('admin_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAdminUsers(db: Executor): Promise<AdminUserRow[]> {
  return db.selectFrom('admin_users').selectAll().orderBy('email').execute();
}

/** Admins who can sign in: not disabled, with a password set. */
/**
 * Locks the rows of every admin who can sign in (a no-op update; on SQLite transactions run one
 * at a time anyway). Two transactions that each remove an admin then run one after the other,
 * so each sees the other's change when it counts who is left.
 */
export async function lockUsableAdmins(db: Executor): Promise<void> {
  await db
    .updateTable('admin_users')
    .set({ role: sql`role` })
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('password_hash', 'is not', null)
    .execute();
}

export async function countUsableAdmins(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('admin_users')
    .select(sql<number>`count(*)`.as('count'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface AdminUserChange {
  role?: AdminRole;
  disabled?: boolean;
  displayName?: string;
  passwordHash?: string;
  preferences?: string;
  lastSignInAt?: string;
}

export async function updateAdminUser(db: Executor, id: string, change: AdminUserChange, now: string): Promise<void> {
  await db
    .updateTable('admin_users')
    .set({
      updated_at: now,
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
      ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
      ...(change.preferences !== undefined ? { preferences: change.preferences } : {}),
      ...(change.lastSignInAt !== undefined ? { last_sign_in_at: change.lastSignInAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}
