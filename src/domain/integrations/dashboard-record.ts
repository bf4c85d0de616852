import type { DocumentRow, EnrollmentRow } from '../../storage/database.js';

export const DASHBOARD_SYNC_KIND = 'dashboard.sync';
/** The checklist task that ticks itself when a sync completes. */
export const DASHBOARD_SYNC_TASK = 'approved_synced';

/** What a queued sync names; the record and photos are read when it is sent. */
export interface DashboardSyncPayload {
  enrollmentId: string;
  externalId: string;
}

/** What the dashboard has accepted so far, kept on the outbox row between attempts. */
export interface DashboardProgress {
  record: boolean;
  /** The technician's id in the dashboard, when its answer named one. */
  dashboardId: string | null;
  /** Names of the photos accepted (see photoName). */
  photos: string[];
}

export function parseProgress(text: string | null): DashboardProgress {
  const parsed = text ? (JSON.parse(text) as Partial<DashboardProgress>) : {};
  return { record: parsed.record === true, dashboardId: parsed.dashboardId ?? null, photos: parsed.photos ?? [] };
}

/**
 * The technician's id in the dashboard: the same for every revision of one technician, so a
 * re-approval after changes updates the dashboard's record instead of adding another.
 */
export function externalIdOf(row: Pick<EnrollmentRow, 'tech_id'>): string {
  return `byov-${row.tech_id.toUpperCase()}`;
}

/** A document's stable name in the sync: category and position, such as `vehicle_front-0`. */
export function photoName(document: Pick<DocumentRow, 'category' | 'position'>): string {
  return `${document.category}-${document.position}`;
}

/**
 * The technician record in the earlier system's contract (§7.2): missing values are empty
 * strings, the tech ID upper-cased, make, model, year, industry and referrer only when known.
 */
export function dashboardRecord(row: EnrollmentRow, externalId: string): Record<string, unknown> {
  const industries = JSON.parse(row.industries || '[]') as string[];
  return {
    externalId,
    name: row.full_name,
    techId: row.tech_id.toUpperCase(),
    region: row.state,
    district: row.district,
    enrollmentStatus: 'Enrolled',
    truckId: '',
    mobilePhoneNumber: row.phone ?? '',
    techEmail: row.email ?? '',
    cityState: '',
    vinNumber: row.vin,
    insuranceExpiration: row.insurance_expiration ?? '',
    registrationExpiration: row.registration_expiration ?? '',
    ...(row.make ? { vehicleMake: row.make } : {}),
    ...(row.model ? { vehicleModel: row.model } : {}),
    ...(row.year ? { vehicleYear: row.year } : {}),
    ...(industries.length > 0 ? { industry: industries.join(', ') } : {}),
    dateStartedByov: row.created_at.slice(0, 10),
    ...(row.referred_by ? { referredBy: row.referred_by } : {}),
  };
}

/** A photo as the dashboard takes it: images and PDFs as data URLs. */
export function dashboardPhoto(document: DocumentRow, bytes: Buffer): Record<string, unknown> {
  return {
    name: photoName(document),
    category: document.category,
    contentType: document.content_type,
    sha256: document.sha256,
    base64: `data:${document.content_type};base64,${bytes.toString('base64')}`,
  };
}

/**
 * The photos a 207 answer names as not stored: `{"failed": ["insurance-0", …]}` (names, or
 * objects with a `name`). An answer that names none cannot say what is missing, so every
 * photo sent is tried again.
 */
export function missingFromPartial(body: string, sent: readonly string[]): string[] {
  try {
    const parsed = JSON.parse(body) as { failed?: unknown; missing?: unknown };
    const list = Array.isArray(parsed.failed) ? parsed.failed : Array.isArray(parsed.missing) ? parsed.missing : null;
    if (!list) return [...sent];
    const names = list.map((entry) =>
      typeof entry === 'string' ? entry : String((entry as { name?: unknown } | null)?.name ?? ''),
    );
    const missing = sent.filter((name) => names.includes(name));
    return missing.length > 0 ? missing : [...sent];
  } catch {
    return [...sent];
  }
}

/** The dashboard's own id for the technician, if its answer names one. */
export function dashboardIdFrom(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as Record<string, { id?: unknown } | unknown>;
    const candidates = [
      (parsed.technician as { id?: unknown } | undefined)?.id,
      (parsed.technicianCreated as { id?: unknown } | undefined)?.id,
      parsed.id,
    ];
    const found = candidates.find((c) => typeof c === 'string' || typeof c === 'number');
    return found === undefined ? null : String(found);
  } catch {
    return null;
  }
}
