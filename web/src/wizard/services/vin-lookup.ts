/**
 * Checks a VIN as soon as all 17 characters are in, and looks it up to prefill the year,
 * make and model. The lookup only ever helps: when it fails, the technician types them.
 */
import { checkVin, normalizeVin } from '../../../../src/shared/vin.js';
import { type DecodedVehicle, lookupVin } from '../api.js';
import { t, translateValidation } from '../i18n/i18n.js';
import type { WizardStore } from '../state/store.js';

const VIN_LENGTH = 17;

function describeVehicle(decoded: DecodedVehicle): string {
  const name = [decoded.modelYear, decoded.make, decoded.model].filter(Boolean).join(' ');
  const details = [decoded.bodyStyle, decoded.fuelType].filter(Boolean).join(', ');
  const vehicle = name || t('vehicle.vehicleFound');
  return details ? t('vehicle.decodedWithDetails', { vehicle, details }) : t('vehicle.decoded', { vehicle });
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function createVinLookup(store: WizardStore) {
  let controller: AbortController | null = null;
  let lastLookedUp = '';

  async function lookUp(vin: string): Promise<void> {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    store.dispatch({ type: 'vehicleHintChanged', hint: t('vehicle.lookingUp') });
    try {
      const { decoded } = await lookupVin(vin, current.signal);
      if (current.signal.aborted) return;
      store.dispatch(
        decoded
          ? {
              type: 'vehicleDecoded',
              year: text(decoded.modelYear),
              make: text(decoded.make),
              model: text(decoded.model),
              hint: describeVehicle(decoded),
            }
          : { type: 'vehicleHintChanged', hint: t('vehicle.unknown') },
      );
    } catch {
      if (current.signal.aborted) return;
      store.dispatch({ type: 'vehicleHintChanged', hint: t('vehicle.lookupUnavailable') });
    }
  }

  return {
    /** Called on every change of the VIN field. */
    onVinChanged(input: string): void {
      const vin = normalizeVin(input);
      if (vin.length !== VIN_LENGTH) {
        controller?.abort();
        lastLookedUp = '';
        store.dispatch({ type: 'vehicleHintChanged', hint: null });
        return;
      }
      const check = checkVin(vin, translateValidation);
      if (!check.ok) {
        controller?.abort();
        lastLookedUp = '';
        store.dispatch({ type: 'vehicleHintChanged', hint: null });
        store.dispatch({ type: 'fieldErrorSet', key: 'vin', message: check.problem });
        return;
      }
      if (vin !== lastLookedUp) {
        lastLookedUp = vin;
        void lookUp(vin);
      }
    },
  };
}
