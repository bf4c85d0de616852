/**
 * A real load balancer for the cluster test: Debian's HAProxy (installed by .ci/run), round-robin
 * over the given servers, on 127.0.0.1. A request may pin itself to one server with the header
 * `x-pin-server: s1` (the scenario "saved on one instance, uploaded on another"); every answer
 * names the server that gave it in `x-served-by`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import path from 'node:path';

export const HAPROXY = '/usr/sbin/haproxy';

export function isHaproxyInstalled(): boolean {
  return existsSync(HAPROXY);
}

export interface Balancer {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `servers`: name → base URL (`http://127.0.0.1:PORT`). */
export async function startHaproxy(dir: string, servers: Record<string, string>): Promise<Balancer> {
  const port = await freePort();
  const lines = [
    'global',
    '  maxconn 512',
    'defaults',
    '  mode http',
    '  timeout connect 5s',
    '  timeout client 120s',
    '  timeout server 120s',
    // A request whose connection attempt fails goes to another server; one already sent does not.
    '  retries 2',
    '  option redispatch',
    // A loaded machine answers /health slowly; only a server that stops answering is taken out.
    '  timeout check 20s',
    'frontend byov',
    `  bind 127.0.0.1:${port}`,
    '  option forwardfor',
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /health',
    '  http-response set-header x-served-by %s',
    ...Object.keys(servers).map((name) => `  use-server ${name} if { req.hdr(x-pin-server) -m str ${name} }`),
    ...Object.entries(servers).map(
      ([name, url]) => `  server ${name} ${new URL(url).host} check inter 2s fall 5 rise 1`,
    ),
  ];
  await mkdir(dir, { recursive: true });
  const config = path.join(dir, 'haproxy.cfg');
  await writeFile(config, `${lines.join('\n')}\n`);
  const child: ChildProcess = spawn(HAPROXY, ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(
    port,
    () => child.exitCode !== null,
    () => stderr,
  );
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForPort(port: number, exited: () => boolean, stderr: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (exited()) throw new Error(`haproxy exited:\n${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`haproxy did not listen on ${port}:\n${stderr()}`);
}
