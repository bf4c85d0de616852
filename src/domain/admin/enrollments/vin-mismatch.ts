import type { DecodedVehicle } from '../../vin/decode-vin.js';

/** Letters and digits only, lower-case: "Mercedes-Benz" and "MERCEDES BENZ" are one make. */
function simplify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Which of make, model and year the technician entered differently from what the VIN decodes
 * to. Models are compared loosely ("Accord" matches "Accord Sedan"), since decoders and people
 * name trims differently; anything the decoder does not know is not a disagreement.
 */
export function findVinMismatches(
  entered: { make: string; model: string; year: number },
  decoded: DecodedVehicle,
): ('make' | 'model' | 'year')[] {
  const mismatches: ('make' | 'model' | 'year')[] = [];
  if (decoded.make && simplify(decoded.make) !== simplify(entered.make)) mismatches.push('make');
  const [a, b] = [simplify(decoded.model ?? ''), simplify(entered.model)];
  if (a && !a.includes(b) && !b.includes(a)) mismatches.push('model');
  if (decoded.modelYear !== null && decoded.modelYear !== entered.year) mismatches.push('year');
  return mismatches;
}
