import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One scripted answer: a status with a body, or no answer at all (the client times out). */
export type Answer = { status: number; body?: unknown } | 'hang';

/**
 * A real HTTP server on 127.0.0.1 that answers from a script, in turn; after the script runs
 * out it answers `fallback`. Every request is kept with its headers and raw body.
 */
export class HttpReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly script: Answer[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  fallback: Answer = { status: 200, body: { ok: true } };

  answer(...answers: Answer[]): void {
    this.script.push(...answers);
  }

  async listen(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const answer = this.script.shift() ?? this.fallback;
        if (answer === 'hang') return;
        const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The JSON bodies of the requests to paths ending with `suffix`. */
  bodiesTo(suffix: string): Record<string, unknown>[] {
    return this.received.filter((r) => r.url.endsWith(suffix)).map((r) => JSON.parse(r.body));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
