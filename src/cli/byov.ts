import { readFileSync } from 'node:fs';
import { Command, type CommanderError } from 'commander';
import { registerMigrate } from './commands/migrate.js';
import { registerServe } from './commands/serve.js';
import { registerStatus } from './commands/status.js';
import { EXIT_USAGE } from './run-command.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const program = new Command('byov')
  .description('BYOV Enrollment: serve the app and keep its data safe')
  .version(packageJson.version)
  .showHelpAfterError('(run `byov --help` for usage)')
  // Usage mistakes exit with 2, distinct from a command that ran and failed (1).
  .exitOverride((error: CommanderError) => {
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  });

for (const register of [registerServe, registerMigrate, registerStatus]) register(program);

await program.parseAsync(process.argv);
