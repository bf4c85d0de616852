import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OpenedSession } from '../domain/auth/session.js';

export const SESSION_COOKIE = 'byov_session';

/**
 * The session cookie's value, if the request carries one (cookies parsed by hand: one cookie,
 * no library). A value that is not valid percent-encoding cannot be a token we issued, so it
 * counts as no session (and sign-out still clears it).
 */
export function readSessionCookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site form posts), Secure
 * whenever the site is reached over HTTPS, and Max-Age matching the server-side expiry.
 */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  session: Pick<OpenedSession, 'token' | 'expiresAt'>,
  publicUrl: string,
  now: Date,
): void {
  const maxAge = Math.max(0, Math.round((new Date(session.expiresAt).getTime() - now.getTime()) / 1000));
  reply.header('set-cookie', cookie(encodeURIComponent(session.token), maxAge, isSecure(request, publicUrl)));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, publicUrl: string): void {
  reply.header('set-cookie', cookie('', 0, isSecure(request, publicUrl)));
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** HTTPS directly, through a trusted proxy (X-Forwarded-Proto), or by the configured public URL. */
function isSecure(request: FastifyRequest, publicUrl: string): boolean {
  return request.protocol === 'https' || publicUrl.startsWith('https:');
}
