import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';

/**
 * Admin routes need `Authorization: Bearer $ADMIN_TOKEN`. With no token configured they are
 * closed (403), never open: an unconfigured install must not expose technicians' data.
 */
export function makeAdminGuard(adminToken: string | undefined) {
  const expected = adminToken ? digest(adminToken) : undefined;
  return async (request: FastifyRequest): Promise<void> => {
    if (!expected) {
      throw new AppError('FORBIDDEN', 'Admin access is not configured on this server (set ADMIN_TOKEN).');
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    // Comparing fixed-length digests keeps the comparison time independent of the token.
    if (!match?.[1] || !timingSafeEqual(digest(match[1].trim()), expected)) {
      throw new AppError('UNAUTHORIZED', 'Sign in as an admin: send the admin token as a Bearer token.');
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
