import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { ByteRange } from '../files/file-store.js';

/**
 * Sends a verified stored file (see readVerified) as the response: the whole file, or with a
 * single `Range: bytes=…` request (resumed downloads, PDF viewers fetching pages) a 206 with that
 * range. Several ranges, or a range outside the file, are ignored and the whole file is sent, as
 * HTTP allows.
 */
export function sendStoredFile(
  reply: FastifyReply,
  stream: Readable,
  sizeBytes: number,
  range: ByteRange | undefined,
): FastifyReply {
  reply.header('accept-ranges', 'bytes');
  if (!range) return reply.header('content-length', sizeBytes).send(stream);
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${sizeBytes}`)
    .header('content-length', range.end - range.start + 1)
    .send(stream);
}

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || size === 0) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    // A suffix: the last N bytes.
    const length = Math.min(Number(to), size);
    return length === 0 ? undefined : { start: size - length, end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  return start > end || start >= size ? undefined : { start, end };
}
