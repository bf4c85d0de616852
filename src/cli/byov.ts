import { readFileSync } from 'node:fs';
import { Command, type CommanderError } from 'commander';
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

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: a command then loads only what it
 * uses (`byov backup` never loads the web server, the PDF library or the image codecs), which
 * makes every command start several times faster. Help and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./commands/serve.js')).registerServe,
  migrate: async () => (await import('./commands/migrate.js')).registerMigrate,
  status: async () => (await import('./commands/status.js')).registerStatus,
  backup: async () => (await import('./commands/backup.js')).registerBackup,
  list: async () => (await import('./commands/list.js')).registerList,
  verify: async () => (await import('./commands/verify.js')).registerVerify,
  restore: async () => (await import('./commands/restore.js')).registerRestore,
  clear: async () => (await import('./commands/clear.js')).registerClear,
  prune: async () => (await import('./commands/prune.js')).registerPrune,
  files: async () => (await import('./commands/files.js')).registerFiles,
  check: async () => (await import('./commands/check.js')).registerCheck,
  repair: async () => (await import('./commands/check.js')).registerCheck,
  admin: async () => (await import('./commands/admin.js')).registerAdmin,
  'import-legacy': async () => (await import('./commands/import-legacy.js')).registerImportLegacy,
  mail: async () => (await import('./commands/mail.js')).registerMail,
  keygen: async () => (await import('./commands/keygen.js')).registerKeygen,
};

const requested = process.argv[2];
const loaders = requested !== undefined && COMMANDS[requested] ? [COMMANDS[requested]] : Object.values(COMMANDS);
const registered = new Set<Register>();
for (const load of loaders) {
  const register = await load();
  // `check` and `repair` share a module; registering it twice would declare the commands twice.
  if (registered.has(register)) continue;
  registered.add(register);
  register(program);
}

await program.parseAsync(process.argv);
