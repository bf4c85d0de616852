import type { EnrollmentRow } from '../../../storage/database.js';

/** The events an endpoint can subscribe to. */
export const WEBHOOK_EVENTS = [
  'enrollment.submitted',
  'enrollment.approved',
  'enrollment.rejected',
  'enrollment.changes_requested',
  'enrollment.deleted',
  'document.expiring',
  'backup.failed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent only by "Send test event", to the one endpoint. */
export const TEST_EVENT = 'webhook.test';

/** Outbox kinds of webhook deliveries: `webhook.<event>`. */
export const WEBHOOK_KIND_PREFIX = 'webhook.';

/** The body every delivery carries (the Standard Webhooks shape): what happened, when, and its facts. */
export interface WebhookPayload {
  type: WebhookEvent | typeof TEST_EVENT;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The facts of an enrollment event: ids and the tech ID, never the technician's name, contact
 * details or VIN (a receiver that needs more asks the admin API with a token).
 */
export function enrollmentEventData(row: EnrollmentRow, status: string = row.status): Record<string, unknown> {
  return {
    enrollmentId: row.id,
    reference: row.reference,
    techId: row.tech_id.toUpperCase(),
    revision: row.revision,
    status,
  };
}
