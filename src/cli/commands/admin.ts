import { type Command, Option } from 'commander';
import { createAdminUser } from '../../domain/admin/users/create-admin-user.js';
import { resetAdminPassword } from '../../domain/admin/users/reset-admin-password.js';
import { type ActionContext, CLI_ACTOR } from '../../domain/auth/actor.js';
import { openRuntime, type Runtime } from '../../runtime.js';
import { type CommandContext, runCommand } from '../run-command.js';

/**
 * `byov admin create` and `byov admin reset-password`: the way in for whoever runs the server.
 * Neither takes a password: each prints a one-time link, valid an hour, where the person
 * chooses their own, so no password ever passes through a shell history or a terminal log.
 */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('create admin accounts and reset their passwords');
  admin
    .command('create')
    .description('create an account and print its one-time setup link (valid 1 hour)')
    .argument('<email>', 'the email the person signs in with')
    .addOption(new Option('--role <role>', 'what the account may do').choices(['admin', 'reviewer']).default('admin'))
    .option('--name <displayName>', 'the name shown in the control center (the person can set it)')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async (context, email: string, options: { role: string; name?: string }) =>
        withRuntime(context, async (runtime, action) => {
          const body = { email, role: options.role, ...(options.name ? { displayName: options.name } : {}) };
          const created = await createAdminUser(deps(runtime), action, body);
          const { user, setupLink, setupLinkExpiresAt } = created;
          report(context, { user, setupLink, expiresAt: setupLinkExpiresAt }, [
            `Created the ${user.role} account ${user.email}.`,
            ...linkLines(setupLink, setupLinkExpiresAt),
          ]);
        }),
      ),
    );
  admin
    .command('reset-password')
    .description('print a one-time link (valid 1 hour) that sets a new password for an account')
    .argument('<email>', 'the account to reset')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async (context, email: string) =>
        withRuntime(context, async (runtime, action) => {
          const setup = await resetAdminPassword(deps(runtime), action, email);
          report(context, { setupLink: setup.link, expiresAt: setup.expiresAt }, [
            `The current password keeps working until the link is used; using it signs the account out everywhere.`,
            ...linkLines(setup.link, setup.expiresAt),
          ]);
        }),
      ),
    );
}

async function withRuntime(
  context: CommandContext,
  work: (runtime: Runtime, action: ActionContext) => Promise<void>,
): Promise<number> {
  // Migrated, so an account can be created on a fresh install before the server first starts.
  const runtime = await openRuntime(context.config, { migrate: true });
  try {
    await work(runtime, { actor: CLI_ACTOR, ip: null, userAgent: null, now: runtime.now() });
    return 0;
  } finally {
    await runtime.close();
  }
}

function deps(runtime: Runtime) {
  return { db: runtime.db, publicUrl: runtime.config.publicUrl };
}

function linkLines(link: string, expiresAt: string): string[] {
  return ['Open this one-time link to choose the password:', `  ${link}`, `It expires at ${expiresAt} (UTC).`];
}

function report(context: CommandContext, json: object, lines: string[]): void {
  console.log(context.json ? JSON.stringify(json, null, 2) : lines.join('\n'));
}
