import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * JSON logs on stdout. Request URLs are logged without their query string because admin
 * searches carry names and VINs there, and personal data never goes into logs.
 */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.split('?')[0],
      }),
    },
  });
}
