/** The dashboard sync and webhook endpoints of the admin API. */
import { type DashboardSyncState, request } from '../api.js';

export function retryDashboardSync(enrollmentId: string): Promise<DashboardSyncState> {
  return request('POST', `/api/admin/enrollments/${encodeURIComponent(enrollmentId)}/dashboard-sync/retry`);
}
