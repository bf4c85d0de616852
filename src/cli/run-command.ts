import { type Config, ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { isAppError } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CommandContext {
  config: Config;
  json: boolean;
}

/**
 * Wraps a command's action: loads the configuration, runs it, and turns failures into a
 * readable message and an exit code (1 failed, 2 bad usage or configuration). With `--json`
 * the error is printed as `{error: {code, message}}` on stdout so scripts can parse it.
 */
export function runCommand<A extends unknown[]>(
  action: (context: CommandContext, ...args: A) => Promise<number | undefined>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const options = findOptions(args);
    const json = options.json === true;
    try {
      loadDotEnv();
      const config = loadConfig(process.env);
      process.exitCode = (await action({ config, json }, ...args)) ?? EXIT_OK;
    } catch (error) {
      process.exitCode = reportFailure(error, json);
    }
  };
}

function reportFailure(error: unknown, json: boolean): number {
  if (error instanceof ConfigError) {
    if (json)
      console.log(
        JSON.stringify({ error: { code: 'INVALID_CONFIG', message: error.message, problems: error.problems } }),
      );
    else console.error(error.message);
    return EXIT_USAGE;
  }
  const code = isAppError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  if (json) console.log(JSON.stringify({ error: { code, message } }));
  else console.error(`byov: ${message}`);
  if (!isAppError(error) && error instanceof Error && process.env.BYOV_DEBUG) console.error(error.stack);
  return EXIT_FAILED;
}

/** Commander passes the parsed options object as the second-to-last argument. */
function findOptions(args: unknown[]): Record<string, unknown> {
  const candidate = args.length >= 2 ? args[args.length - 2] : undefined;
  return candidate && typeof candidate === 'object' ? (candidate as Record<string, unknown>) : {};
}

/** Byte counts for people: 0 B, 12.3 KB, 4.5 MB, 1.2 GB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
