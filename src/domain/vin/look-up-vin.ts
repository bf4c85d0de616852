import { AppError } from '../../errors.js';
import { checkVin, normalizeVin } from '../../shared/vin.js';
import type { VinDecoder } from './decode-vin.js';

/**
 * For a VIN that passes the check-digit rules, the decoded make, model, model year, body style
 * and fuel; null when the VIN is valid but unknown. An invalid VIN gets the form's message.
 */
export async function lookUpVin(decoder: VinDecoder, raw: string) {
  const vin = normalizeVin(raw);
  const check = checkVin(vin);
  if (!check.ok) throw new AppError('VALIDATION_FAILED', check.problem, { field: 'vin' });
  const result = await decoder.decode(vin);
  return { vin, decoded: result.decoded, source: result.source };
}
