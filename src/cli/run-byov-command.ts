import { spawn } from 'node:child_process';
import type { ByovCommandResult } from '../domain/admin/backups/byov-runner.js';

/**
 * Runs this same `byov` entry point with the same Node flags, working directory and environment,
 * so it works for `node bin/byov.js serve` and `node --import tsx src/cli/byov.ts serve` alike.
 */
export function runByovCommand(
  args: readonly string[],
  signal: AbortSignal,
  entry = process.argv[1],
): Promise<ByovCommandResult> {
  if (entry === undefined) return Promise.reject(new Error('cannot find the byov entry point (process.argv[1])'));
  // A second process cannot listen on the parent's debugger port.
  const nodeFlags = process.execArgv.filter((flag) => !flag.startsWith('--inspect'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeFlags, entry, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + String(chunk)).slice(-2000);
    });
    // 'error' covers both a failed spawn and an abort; 'close' follows in the abort case.
    child.once('error', (error) => {
      if (child.pid === undefined) resolve({ exitCode: null, json: undefined, stderrTail: error.message });
    });
    child.once('close', (exitCode) => resolve({ exitCode, json: parseJsonOutput(stdout), stderrTail: stderr }));
  });
}

/** `--json` prints one JSON document; progress, if any, goes to stderr. */
function parseJsonOutput(stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}
