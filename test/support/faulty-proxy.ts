/**
 * An HTTP proxy in front of a test server that misbehaves on request: it flips one byte of the
 * body of uploads (PUT) so that the server stores other bytes than the client sent, or answers
 * some requests with a 503. Used to prove that a store only trusts what the service confirmed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultyProxy {
  endpoint: string;
  /**
   * corruptPuts: flip a byte of each upload; failRequests: answer the next N with 503;
   * stallRequests: swallow the next N without ever answering; stallPuts: the same for every PUT.
   */
  faults: { corruptPuts: boolean; failRequests: number; stallRequests: number; stallPuts: boolean };
  /** Requests swallowed so far by the stall faults. */
  stalled: number;
  /** Requests seen, by method. */
  seen: Record<string, number>;
  stop(): Promise<void>;
}

export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const upstream = new URL(target);
  const proxy: FaultyProxy = {
    endpoint: '',
    faults: { corruptPuts: false, failRequests: 0, stallRequests: 0, stallPuts: false },
    stalled: 0,
    seen: {},
    stop: () =>
      new Promise((resolve) => {
        for (const res of stalledResponses) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const stalledResponses = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    proxy.seen[method] = (proxy.seen[method] ?? 0) + 1;
    if (proxy.faults.stallRequests > 0 || (proxy.faults.stallPuts && method === 'PUT')) {
      if (proxy.faults.stallRequests > 0) proxy.faults.stallRequests--;
      proxy.stalled++;
      req.resume();
      stalledResponses.add(res);
      return;
    }
    if (proxy.faults.failRequests > 0) {
      proxy.faults.failRequests--;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>test fault</Message></Error>');
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    let flipped = false;
    req.on('data', (chunk: Buffer) => {
      if (method === 'PUT' && proxy.faults.corruptPuts && !flipped && chunk.length > 0) {
        chunk[0] = (chunk[0] ?? 0) ^ 0xff;
        flipped = true;
      }
      forward.write(chunk);
    });
    req.on('end', () => forward.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
