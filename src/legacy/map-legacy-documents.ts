import path from 'node:path';
import type { DocumentCategory } from '../storage/database.js';
import type { ChecklistTaskDefinition } from '../storage/repositories/checklist.repository.js';
import type { LegacyChecklistTask, LegacyDocument } from './legacy-dataset.js';
import type { LegacyFileLookup } from './legacy-files.js';
import { convertLegacyTime, text } from './legacy-values.js';
import { flag, type ReviewFlag } from './review-flags.js';

export interface FoundLegacyDocument {
  doc: LegacyDocument;
  lookup: LegacyFileLookup;
}

/** A file to bring over: where it is now and what it becomes. */
export interface PlannedFile {
  category: DocumentCategory;
  legacyDocumentId: number;
  legacyPath: string;
  sourcePath: string;
  sizeBytes: number;
  originalName: string;
}

export interface MissingLegacyFile {
  legacyDocumentId: number;
  docType: string;
  path: string;
  reason: string;
}

// The earlier wizard asked for "Front, Back, Left Side, Right Side" without labelling the
// uploads, so sides are assigned in upload order; further photos join the last side.
const VEHICLE_SIDES: readonly DocumentCategory[] = ['vehicle_front', 'vehicle_back', 'vehicle_left', 'vehicle_right'];

/**
 * Decides the documents of one imported enrollment. The earlier `signature` documents are its
 * generated policy PDFs and become the signed policy (newest first, since a resubmission added
 * another and the earlier admin showed the oldest by mistake). A path named twice is taken once.
 */
export function mapLegacyDocuments(found: FoundLegacyDocument[]): {
  files: PlannedFile[];
  missing: MissingLegacyFile[];
  flags: ReviewFlag[];
} {
  const files: PlannedFile[] = [];
  const missing: MissingLegacyFile[] = [];
  const seen = new Set<string>();
  const ordered = [...found].sort((a, b) => a.doc.id - b.doc.id);
  let vehicle = 0;
  const signatures: PlannedFile[] = [];
  for (const { doc, lookup } of ordered) {
    if (seen.has(doc.filePath)) continue;
    seen.add(doc.filePath);
    const category = categoryOf(doc.docType, vehicle);
    if (!category) {
      missing.push({ ...describe(doc), reason: `unknown document type "${doc.docType}"` });
      continue;
    }
    if (!lookup.found) {
      missing.push({ ...describe(doc), reason: lookup.reason });
      continue;
    }
    if (doc.docType === 'vehicle') vehicle++;
    const file: PlannedFile = {
      category,
      legacyDocumentId: doc.id,
      legacyPath: doc.filePath,
      sourcePath: lookup.path,
      sizeBytes: lookup.sizeBytes,
      originalName: path.basename(doc.filePath.replaceAll('\\', '/')),
    };
    if (category === 'signed_policy') signatures.unshift(file);
    else files.push(file);
  }
  const flags: ReviewFlag[] = [];
  if (missing.some((m) => m.reason.startsWith('unknown document type'))) {
    flags.push(flag('document_type_unknown', 'A document of a type this product does not know was left out.'));
  }
  const absent = missing.length;
  if (absent > 0)
    flags.push(flag('files_missing', `${absent} of ${seen.size} files named by the earlier record were not found.`));
  if (signatures.length === 0) flags.push(flag('signed_policy_missing', 'No signed policy PDF was brought over.'));
  return { files: [...files, ...signatures], missing, flags };
}

function categoryOf(docType: string, vehiclePhotosSoFar: number): DocumentCategory | undefined {
  switch (docType) {
    case 'vehicle':
      return VEHICLE_SIDES[Math.min(vehiclePhotosSoFar, VEHICLE_SIDES.length - 1)];
    case 'insurance':
    case 'registration':
      return docType;
    case 'signature':
      return 'signed_policy';
    default:
      return undefined;
  }
}

function describe(doc: LegacyDocument) {
  return { legacyDocumentId: doc.id, docType: doc.docType, path: doc.filePath };
}

/** The earlier task keys under this product's names; keys not listed keep their own. */
const TASK_KEYS: Readonly<Record<string, string>> = {
  approved_synced: 'approved_synced',
  policy_hshr: 'policy_hr',
  mileage_segno: 'mileage_form',
  supplies_magnets: 'supplies_magnets',
  fleet_inventory: 'fleet_inventory',
  survey_30day: 'survey_30day',
};

export interface PlannedChecklist {
  /** Tasks the earlier checklist had that today's does not: added after today's tasks. */
  extra: ChecklistTaskDefinition[];
  completed: { key: string; at: string; by: string }[];
}

/** The earlier checklist's ticks, under today's task keys, with their times converted. */
export function mapLegacyChecklist(
  tasks: LegacyChecklistTask[],
  definition: readonly ChecklistTaskDefinition[],
  timeZone: string,
  importedAt: string,
): PlannedChecklist {
  const known = new Set(definition.map((t) => t.key));
  const extra: ChecklistTaskDefinition[] = [];
  const completed: PlannedChecklist['completed'] = [];
  for (const task of tasks) {
    const key = TASK_KEYS[task.taskKey] ?? task.taskKey;
    if (key === '' || completed.some((c) => c.key === key) || extra.some((t) => t.key === key)) continue;
    if (!known.has(key)) extra.push({ key, label: task.taskName || key });
    if (task.completed) {
      const at = convertLegacyTime(task.completedAt, timeZone)?.utc ?? importedAt;
      completed.push({ key, at, by: text(task.completedBy) ?? 'earlier version' });
    }
  }
  return { extra, completed };
}
