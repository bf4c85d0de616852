/**
 * Every answer of the enrollment, grouped as the technician gave them, named and ordered by the
 * shared field table. Values are React text nodes only: whatever a technician typed (markup
 * included) is shown exactly as typed.
 */
import {
  type EnrollmentFieldKey,
  type FieldSection,
  fieldsOfSection,
  type PresentedFields,
} from '../../../../src/shared/enrollment-fields.js';
import { industryLabel } from '../../../../src/shared/field-labels.js';
import { stateName } from '../../../../src/shared/us-states.js';
import type { Enrollment } from '../api.js';
import { formatCalendarDate, formatDateTime, formatValue } from '../format.js';

type Row = [label: string, value: string | null];

function Group({ title, rows }: { title: string; rows: Row[] }) {
  return (
    <div className="field-group">
      <h3>{title}</h3>
      <dl className="answers">
        {rows.map(([label, value]) => (
          <div key={label} className="answer">
            <dt>{label}</dt>
            <dd>{value === null || value.trim() === '' ? <span className="muted">Not given</span> : value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** One answer as text, by the kind of value it is. */
function shown(field: { key: EnrollmentFieldKey; type: string }, e: PresentedFields): string | null {
  const value = e[field.key];
  if (field.type === 'state') return stateName(String(value)) ?? String(value);
  if (field.type === 'date') return formatCalendarDate(value as string);
  if (field.type === 'industries') return (value as string[]).map((code) => industryLabel(code)).join(', ');
  if (typeof value === 'string' || value === null) return value;
  return formatValue(value);
}

function rowsOf(section: FieldSection, e: Enrollment): Row[] {
  return fieldsOfSection(section).map((field) => [field.label, shown(field, e)]);
}

/** The admin stays in English; this says which language the technician read and signed in. */
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Spanish' };

const SECTION_TITLES: Record<Exclude<FieldSection, 'policy'>, string> = {
  technician: 'Technician',
  vehicle: 'Vehicle',
  documents: 'Insurance and registration',
};

export function EnrollmentFields({ enrollment: e }: { enrollment: Enrollment }) {
  return (
    <section aria-labelledby="fields-heading" className="panel">
      <h2 id="fields-heading">Enrollment</h2>
      <div className="field-groups">
        {(Object.keys(SECTION_TITLES) as (keyof typeof SECTION_TITLES)[]).map((section) => (
          <Group key={section} title={SECTION_TITLES[section]} rows={rowsOf(section, e)} />
        ))}
        <Group
          title="Submission"
          rows={[
            ['Reference', e.reference],
            ['Revision', String(e.revision)],
            ['Submitted', formatDateTime(e.createdAt)],
            ["Technician's language", LANGUAGE_NAMES[e.language] ?? e.language],
            ...rowsOf('policy', e),
            ['Reviewed', e.reviewedAt ? `${formatDateTime(e.reviewedAt)} by ${e.reviewedBy ?? 'unknown'}` : ''],
            ['Review note', e.reviewNote ?? ''],
            ['Deleted', e.deletedAt ? `${formatDateTime(e.deletedAt)} by ${e.deletedBy ?? 'unknown'}` : ''],
          ]}
        />
      </div>
    </section>
  );
}
