import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/**
 * Caps the uploads one address may have in progress at once (a submission or a draft file).
 * Each holds a socket and a temp file until its body has arrived, so an address opening many
 * at once could otherwise tie up the server's disk and connections. Counted in this process:
 * the uploads it is receiving are its own.
 */
export function limitConcurrentUploads(
  app: FastifyInstance,
  options: { perAddress: number; isUpload: (method: string, url: string) => boolean },
): void {
  const inProgress = new Map<string, number>();
  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url ?? '';
    if (!options.isUpload(request.method, url)) return;
    const ip = request.ip;
    const count = inProgress.get(ip) ?? 0;
    if (count >= options.perAddress) {
      reply.header('connection', 'close');
      throw new AppError(
        'RATE_LIMITED',
        `Too many uploads at once from this address (at most ${options.perAddress}). Wait for one to finish.`,
      );
    }
    inProgress.set(ip, count + 1);
    reply.raw.once('close', () => {
      const left = (inProgress.get(ip) ?? 1) - 1;
      if (left <= 0) inProgress.delete(ip);
      else inProgress.set(ip, left);
    });
  });
}
