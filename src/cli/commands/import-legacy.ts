import type { Command } from 'commander';
import { importLegacy } from '../../legacy/import-legacy.js';
import { formatReport } from '../../legacy/legacy-import-report.js';
import { runCommand } from '../run-command.js';
import { createTerminalProgress } from '../terminal-progress.js';

interface ImportLegacyOptions {
  uploads?: string;
  timezone: string;
  apply?: boolean;
}

export function registerImportLegacy(program: Command): void {
  program
    .command('import-legacy')
    .description(
      "bring over the earlier (Python) version's enrollments and files; a dry run unless --apply (the source is only read)",
    )
    .argument(
      '<source>',
      'its installation folder (with data/byov.db), or a byov_backup_*.db or byov_backup_*.json file',
    )
    .option('--uploads <dir>', 'folder holding its uploads/ and pdfs/ trees (default: the installation folder)')
    .option('--timezone <zone>', 'IANA time zone the earlier server kept its local times in', 'UTC')
    .option('--apply', 'import (after a safety backup), in one transaction; without it nothing changes')
    .option('--json', 'print the report as JSON')
    .action(
      runCommand(async ({ config, json }, source: string, options: ImportLegacyOptions) => {
        const progress = createTerminalProgress({ quiet: json || options.apply !== true });
        try {
          const report = await importLegacy(config, {
            source,
            uploads: options.uploads,
            timeZone: options.timezone,
            apply: options.apply === true,
            onProgress: progress.onProgress,
          });
          progress.stop();
          console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
          return 0;
        } finally {
          progress.stop();
        }
      }),
    );
}
