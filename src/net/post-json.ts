import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './address-guard.js';

/** How much of a response is read (a 207's list of missing parts fits easily). */
const READ_LIMIT_BYTES = 64 * 1024;

export interface PostJsonRequest {
  url: URL;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Connect to this address (checked beforehand) instead of looking the host up again. */
  pinned?: ResolvedAddress | undefined;
}

export interface PostJsonResponse {
  status: number;
  /** The start of the body, at most 64 KB, as text. */
  body: string;
}

/** Thrown when no HTTP answer came: refused, reset, or silent past the time-out. */
export class PostFailed extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'PostFailed';
  }
}

/**
 * POSTs a JSON body and reads the answer. Redirects are not followed (a 3xx is returned as
 * it is), and with `pinned` the connection goes to that address while TLS still checks the
 * certificate against the URL's host name.
 */
export function postJson(request: PostJsonRequest): Promise<PostJsonResponse> {
  const { url } = request;
  const client = url.protocol === 'https:' ? https : http;
  const lookup = request.pinned ? pinnedLookup(request.pinned) : undefined;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body)),
          ...request.headers,
        },
        ...(lookup ? { lookup } : {}),
        // No pooled connection: a kept-alive socket could outlive the address check.
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          clearTimeout(timer);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        };
        response.on('data', (chunk: Buffer) => {
          if (size >= READ_LIMIT_BYTES) return;
          chunks.push(chunk.subarray(0, READ_LIMIT_BYTES - size));
          size += chunk.length;
          if (size >= READ_LIMIT_BYTES) {
            response.destroy();
            finish();
          }
        });
        response.on('end', finish);
        response.on('error', (error) => fail(error));
      },
    );
    const fail = (error: Error & { code?: string }) => {
      clearTimeout(timer);
      outgoing.destroy();
      reject(new PostFailed(`no answer from ${url.host}: ${error.message}`, error.code));
    };
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`timed out after ${request.timeoutMs / 1000} s`), { code: 'ETIMEDOUT' });
      fail(error);
    }, request.timeoutMs);
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}

/** A lookup that answers with the checked address, in whichever form the socket asks for. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, all: ResolvedAddress[]) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
}

/** A response body cut for keeping in the delivery log. */
export function truncateBody(body: string, limit = 2000): string {
  return body.length <= limit ? body : `${body.slice(0, limit)}…`;
}
