import type { FastifyInstance } from 'fastify';
import type { VinDecoder } from '../../domain/vin/decode-vin.js';
import { AppError } from '../../errors.js';
import { checkVin, normalizeVin } from '../../shared/vin.js';
import type { AppDeps } from '../app.js';

/**
 * `GET /api/vin/:vin`: for a VIN that passes the check-digit rules, the decoded make, model,
 * model year, body style and fuel (offline, or from NHTSA when configured and reachable); null
 * when the VIN is valid but unknown. An invalid VIN gets the same message as the form shows.
 */
export function registerVinRoutes(app: FastifyInstance, deps: AppDeps & { vinDecoder: VinDecoder }): void {
  app.get<{ Params: { vin: string } }>(
    '/api/vin/:vin',
    { config: { rateLimit: { max: deps.config.rateLimit.wizardRequestsPerMinute, timeWindow: '1 minute' } } },
    async (request) => {
      const vin = normalizeVin(request.params.vin);
      const check = checkVin(vin);
      if (!check.ok) throw new AppError('VALIDATION_FAILED', check.problem, { field: 'vin' });
      const result = await deps.vinDecoder.decode(vin);
      return { vin, decoded: result.decoded, source: result.source };
    },
  );
}
