import type { ChecklistTaskDefinition } from '../storage/repositories/checklist.repository.js';
import type { LegacyDataset } from './legacy-dataset.js';
import type { LegacyFileLookup } from './legacy-files.js';
import { convertLegacyTime, text } from './legacy-values.js';
import {
  type FoundLegacyDocument,
  type MissingLegacyFile,
  mapLegacyChecklist,
  mapLegacyDocuments,
  type PlannedChecklist,
  type PlannedFile,
} from './map-legacy-documents.js';
import { type MapContext, type MappedFields, mapLegacyEnrollment } from './map-legacy-enrollment.js';
import { mapLegacySettings, type SettingsPlan } from './map-legacy-settings.js';
import { flag, type ReviewFlag } from './review-flags.js';

/** What the target database already holds that the plan depends on. */
export interface TargetState {
  importedLegacyIds: Set<string>;
  techIds: Set<string>;
  checklist: readonly ChecklistTaskDefinition[];
}

export interface PlannedEnrollment {
  legacyId: string;
  alreadyImported: boolean;
  fields: MappedFields;
  flags: ReviewFlag[];
  files: PlannedFile[];
  missing: MissingLegacyFile[];
  checklist: PlannedChecklist;
  /** Earlier facts with no column here, kept in the `enrollment.imported` audit event. */
  history: Record<string, unknown>;
}

export interface ImportPlan {
  enrollments: PlannedEnrollment[];
  settings: SettingsPlan;
  times: { wallClock: number; offset: number };
  /** Documents whose enrollment is not in the source (the earlier SQLite mode never cascaded deletes). */
  orphanDocuments: number;
}

/**
 * Maps every earlier enrollment (with its documents, checklist and sent notifications) and the
 * earlier settings, deciding everything the import will write. Pure: file lookups were made
 * beforehand, so a dry run and an applied run plan the very same thing.
 */
export function planLegacyImport(
  dataset: LegacyDataset,
  lookups: Map<number, LegacyFileLookup>,
  target: TargetState,
  context: MapContext,
): ImportPlan {
  const documentsOf = groupBy(dataset.documents, (d) => d.enrollmentId);
  const checklistOf = groupBy(dataset.checklist, (t) => t.enrollmentId);
  const sentOf = groupBy(dataset.notificationsSent, (s) => s.enrollmentId);
  const rules = new Map(dataset.notificationRules.map((r) => [r.id, r.ruleName]));
  const techIdCounts = new Map<string, number>();
  const times = { wallClock: 0, offset: 0 };
  const enrollments = dataset.enrollments.map((row): PlannedEnrollment => {
    const mapped = mapLegacyEnrollment(row, context);
    times.wallClock += mapped.timeBasis.wallClock;
    times.offset += mapped.timeBasis.offset;
    const found: FoundLegacyDocument[] = (documentsOf.get(row.id) ?? []).map((doc) => ({
      doc,
      lookup: lookups.get(doc.id) ?? { found: false, reason: 'not looked up' },
    }));
    const documents = mapLegacyDocuments(found);
    const techId = mapped.fields.tech_id;
    techIdCounts.set(techId, (techIdCounts.get(techId) ?? 0) + 1);
    const legacyId = String(row.id);
    return {
      legacyId,
      alreadyImported: target.importedLegacyIds.has(legacyId),
      fields: mapped.fields,
      flags: [...mapped.flags, ...documents.flags],
      files: documents.files,
      missing: documents.missing,
      checklist: mapLegacyChecklist(
        checklistOf.get(row.id) ?? [],
        target.checklist,
        context.timeZone,
        context.importedAt,
      ),
      history: {
        templateUsed: text(row.templateUsed),
        submissionDate: text(row.submissionDate),
        approvedAt: text(row.approvedAt),
        dashboardTechId: text(row.dashboardTechId),
        lastUploadReport: row.lastUploadReport,
        notificationsSent: (sentOf.get(row.id) ?? []).map((s) => ({
          rule: rules.get(s.ruleId) ?? `rule ${s.ruleId}`,
          sentAt: convertLegacyTime(s.sentAt, context.timeZone)?.utc ?? text(s.sentAt),
        })),
      },
    };
  });
  for (const planned of enrollments) addTechIdFlags(planned, techIdCounts, target);
  const known = new Set(dataset.enrollments.map((e) => e.id));
  return {
    enrollments,
    settings: mapLegacySettings(dataset.notificationRules, dataset.settings),
    times,
    orphanDocuments: dataset.documents.filter((d) => !known.has(d.enrollmentId)).length,
  };
}

function addTechIdFlags(planned: PlannedEnrollment, counts: Map<string, number>, target: TargetState): void {
  const techId = planned.fields.tech_id;
  if (techId === '') return;
  const count = counts.get(techId) ?? 0;
  if (count > 1) {
    planned.flags.push(
      flag('tech_id_shared', `${count} earlier enrollments have this tech ID; each is imported as a revision.`),
    );
  }
  if (!planned.alreadyImported && target.techIds.has(techId)) {
    planned.flags.push(
      flag(
        'tech_id_already_enrolled',
        'This tech ID already has an enrollment here; the earlier one is added as a later revision.',
      ),
    );
  }
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
