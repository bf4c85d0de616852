import type { Command } from 'commander';
import { serve } from '../../server.js';
import { runCommand } from '../run-command.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('apply migrations, then serve the app and API (what `npm start` runs)')
    .action(
      runCommand(async ({ config }) => {
        await serve(config);
        return undefined;
      }),
    );
}
