import type { IntegrationsConfig } from '../../../config.js';
import { AppError } from '../../../errors.js';
import { AddressRefused, createAddressGuard, type ResolveHost } from '../../../net/address-guard.js';
import type { WebhookEndpointRow } from '../../../storage/database.js';
import type { Db } from '../../../storage/db.js';

export interface WebhookAdminDeps {
  db: Db;
  now: () => Date;
  config: { integrations: IntegrationsConfig };
  /** The system resolver unless a test swaps it. */
  resolveHost?: ResolveHost | undefined;
}

/**
 * Refuses a URL whose host is (or resolves to) a private, loopback, link-local, unique-local or
 * unspecified address that WEBHOOK_ALLOWED_HOSTS does not name. Checked again at every delivery.
 */
export async function assertReachableUrl(deps: WebhookAdminDeps, url: string): Promise<void> {
  const guard = createAddressGuard(deps.config.integrations.webhookAllowedHosts, deps.resolveHost);
  try {
    await guard.check(new URL(url));
  } catch (error) {
    if (error instanceof AddressRefused) throw new AppError('WEBHOOK_URL_REFUSED', error.message, { field: 'url' });
    throw error;
  }
}

/** An endpoint as the API shows it: never its secret, which is shown once on creation. */
export function presentEndpoint(row: WebhookEndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as string[],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function hostOf(url: string): string {
  return new URL(url).host;
}
