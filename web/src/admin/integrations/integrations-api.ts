/** The dashboard sync and webhook endpoints of the admin API. */
import { type DashboardSyncState, request } from '../api.js';

export function retryDashboardSync(enrollmentId: string): Promise<DashboardSyncState> {
  return request('POST', `/api/admin/enrollments/${encodeURIComponent(enrollmentId)}/dashboard-sync/retry`);
}

export interface WebhookDelivery {
  id: string;
  event: string;
  state: 'waiting' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  history: { at: string; status: number | null; body: string | null; error: string | null }[];
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  deliveries: WebhookDelivery[];
}

export interface WebhookList {
  events: string[];
  endpoints: WebhookEndpoint[];
}

export interface NewWebhookEndpoint {
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
}

const webhookPath = (id: string) => `/api/admin/webhooks/${encodeURIComponent(id)}`;

export function listWebhooks(): Promise<WebhookList> {
  return request('GET', '/api/admin/webhooks');
}

export function createWebhook(input: NewWebhookEndpoint): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  return request('POST', '/api/admin/webhooks', { body: input });
}

export function updateWebhook(
  id: string,
  changes: Partial<NewWebhookEndpoint>,
): Promise<{ endpoint: WebhookEndpoint }> {
  return request('PUT', webhookPath(id), { body: changes });
}

export function removeWebhook(id: string): Promise<null> {
  return request('DELETE', webhookPath(id));
}

export function sendTestWebhook(id: string): Promise<{ id: string; state: string }> {
  return request('POST', `${webhookPath(id)}/test`);
}
