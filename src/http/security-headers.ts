/**
 * Security headers that depend on how people reach the server. `upgrade-insecure-requests`
 * and HSTS only make sense over HTTPS: on plain http (a LAN address with HOST=0.0.0.0) the
 * first makes the browser fetch every script over https, which fails and leaves a blank page.
 * So both follow PUBLIC_URL.
 */
export interface SecurityHeaders {
  /** Options for @fastify/helmet as registered for every route. */
  readonly helmet: Record<string, unknown>;
  /** The wizard page's Content-Security-Policy (helmet's defaults plus `blob:` previews). */
  readonly pageCsp: CspOptions;
  /** The control center's policy: no blob: images, same-origin frames for the PDF viewer. */
  readonly adminCsp: CspOptions;
}

interface CspOptions {
  useDefaults: true;
  directives: Record<string, string[] | null>;
}

export function securityHeaders(publicUrl: string): SecurityHeaders {
  const https = publicUrl.startsWith('https:');
  // helmet drops a directive set to null; its defaults include upgrade-insecure-requests.
  const upgrade = { 'upgrade-insecure-requests': https ? [] : null };
  const csp = (directives: Record<string, string[]>): CspOptions => ({
    useDefaults: true,
    directives: { ...directives, ...upgrade },
  });
  return {
    helmet: {
      contentSecurityPolicy: csp({}),
      strictTransportSecurity: https ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
    },
    pageCsp: csp({
      'img-src': ["'self'", 'data:', 'blob:'],
      'connect-src': ["'self'"],
      'form-action': ["'self'"],
    }),
    adminCsp: csp({
      'img-src': ["'self'", 'data:'],
      'frame-src': ["'self'"],
      'connect-src': ["'self'"],
      'form-action': ["'self'"],
    }),
  };
}
