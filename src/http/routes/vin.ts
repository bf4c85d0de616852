import type { FastifyInstance } from 'fastify';
import type { VinDecoder } from '../../domain/vin/decode-vin.js';
import { lookUpVin } from '../../domain/vin/look-up-vin.js';
import type { AppDeps } from '../app.js';

/** `GET /api/vin/:vin`: the decoded vehicle (offline, or from NHTSA when configured and reachable). */
export function registerVinRoutes(app: FastifyInstance, deps: AppDeps & { vinDecoder: VinDecoder }): void {
  app.get<{ Params: { vin: string } }>(
    '/api/vin/:vin',
    { config: { rateLimit: { max: deps.config.rateLimit.wizardRequestsPerMinute, timeWindow: '1 minute' } } },
    async (request) => lookUpVin(deps.vinDecoder, request.params.vin),
  );
}
