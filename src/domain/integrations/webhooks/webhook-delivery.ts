import { Webhook } from 'standardwebhooks';
import type { IntegrationsConfig } from '../../../config.js';
import { AddressRefused, createAddressGuard, type ResolveHost } from '../../../net/address-guard.js';
import { postJson } from '../../../net/post-json.js';
import type { Db } from '../../../storage/db.js';
import { findWebhookEndpoint } from '../../../storage/repositories/webhook.repository.js';
import { DeliveryFailure, type OutboxHandler } from '../../outbox/outbox-handler.js';
import { assertAccepted, noAnswer } from '../http-outcome.js';
import { WEBHOOK_KIND_PREFIX } from './webhook-events.js';

export interface WebhookDeliveryDeps {
  db: Db;
  now: () => Date;
  integrations: IntegrationsConfig;
  /** The system resolver unless a test swaps it. */
  resolveHost?: ResolveHost | undefined;
}

/**
 * Delivers queued webhook events, signed per Standard Webhooks (`webhook-id`, the outbox id and
 * the same on every retry; `webhook-timestamp`; `webhook-signature`, HMAC-SHA256 with the
 * endpoint's `whsec_` secret). Before each attempt the endpoint's host is resolved and checked
 * again, and the request goes to the address checked, so a name that now points inside the
 * network (DNS rebinding) is refused, not reached.
 */
export function webhookHandler(deps: WebhookDeliveryDeps): OutboxHandler {
  const guard = createAddressGuard(deps.integrations.webhookAllowedHosts, deps.resolveHost);
  return {
    kindPrefixes: [WEBHOOK_KIND_PREFIX],
    handles: (kind) => kind.startsWith(WEBHOOK_KIND_PREFIX),
    retryPolicy: () => deps.integrations,
    async deliver(message) {
      const [endpointId = ''] = JSON.parse(message.recipients) as string[];
      const endpoint = await findWebhookEndpoint(deps.db.kysely, endpointId);
      if (!endpoint) throw new DeliveryFailure('The endpoint was removed.', { permanent: true });
      if (endpoint.enabled !== 1) throw new DeliveryFailure('The endpoint is disabled.', { permanent: true });
      const url = new URL(endpoint.url);
      const pinned = await guard.check(url).catch((error) => {
        if (error instanceof AddressRefused) throw new DeliveryFailure(error.message, { permanent: true });
        throw error;
      });
      const body = message.payload;
      const at = deps.now();
      const signature = new Webhook(endpoint.secret).sign(message.id, at, body);
      const response = await postJson({
        url,
        body,
        pinned,
        timeoutMs: deps.integrations.timeoutMs,
        headers: {
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signature,
          'user-agent': 'BYOV-Enrollment-Webhooks',
        },
      }).catch((error) => noAnswer(error));
      return { response: assertAccepted('The endpoint', response) };
    },
  };
}
