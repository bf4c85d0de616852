import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const CLI_ENTRY = path.join(REPO_ROOT, 'src/cli/byov.ts');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Lines the server logged (JSON), for assertions about what it logs. */
  logLines: string[];
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/** Runs `byov <args>` from the TypeScript sources in a child process. */
export function spawnCli(args: string[], env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `byov <args>` to completion and collects its output. */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c) => {
    stdout += String(c);
  });
  child.stderr?.on('data', (c) => {
    stderr += String(c);
  });
  // 'close' (not 'exit') fires after the output streams have ended, so nothing printed is lost.
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/**
 * Starts `byov serve` on a free port and resolves once it is listening. `spawnServe` runs it some
 * other way than from the TypeScript sources (an installed package, for example).
 */
export async function startServerProcess(
  env: Record<string, string | undefined>,
  spawnServe: (env: Record<string, string | undefined>) => ChildProcess = (serveEnv) => spawnCli(['serve'], serveEnv),
): Promise<ServerProcess> {
  const child = spawnServe({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env });
  const logLines: string[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${stderr}`)), 120_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      logLines.push(line);
      const entry = safeJson(line);
      if (entry?.msg === 'BYOV Enrollment is serving') {
        clearTimeout(timer);
        resolve(String(entry.address));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    logLines,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

function safeJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
