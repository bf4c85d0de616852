/**
 * Every answer of the enrollment, grouped as the technician gave them. Values are React text
 * nodes only: whatever a technician typed (markup included) is shown exactly as typed.
 */
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

export function EnrollmentFields({ enrollment: e }: { enrollment: Enrollment }) {
  return (
    <section aria-labelledby="fields-heading" className="panel">
      <h2 id="fields-heading">Enrollment</h2>
      <div className="field-groups">
        <Group
          title="Technician"
          rows={[
            ['Full name', e.fullName],
            ['Tech ID', e.techId],
            ['Email', e.email],
            ['Phone', e.phone],
            ['District', e.district],
            ['State', stateName(e.state) ?? e.state],
            ['Referred by', e.referredBy],
            ['Industries', formatValue(e.industries)],
          ]}
        />
        <Group
          title="Vehicle"
          rows={[
            ['VIN', e.vin],
            ['Year', String(e.year)],
            ['Make', e.make],
            ['Model', e.model],
            ['Color', e.color],
            ['License plate', e.plate],
          ]}
        />
        <Group
          title="Insurance and registration"
          rows={[
            ['Insurance provider', e.insuranceProvider],
            ['Insurance policy number', e.insurancePolicyNumber],
            ['Insurance expires', formatCalendarDate(e.insuranceExpiration)],
            ['Registration expires', formatCalendarDate(e.registrationExpiration)],
          ]}
        />
        <Group
          title="Submission"
          rows={[
            ['Reference', e.reference],
            ['Revision', String(e.revision)],
            ['Submitted', formatDateTime(e.createdAt)],
            ['Policy acknowledged', formatValue(e.policyAcknowledged)],
            ['Comment', e.comment],
            ['Reviewed', e.reviewedAt ? `${formatDateTime(e.reviewedAt)} by ${e.reviewedBy ?? 'unknown'}` : ''],
            ['Review note', e.reviewNote ?? ''],
            ['Deleted', e.deletedAt ? `${formatDateTime(e.deletedAt)} by ${e.deletedBy ?? 'unknown'}` : ''],
          ]}
        />
      </div>
    </section>
  );
}
