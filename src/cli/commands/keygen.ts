import { open } from 'node:fs/promises';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import type { Command } from 'commander';
import { AppError } from '../../errors.js';
import { runCommand } from '../run-command.js';

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('create an age identity for encrypted off-machine backups; prints the recipient for BACKUP_ENCRYPT_TO')
    .requiredOption(
      '--output <file>',
      'where to write the identity (private key); an existing file is never overwritten',
    )
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ json }, options: { output: string }) => {
        const identity = await generateIdentity();
        const recipient = await identityToRecipient(identity);
        // The same format as age-keygen, so the file works with the age tools too.
        const text = `# created: ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`;
        let handle: Awaited<ReturnType<typeof open>>;
        try {
          handle = await open(options.output, 'wx', 0o600);
        } catch (error) {
          const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
          throw new AppError(
            'VALIDATION_FAILED',
            exists ? `${options.output} already exists; it is never overwritten.` : `Cannot create ${options.output}.`,
            { field: 'output' },
          );
        }
        try {
          await handle.writeFile(text);
          await handle.sync();
        } finally {
          await handle.close();
        }
        if (json) console.log(JSON.stringify({ identityFile: options.output, recipient }, null, 2));
        else {
          console.log(
            [
              `Identity written to ${options.output} (readable by you only).`,
              `Recipient (public key): ${recipient}`,
              '',
              `Set BACKUP_ENCRYPT_TO=${recipient} on the server. Keep the identity file OFF the server, in two`,
              'safe places (a password manager and a printed copy): without it no encrypted backup can be read.',
            ].join('\n'),
          );
        }
        return 0;
      }),
    );
}
