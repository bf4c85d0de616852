/**
 * Behind a load balancer every request arrives from the balancer's address. With the balancer
 * named in TRUST_PROXY, limits and sign-in locks follow the client's address from
 * X-Forwarded-For; a forwarded address from anyone else is ignored, so it cannot dodge a limit.
 */
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/app-harness.js';

const BALANCER = '10.1.2.3';

async function signInStatuses(
  app: Awaited<ReturnType<typeof startTestApp>>['app'],
  from: { remoteAddress: string; forwardedFor?: string },
  count: number,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: from.remoteAddress,
      headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
      payload: { email: `nobody${i}@example.com`, password: 'not the password at all' },
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('TRUST_PROXY', () => {
  it('keys the sign-in limit by the forwarded client address when the balancer is trusted', async () => {
    const t = await startTestApp('sqlite', { TRUST_PROXY: '10.0.0.0/8', RATE_LIMIT_SIGN_INS_PER_MINUTE: '3' });
    try {
      const first = { remoteAddress: BALANCER, forwardedFor: '203.0.113.7' };
      expect(await signInStatuses(t.app, first, 4)).toEqual([401, 401, 401, 429]);
      // Another technician behind the same balancer is not locked out by the first.
      const second = { remoteAddress: BALANCER, forwardedFor: '203.0.113.8' };
      expect(await signInStatuses(t.app, second, 1)).toEqual([401]);
    } finally {
      await t.close();
    }
  });

  it('ignores X-Forwarded-For from an address that is not a trusted proxy', async () => {
    const t = await startTestApp('sqlite', { TRUST_PROXY: '10.0.0.0/8', RATE_LIMIT_SIGN_INS_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const spoofed = { remoteAddress: '198.51.100.9', forwardedFor: `203.0.113.${i + 1}` };
        statuses.push(...(await signInStatuses(t.app, spoofed, 1)));
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});
