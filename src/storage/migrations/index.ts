import type { Migration } from 'kysely';
import * as initialSchema from './0001_initial_schema.js';
import * as draftsAndSignedPolicy from './0002_drafts_and_signed_policy.js';
import * as adminAccounts from './0003_admin_accounts.js';
import * as searchText from './0004_search_text.js';
import * as legacyImport from './0005_legacy_import.js';
import * as outbox from './0006_outbox.js';
import * as draftCreators from './0007_draft_creators.js';
import * as technicianLanguage from './0012_technician_language.js';
import * as integrations from './0013_integrations.js';
import * as apiTokens from './0014_api_tokens.js';
import * as searchIndex from './0016_search_index.js';
import * as stateNameIndex from './0017_state_name_index.js';
import * as cluster from './0018_cluster.js';
import * as policyVersionsAndBackupJobs from './0019_policy_versions_and_backup_jobs.js';
import * as instanceBackups from './0020_instance_backups.js';

/**
 * Every migration, in order. Listed statically (not read from a folder) so the same list works
 * from the TypeScript sources and from the compiled output. The schema version of a database is
 * the number of these that have been applied to it.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial_schema': initialSchema,
  '0002_drafts_and_signed_policy': draftsAndSignedPolicy,
  '0003_admin_accounts': adminAccounts,
  '0004_search_text': searchText,
  '0005_legacy_import': legacyImport,
  '0006_outbox': outbox,
  '0007_draft_creators': draftCreators,
  '0012_technician_language': technicianLanguage,
  '0013_integrations': integrations,
  '0014_api_tokens': apiTokens,
  '0016_search_index': searchIndex,
  '0017_state_name_index': stateNameIndex,
  '0018_cluster': cluster,
  '0019_policy_versions_and_backup_jobs': policyVersionsAndBackupJobs,
  '0020_instance_backups': instanceBackups,
};

export const SCHEMA_VERSION = Object.keys(MIGRATIONS).length;
