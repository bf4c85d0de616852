/**
 * The confirmation (reference, signed-PDF link) kept in this tab's sessionStorage, so a reload
 * of the confirmation page shows it again instead of starting a new enrollment. The PDF link
 * carries its own receipt token, so keeping it here gives nothing new to anyone.
 */
import type { Confirmation } from '../state/types.js';

const KEY = 'byov.confirmation';

export function keepConfirmation(confirmation: Confirmation): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(confirmation));
  } catch {
    // Storage may be off (private mode): the confirmation then lasts until the page is left.
  }
}

export function readConfirmation(): Confirmation | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Confirmation>;
    const valid = typeof value.reference === 'string' && typeof value.policyPdfUrl === 'string';
    return valid ? (value as Confirmation) : null;
  } catch {
    return null;
  }
}

export function forgetConfirmation(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // See keepConfirmation.
  }
}
