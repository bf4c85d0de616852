import { AppError } from '../errors.js';
import type { RenderSignedPdf } from '../pdf/generate-signed-policy-pdf.js';
import { type WorkerPool, WorkTimedOutError } from './worker-pool.js';

/**
 * Longest one signed PDF may take on a pool thread. A PDF takes tens of milliseconds; this only
 * stops a runaway, and the technician is told to send again (no enrollment was stored yet).
 */
const PDF_TIMEOUT_MS = 60_000;

/** Builds signed PDFs on the worker pool, so their CPU time never holds the event loop. */
export function createPdfRenderer(pool: WorkerPool): RenderSignedPdf {
  return (input) =>
    pool.run('signed-policy-pdf', input, { timeoutMs: PDF_TIMEOUT_MS }).catch((error: unknown) => {
      if (error instanceof WorkTimedOutError) {
        throw new AppError(
          'RATE_LIMITED',
          'The server is too busy to finish your enrollment. Send it again in a minute.',
        );
      }
      throw error;
    });
}
