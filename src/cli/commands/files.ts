import path from 'node:path';
import type { Command } from 'commander';
import type { Config, S3Settings } from '../../config.js';
import { type FilesMigrationReport, migrateFiles } from '../../domain/files/migrate-files.js';
import { AppError } from '../../errors.js';
import type { FileStore } from '../../files/file-store.js';
import { LocalFileStore } from '../../files/local-file-store.js';
import { openRuntime } from '../../runtime.js';
import { EXIT_FAILED, runCommand } from '../run-command.js';

type StoreKind = 'local' | 's3';

export function registerFiles(program: Command): void {
  const files = program.command('files').description('manage where uploaded documents and PDFs are stored');
  files
    .command('migrate')
    .description(
      'copy every stored file to another store and verify each there; resumable; the source is left as it is',
    )
    .requiredOption('--to <store>', 'destination: s3 (the bucket of S3_BUCKET…) or local (DATA_DIR/files)')
    .option('--json', 'print the result as JSON')
    .action(
      runCommand(async ({ config, json }, options: { to: string }) => {
        const to = parseStoreKind(options.to);
        if (to === config.fileStore.kind) {
          throw new AppError(
            'INVALID_REQUEST',
            `Files are already kept in ${to === 's3' ? 'S3' : 'local'} storage (FILE_STORE=${to}).`,
          );
        }
        const runtime = await openRuntime(config, { migrate: false });
        const destination = await openDestination(config, to);
        try {
          const label = describeStore(config, to);
          if (!json) console.error(`Copying files from ${describeStore(config, config.fileStore.kind)} to ${label}…`);
          const report = await migrateFiles({
            db: runtime.db,
            source: runtime.files,
            destination,
            destinationLabel: label,
            journalPath: path.join(config.dataDir, 'tmp', `files-migration-to-${to}.log`),
            onFile: json ? undefined : progressLine,
          });
          const switchTo = switchSettings(config, to);
          console.log(
            json
              ? JSON.stringify(
                  { to, destination: label, ...report, switchTo: report.complete ? switchTo : null },
                  null,
                  2,
                )
              : formatReport(config, to, label, report, switchTo),
          );
          return report.complete ? 0 : EXIT_FAILED;
        } finally {
          destination.close?.();
          await runtime.close();
        }
      }),
    );
}

function parseStoreKind(value: string): StoreKind {
  if (value === 'local' || value === 's3') return value;
  throw new AppError('INVALID_REQUEST', '--to must be s3 or local.', { field: 'to' });
}

async function openDestination(config: Config, to: StoreKind): Promise<FileStore> {
  if (to === 'local') return new LocalFileStore(config.paths.files, config.paths.uploadsStaging);
  const s3 = requireS3(config);
  const { openS3FileStore } = await import('../../files/s3-file-store.js');
  return openS3FileStore(s3, config.paths.uploadsStaging);
}

function requireS3(config: Config): S3Settings {
  if (!config.s3) {
    throw new AppError(
      'INVALID_REQUEST',
      'Set S3_BUCKET (and S3_REGION, S3_ENDPOINT… as needed) to say where to copy.',
      {
        field: 'S3_BUCKET',
      },
    );
  }
  return config.s3;
}

function describeStore(config: Config, kind: StoreKind): string {
  if (kind === 'local') return config.paths.files;
  const s3 = requireS3(config);
  return `s3://${s3.bucket}/${s3.prefix}${s3.endpoint ? ` at ${s3.endpoint}` : ''}`;
}

/** What to set once every file is verified; configuration comes from the environment, so the user sets it. */
function switchSettings(config: Config, to: StoreKind): Record<string, string> {
  if (to === 'local') return { FILE_STORE: 'local' };
  const s3 = requireS3(config);
  return {
    FILE_STORE: 's3',
    S3_BUCKET: s3.bucket,
    S3_PREFIX: s3.prefix,
    S3_REGION: s3.region,
    ...(s3.endpoint ? { S3_ENDPOINT: s3.endpoint } : {}),
    S3_FORCE_PATH_STYLE: String(s3.forcePathStyle),
  };
}

function progressLine(done: number, total: number): void {
  if (done % 100 === 0 || done === total) console.error(`  ${done} of ${total} files`);
}

function formatReport(
  config: Config,
  to: StoreKind,
  label: string,
  report: FilesMigrationReport,
  switchTo: Record<string, string>,
): string {
  const lines = [
    `${report.total} file(s): ${report.copied} copied, ${report.alreadyThere} already there, ` +
      `${report.resumed} verified by an earlier run, ${report.problems.length} problem(s).`,
    ...report.problems.map((p) => `  ${p.key}: ${p.problem}`),
  ];
  if (!report.complete) {
    lines.push(
      `Not complete: keep FILE_STORE=${config.fileStore.kind}. Run the command again to resume; files missing or ` +
        'damaged at the source can be put back with `byov restore` from a backup first.',
    );
    return lines.join('\n');
  }
  const source = describeStore(config, config.fileStore.kind);
  lines.push(
    `All ${report.total} file(s) are in ${label}, each read back and checked by its SHA-256.`,
    'To switch, stop the server, run this command once more (it copies only what arrived since), then set:',
    ...Object.entries(switchTo).map(([name, value]) => `  ${name}=${value}`),
    `and start the server. Nothing was removed from ${source}; remove it yourself once the server runs from the new store.`,
  );
  if (to === 's3') lines.push('The server reads S3 credentials from the standard AWS chain, as this command did.');
  return lines.join('\n');
}
