import type { FastifyInstance } from 'fastify';
import { listNotifications } from '../../domain/notifications/list-notifications.js';
import { readNotificationSettings } from '../../domain/notifications/notification-settings.js';
import { resendNotification } from '../../domain/notifications/resend-notification.js';
import { saveNotificationSettings } from '../../domain/notifications/save-notification-settings.js';
import { sendTestEmail } from '../../domain/notifications/send-test-email.js';
import { actionContext } from '../admin-auth.js';
import type { AppDeps } from '../app.js';

const reviewer = { config: { access: 'reviewer' as const } };
const admin = { config: { access: 'admin' as const } };

/**
 * The outbox and the e-mail settings:
 *
 * - `GET /api/admin/notifications?state=&enrollmentId=&limit=&offset=` → {status, messages}
 * - `POST /api/admin/notifications/:id/resend` → {id, state} (admins)
 * - `GET|PUT /api/admin/settings/notifications` → {inbox, reminderOffsets} (admins)
 * - `POST /api/admin/settings/notifications/test` `{to}` → {to, serverResponse} (admins)
 */
export function registerAdminNotificationRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/admin/notifications', reviewer, async (request) => listNotifications(deps, request.query));
  app.post<{ Params: { id: string } }>('/api/admin/notifications/:id/resend', admin, async (request) =>
    resendNotification(deps, actionContext(request, deps.now), request.params.id),
  );
  app.get('/api/admin/settings/notifications', admin, async () => readNotificationSettings(deps.db.kysely));
  app.put('/api/admin/settings/notifications', admin, async (request) =>
    saveNotificationSettings(deps, actionContext(request, deps.now), request.body),
  );
  app.post('/api/admin/settings/notifications/test', admin, async (request) =>
    sendTestEmail(deps, (request.body as { to?: unknown } | undefined)?.to),
  );
}
