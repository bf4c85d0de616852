import type { FastifyInstance } from 'fastify';
import {
  ApprovalNoticeSettingsSchema,
  readApprovalNoticeSettings,
} from '../../domain/notifications/approval-notice-settings.js';
import { listNotifications, NotificationQuerySchema } from '../../domain/notifications/list-notifications.js';
import {
  NotificationSettingsSchema,
  readNotificationSettings,
} from '../../domain/notifications/notification-settings.js';
import { previewApprovalNotice, previewTaskEmail, previewTemplate } from '../../domain/notifications/preview-mail.js';
import { resendNotification } from '../../domain/notifications/resend-notification.js';
import { saveApprovalNoticeSettings, saveTaskEmailSettings } from '../../domain/notifications/save-mail-settings.js';
import { saveNotificationSettings } from '../../domain/notifications/save-notification-settings.js';
import { saveTemplateSettings } from '../../domain/notifications/save-template-settings.js';
import { sendTestEmail, TestEmailSchema } from '../../domain/notifications/send-test-email.js';
import {
  readTaskEmailSettings,
  TaskEmailSchema,
  TaskEmailSettingsSchema,
} from '../../domain/notifications/task-email-settings.js';
import { getTemplateSettings, TemplateSettingsSchema } from '../../domain/notifications/template-settings.js';
import { actionContext, guard } from '../admin-auth.js';
import type { AppDeps } from '../app.js';

const admin = guard('admin', null);

/**
 * The outbox and the e-mail settings:
 *
 * - `GET /api/admin/notifications?state=&enrollmentId=&limit=&offset=` → {status, messages}
 * - `POST /api/admin/notifications/:id/resend` → {id, state} (admins)
 * - `GET|PUT /api/admin/settings/notifications` → {inbox, reminderOffsets} (admins)
 * - `POST /api/admin/settings/notifications/test` `{to}` → {to, serverResponse} (admins)
 * - `GET|PUT /api/admin/settings/notifications/approval`, `POST …/approval/preview` (admins)
 * - `GET|PUT /api/admin/settings/notifications/tasks`, `POST …/tasks/preview` (admins)
 * - `GET|PUT /api/admin/settings/notifications/templates`, `POST …/templates/preview` (admins)
 */
export function registerAdminNotificationRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/admin/notifications', guard('reviewer', 'read', { query: NotificationQuerySchema }), async (request) =>
    listNotifications(deps, request.query),
  );
  app.post<{ Params: { id: string } }>(
    '/api/admin/notifications/:id/resend',
    guard('admin', 'review'),
    async (request) => resendNotification(deps, actionContext(request, deps.now), request.params.id),
  );
  app.get('/api/admin/settings/notifications', admin, async () => readNotificationSettings(deps.db.kysely));
  app.put(
    '/api/admin/settings/notifications',
    guard('admin', null, { body: NotificationSettingsSchema }),
    async (request) => saveNotificationSettings(deps, actionContext(request, deps.now), request.body),
  );
  app.post('/api/admin/settings/notifications/test', guard('admin', null, { body: TestEmailSchema }), async (request) =>
    sendTestEmail(deps, request.body),
  );

  app.get('/api/admin/settings/notifications/approval', admin, async () => readApprovalNoticeSettings(deps.db.kysely));
  app.put(
    '/api/admin/settings/notifications/approval',
    guard('admin', null, { body: ApprovalNoticeSettingsSchema }),
    async (request) => saveApprovalNoticeSettings(deps, actionContext(request, deps.now), request.body),
  );
  app.post(
    '/api/admin/settings/notifications/approval/preview',
    guard('admin', null, { body: ApprovalNoticeSettingsSchema }),
    async (request) => previewApprovalNotice(deps, request.body),
  );
  app.get('/api/admin/settings/notifications/tasks', admin, async () => readTaskEmailSettings(deps.db.kysely));
  app.put(
    '/api/admin/settings/notifications/tasks',
    guard('admin', null, { body: TaskEmailSettingsSchema }),
    async (request) => saveTaskEmailSettings(deps, actionContext(request, deps.now), request.body),
  );
  app.post(
    '/api/admin/settings/notifications/tasks/preview',
    guard('admin', null, { body: TaskEmailSchema }),
    async (request) => previewTaskEmail(deps, request.body),
  );

  app.get('/api/admin/settings/notifications/templates', admin, async () => getTemplateSettings(deps.db.kysely));
  app.put(
    '/api/admin/settings/notifications/templates',
    guard('admin', null, { body: TemplateSettingsSchema }),
    async (request) => saveTemplateSettings(deps, actionContext(request, deps.now), request.body),
  );
  app.post('/api/admin/settings/notifications/templates/preview', admin, async (request) =>
    previewTemplate(deps, request.body),
  );
}
