import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * JSON logs on stdout. Request URLs are logged without their query string because admin
 * searches carry names and VINs there, and personal data never goes into logs. For the same
 * reason the VIN in `/api/vin/<vin>` and the resume code in `/api/drafts/<code>` (a credential)
 * are masked.
 */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  const options = {
    level,
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
      }),
    },
  };
  // The destination is for tests that read what would have been logged.
  return destination ? pino(options, destination) : pino(options);
}

export function redactUrl(url: string | undefined): string | undefined {
  return url
    ?.split('?')[0]
    ?.replace(/^(\/api\/vin\/)[^/]+/, '$1***')
    .replace(/^(\/api\/drafts\/)[^/]+/, '$1***');
}
