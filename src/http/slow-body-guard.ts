import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export interface SlowBodyLimits {
  /** The slowest body accepted, in bytes per second, averaged over `windowMs`. */
  readonly minBytesPerSecond: number;
  /** How long a body may stay below the floor before it is cut. */
  readonly windowMs: number;
}

/**
 * Cuts a request body that arrives slower than a floor rate for longer than a window with 408.
 * A client trickling bytes would otherwise hold a socket and an upload's temp file for as long
 * as it likes. Time when the body is not being read because the server is busy with what came
 * before (the stream is paused, or data waits in its buffer) does not count against the client.
 * The error is raised on the request stream, so the reader in progress fails like any broken
 * upload and removes what it staged; the answer closes the connection.
 */
export function guardSlowBodies(app: FastifyInstance, limits: SlowBodyLimits): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request)) return;
    const socket = request.raw.socket;
    const tick = Math.max(50, Math.min(1000, Math.floor(limits.windowMs / 4)));
    let windowStart = Date.now();
    let bytesAtStart = socket.bytesRead;
    const timer = setInterval(() => {
      if (request.raw.complete || request.raw.destroyed) return stop();
      const now = Date.now();
      if (request.raw.isPaused() || request.raw.readableLength > 0) {
        windowStart = now;
        bytesAtStart = socket.bytesRead;
        return;
      }
      if (now - windowStart < limits.windowMs) return;
      const rate = ((socket.bytesRead - bytesAtStart) * 1000) / (now - windowStart);
      if (rate < limits.minBytesPerSecond) {
        stop();
        reply.header('connection', 'close');
        request.raw.emit('error', tooSlow(limits));
        return;
      }
      windowStart = now;
      bytesAtStart = socket.bytesRead;
    }, tick);
    timer.unref();
    const stop = () => clearInterval(timer);
    reply.raw.once('close', stop);
    request.raw.once('end', stop);
  });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

function tooSlow(limits: SlowBodyLimits): AppError {
  return new AppError(
    'REQUEST_TIMEOUT',
    `The upload was too slow (under ${Math.round(limits.minBytesPerSecond / 1024)} KB/s for ` +
      `${Math.round(limits.windowMs / 1000)} seconds) and was stopped. Try again on a better connection.`,
  );
}
