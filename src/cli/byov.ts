import { readFileSync } from 'node:fs';
import { Command, type CommanderError } from 'commander';
import { registerAdmin } from './commands/admin.js';
import { registerBackup } from './commands/backup.js';
import { registerCheck } from './commands/check.js';
import { registerClear } from './commands/clear.js';
import { registerFiles } from './commands/files.js';
import { registerImportLegacy } from './commands/import-legacy.js';
import { registerKeygen } from './commands/keygen.js';
import { registerList } from './commands/list.js';
import { registerMail } from './commands/mail.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPrune } from './commands/prune.js';
import { registerRestore } from './commands/restore.js';
import { registerServe } from './commands/serve.js';
import { registerStatus } from './commands/status.js';
import { registerVerify } from './commands/verify.js';
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

for (const register of [
  registerServe,
  registerMigrate,
  registerStatus,
  registerBackup,
  registerList,
  registerVerify,
  registerRestore,
  registerClear,
  registerPrune,
  registerFiles,
  registerCheck,
  registerAdmin,
  registerImportLegacy,
  registerMail,
  registerKeygen,
]) {
  register(program);
}

await program.parseAsync(process.argv);
