import type { Command } from 'commander';
import { sendTestEmail } from '../../domain/notifications/send-test-email.js';
import { runCommand } from '../run-command.js';

export function registerMail(program: Command): void {
  const mail = program.command('mail').description('outgoing e-mail');
  mail
    .command('test')
    .description("send a test e-mail through SMTP_URL and report the server's answer or refusal")
    .argument('<address>', 'where to send it')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }, address: string) => {
        const result = await sendTestEmail({ config, now: () => new Date() }, { to: address });
        console.log(
          json ? JSON.stringify(result) : `Sent to ${result.to}. The server answered: ${result.serverResponse}`,
        );
        return 0;
      }),
    );
}
