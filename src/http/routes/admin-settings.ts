import type { FastifyInstance } from 'fastify';
import { getChecklistSettings } from '../../domain/admin/settings/get-checklist-settings.js';
import { saveChecklistSettings, TasksSchema } from '../../domain/admin/settings/save-checklist-settings.js';
import { CreateUserSchema, createAdminUser } from '../../domain/admin/users/create-admin-user.js';
import { listAdminUsers } from '../../domain/admin/users/list-admin-users.js';
import { UpdateUserSchema, updateAdminUser } from '../../domain/admin/users/update-admin-user.js';
import { actionContext, guard } from '../admin-auth.js';
import type { AppDeps } from '../app.js';

const admin = guard('admin', null);

/** Settings and accounts: admins only, never with an API token. */
export function registerAdminSettingsRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/api/admin/settings/checklist', admin, async () => getChecklistSettings(deps));
  app.put('/api/admin/settings/checklist', guard('admin', null, { body: TasksSchema }), async (request) =>
    saveChecklistSettings(deps, actionContext(request, deps.now), request.body),
  );

  app.get('/api/admin/users', admin, async () => listAdminUsers(deps));
  app.post('/api/admin/users', guard('admin', null, { body: CreateUserSchema }), async (request, reply) => {
    const created = await createAdminUser(
      { db: deps.db, publicUrl: deps.config.publicUrl },
      actionContext(request, deps.now),
      request.body,
    );
    return reply.status(201).send(created);
  });
  app.patch<{ Params: { id: string } }>(
    '/api/admin/users/:id',
    guard('admin', null, { body: UpdateUserSchema }),
    async (request) => updateAdminUser(deps, actionContext(request, deps.now), request.params.id, request.body),
  );
}
