import { normalizeState } from '../../shared/us-states.js';
import type { Db } from '../../storage/db.js';
import { findPolicyVersion, markPolicyVersionsServed } from '../../storage/repositories/policy-version.repository.js';
import type { PolicyLibrary } from './policy-library.js';
import type { PolicyTemplate } from './policy-template.js';

/**
 * How long after the last instance stopped serving a version it can still be signed: covers a
 * technician who read it on an instance that was replaced during a rolling deploy. Instances
 * renew the versions they serve with every heartbeat, so a version in force never lapses.
 */
export const SERVED_VERSION_GRACE_MS = 60 * 60_000;

/** Records that this instance serves the library's versions (at start and with each heartbeat). */
export async function markPoliciesServed(db: Db, library: PolicyLibrary, now: Date): Promise<void> {
  await markPolicyVersionsServed(
    db.kysely,
    [...library.templates, ...library.translations].map((t) => ({
      sha256: t.sha256,
      template_id: t.id,
      version: t.version,
      title: t.title,
      states: JSON.stringify(t.states),
      text: t.text,
    })),
    now.toISOString(),
  );
}

/**
 * The version with `sha256`, served by some instance within the grace period, if it applies to
 * `state`: another version of the template in force here for it (`current`), or a template that
 * lists the state (the default template applies only where no other claims the state). During a
 * rolling deploy the instances serve different versions: the one the technician read is signed.
 */
export async function findServedPolicy(
  db: Db,
  sha256: string,
  state: string,
  now: Date,
  current: Pick<PolicyTemplate, 'id'>,
): Promise<PolicyTemplate | undefined> {
  const since = new Date(now.getTime() - SERVED_VERSION_GRACE_MS).toISOString();
  const row = await findPolicyVersion(db.kysely, sha256, since);
  if (!row) return undefined;
  const states = JSON.parse(row.states) as string[] | '*';
  const code = normalizeState(state);
  const listed = states !== '*' && code !== undefined && states.includes(code);
  if (row.template_id !== current.id && !listed) return undefined;
  return {
    id: row.template_id,
    version: row.version,
    title: row.title,
    states,
    text: row.text,
    sha256: row.sha256,
  };
}
