/**
 * Runs a `byov` command in a child process (`runByovCommand` in production, so heavy backup
 * work never blocks the server's event loop); tests pass one that runs the CLI from sources.
 */
export type ByovRunner = (args: readonly string[], signal: AbortSignal) => Promise<ByovCommandResult>;

/** How a `byov … --json` child process ended: its exit code (null if killed), parsed output, stderr tail. */
export interface ByovCommandResult {
  readonly exitCode: number | null;
  readonly json: unknown;
  readonly stderrTail: string;
}

/** The `{error: {message}}` a command prints with `--json` when it fails, if it printed one. */
export function commandErrorMessage(json: unknown): string | undefined {
  const error = (json as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}
