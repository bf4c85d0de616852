/**
 * The resume code is the key to a draft: kept in localStorage so a reload continues the same
 * enrollment, and shown (with a link) so the technician can continue on another device.
 */

const STORAGE_KEY = 'byov.resumeCode';
const URL_PARAMETER = 'resume';
/**
 * Codes are 10 characters of Crockford base32. The check here is only about shape (letters and
 * digits); which characters are valid is the server's call, so a typo is answered "not found".
 */
const CODE_PATTERN = /^[0-9A-Z]{10}$/;

/** `abcde fghjk`, `ABCDEFGHJK` and `ABCDE-FGHJK` all become `ABCDE-FGHJK`; anything else null. */
export function normalizeResumeCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toUpperCase();
  if (!CODE_PATTERN.test(compact)) return null;
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}

// Storage can be unavailable (private mode, disabled cookies): the wizard still works, it
// just cannot resume after a reload.
export function readStoredCode(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeCode(code: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // See readStoredCode.
  }
}

export function forgetStoredCode(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // See readStoredCode.
  }
}

export function codeFromUrl(): string | null {
  return new URLSearchParams(window.location.search).get(URL_PARAMETER);
}

/** Drops `?resume=` from the address bar, so a later reload follows localStorage instead. */
export function removeCodeFromUrl(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(URL_PARAMETER)) return;
  url.searchParams.delete(URL_PARAMETER);
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

export function resumeLink(code: string): string {
  return `${window.location.origin}/?${URL_PARAMETER}=${encodeURIComponent(code)}`;
}
