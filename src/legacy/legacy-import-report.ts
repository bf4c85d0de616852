import type { AppliedImport } from './apply-legacy-import.js';
import type { LegacyDataset, LegacySourceKind } from './legacy-dataset.js';
import type { LegacySource } from './locate-legacy-source.js';
import type { MissingLegacyFile } from './map-legacy-documents.js';
import type { ImportPlan } from './plan-legacy-import.js';
import type { ReviewFlag } from './review-flags.js';

/**
 * What `byov import-legacy` prints (as text or `--json`). Enrollments are named by their
 * earlier id and tech ID only: no names, VINs or other personal data.
 */
export interface LegacyImportReport {
  mode: 'dry-run' | 'applied';
  source: {
    kind: LegacySourceKind;
    file: string;
    sha256: string;
    filesFolder: string | null;
    filesFolderFrom: LegacySource['filesRootFrom'];
    /** Optional columns and tables of the earlier schema that this source does not have. */
    absent: string[];
  };
  /** Zone in which the earlier naive local times were read. */
  timeZone: string;
  times: ImportPlan['times'];
  counts: {
    enrollments: number;
    toImport: number;
    alreadyImported: number;
    approved: number;
    needsReview: number;
    filesFound: number;
    filesMissing: number;
    checklistTicks: number;
    notificationRules: number;
    notificationsSent: number;
    orphanDocuments: number;
  };
  flags: Record<string, number>;
  enrollments: {
    legacyId: string;
    techId: string;
    action: 'import' | 'already imported';
    status: string;
    files: number;
    flags: ReviewFlag[];
    missingFiles: MissingLegacyFile[];
  }[];
  settings: { key: string; from: string; created?: boolean }[];
  unmappedSettings: ImportPlan['settings']['unmapped'];
  /** Only after --apply. */
  safetyBackup?: string | null;
  imported?: number;
  documentsImported?: number;
}

export function buildReport(input: {
  mode: LegacyImportReport['mode'];
  source: LegacySource;
  dataset: LegacyDataset;
  plan: ImportPlan;
  timeZone: string;
  applied?: AppliedImport;
  safetyBackup?: string | null;
}): LegacyImportReport {
  const { plan, dataset, applied } = input;
  const toImport = plan.enrollments.filter((e) => !e.alreadyImported);
  const flags: Record<string, number> = {};
  for (const e of toImport) for (const f of e.flags) flags[f.code] = (flags[f.code] ?? 0) + 1;
  const report: LegacyImportReport = {
    mode: input.mode,
    source: {
      kind: input.source.kind,
      file: input.source.file,
      sha256: input.source.sha256,
      filesFolder: input.source.filesRoot,
      filesFolderFrom: input.source.filesRootFrom,
      absent: dataset.absent,
    },
    timeZone: input.timeZone,
    times: plan.times,
    counts: {
      enrollments: plan.enrollments.length,
      toImport: toImport.length,
      alreadyImported: plan.enrollments.length - toImport.length,
      approved: toImport.filter((e) => e.fields.status === 'approved').length,
      needsReview: toImport.filter((e) => e.flags.length > 0).length,
      filesFound: toImport.reduce((n, e) => n + e.files.length, 0),
      filesMissing: toImport.reduce((n, e) => n + e.missing.length, 0),
      checklistTicks: toImport.reduce((n, e) => n + e.checklist.completed.length, 0),
      notificationRules: dataset.notificationRules.length,
      notificationsSent: dataset.notificationsSent.length,
      orphanDocuments: plan.orphanDocuments,
    },
    flags,
    enrollments: plan.enrollments.map((e) => ({
      legacyId: e.legacyId,
      techId: e.fields.tech_id,
      action: e.alreadyImported ? 'already imported' : 'import',
      status: e.fields.status,
      files: e.files.length,
      flags: e.alreadyImported ? [] : e.flags,
      missingFiles: e.alreadyImported ? [] : e.missing,
    })),
    settings: plan.settings.settings.map((s) => ({
      key: s.key,
      from: s.from,
      ...(applied ? { created: applied.settings.find((a) => a.key === s.key)?.created ?? false } : {}),
    })),
    unmappedSettings: plan.settings.unmapped,
  };
  if (applied) {
    report.safetyBackup = input.safetyBackup ?? null;
    report.imported = applied.imported;
    report.documentsImported = applied.documents;
  }
  return report;
}

/** The report for people: totals first, then one line per enrollment that needs attention. */
export function formatReport(r: LegacyImportReport): string {
  const c = r.counts;
  const lines = [
    r.mode === 'dry-run'
      ? 'Dry run: nothing was changed. Run again with --apply to import.'
      : `Imported ${r.imported ?? 0} enrollment(s) with ${r.documentsImported ?? 0} document(s) in one transaction.`,
    `Source:       ${r.source.kind} ${r.source.file}`,
    `  SHA-256:    ${r.source.sha256}`,
    `  Files from: ${r.source.filesFolder ?? 'nowhere (give --uploads DIR)'}`,
    ...(r.source.absent.length > 0 ? [`  Older schema, without: ${r.source.absent.join(', ')}`] : []),
    `Times:        earlier local times read in ${r.timeZone} (${r.times.wallClock} naive, ${r.times.offset} with their own offset)`,
    `Enrollments:  ${c.enrollments} in the source, ${c.toImport} to import, ${c.alreadyImported} already imported`,
    `  Approved:   ${c.approved}`,
    `  Needs review: ${c.needsReview}`,
    `Files:        ${c.filesFound} found, ${c.filesMissing} missing`,
    `Checklist:    ${c.checklistTicks} completed task(s)`,
    `Notifications: ${c.notificationRules} rule(s), ${c.notificationsSent} sent record(s)`,
  ];
  if (c.orphanDocuments > 0) lines.push(`  ${c.orphanDocuments} document row(s) of deleted enrollments ignored`);
  if (Object.keys(r.flags).length > 0) {
    lines.push('Review flags:', ...Object.entries(r.flags).map(([code, n]) => `  ${code}: ${n}`));
  }
  for (const s of r.settings) {
    const outcome = s.created === undefined ? '' : s.created ? ' (created)' : ' (kept the existing value)';
    lines.push(`Setting ${s.key} from ${s.from}${outcome}`);
  }
  for (const u of r.unmappedSettings) lines.push(`Not carried over: ${u.what}: ${u.reason}`);
  const flagged = r.enrollments.filter((e) => e.flags.length > 0);
  if (flagged.length > 0) lines.push('Needs review:');
  for (const e of flagged) lines.push(`  ${describe(e)}: ${e.flags.map((f) => f.code).join(', ')}`);
  const missing = r.enrollments.filter((e) => e.missingFiles.length > 0);
  if (missing.length > 0) lines.push('Missing files:');
  for (const e of missing) {
    lines.push(`  ${describe(e)}:`);
    for (const m of e.missingFiles) lines.push(`    ${m.docType} ${m.path}: ${m.reason}`);
  }
  if (r.safetyBackup) lines.push(`Safety backup: ${r.safetyBackup} (\`byov restore ${r.safetyBackup}\` undoes this)`);
  return lines.join('\n');
}

function describe(e: { legacyId: string; techId: string }): string {
  return `earlier #${e.legacyId} (tech ID ${e.techId || '?'})`;
}
