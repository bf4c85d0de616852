/**
 * Everything the technician is about to submit, read back: every answer, a thumbnail of every
 * photo and page, and the signature. Values are rendered as text, so anything typed (even
 * markup) shows exactly as typed.
 */
import type { ReactNode } from 'react';
import { type EnrollmentFieldKey, fieldsOfSection } from '../../../../src/shared/enrollment-fields.js';
import { UPLOAD_SLOTS } from '../../../../src/shared/upload-slots.js';
import { stateName } from '../../../../src/shared/us-states.js';
import { FileThumbnail } from '../components/FileThumbnail.js';
import { INDUSTRY_NAMES } from '../components/IndustriesField.js';
import { useWizardActions, useWizardState } from '../state/store.js';
import { type DocumentField, type FormValues, PHOTO_FIELDS } from '../state/types.js';
import { STEPS, type StepId, stepIndex } from '../step-list.js';

function Section({ title, step: id, children }: { title: string; step: StepId; children: ReactNode }) {
  const actions = useWizardActions();
  const step = stepIndex(id);
  const headingId = `review-${step}-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="review-section" aria-labelledby={headingId}>
      <div className="review-heading">
        <h3 id={headingId}>{title}</h3>
        <button type="button" className="button link" onClick={() => actions.goToStep(step)}>
          Change<span className="visually-hidden"> {STEPS[step]?.title}</span>
        </button>
      </div>
      {children}
    </section>
  );
}

function Answers({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="answers">
      {rows.map(([label, value]) => (
        <div key={label} className="answer">
          <dt>{label}</dt>
          <dd>{value.trim() === '' ? <span className="muted">Not given</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Pages({ field }: { field: DocumentField }) {
  const { files } = useWizardState();
  const label = UPLOAD_SLOTS[field]?.label ?? field;
  const pages = files.filter((f) => f.field === field);
  return (
    <ul className="thumbnail-row">
      {pages.map((page, index) => (
        <li key={page.id}>
          <FileThumbnail file={page} alt={`${label}, page ${index + 1}`} />
        </li>
      ))}
    </ul>
  );
}

function SignaturePreview() {
  const { files, uploads } = useWizardState();
  const pending = uploads.find((u) => u.field === 'signature');
  const saved = files.find((f) => f.field === 'signature');
  const source = pending?.previewUrl ?? saved?.url;
  if (!source) return <p className="muted">No signature yet.</p>;
  return <img className="signature-preview" src={source} alt="Your signature" />;
}

/** How the review shows a typed answer: as the server will store it where that differs visibly. */
function reviewValue(key: EnrollmentFieldKey, values: FormValues): string {
  if (key === 'industries') return values.industries.map((code) => INDUSTRY_NAMES[code] ?? code).join(', ');
  if (key === 'policyAcknowledged') return values.policyAcknowledged ? 'Read and accepted' : 'Not accepted yet';
  if (key === 'state') return stateName(values.state) ?? values.state;
  if (key === 'techId') return values.techId.toUpperCase();
  if (key === 'vin') return values.vin.trim().toUpperCase();
  return values[key];
}

function answersOf(
  fields: readonly { key: EnrollmentFieldKey; label: string }[],
  values: FormValues,
): [string, string][] {
  return fields.map((field) => [field.label, reviewValue(field.key, values)]);
}

function TechnicianReview() {
  const { values } = useWizardState();
  return (
    <Section title="Technician" step="technician">
      <Answers rows={answersOf(fieldsOfSection('technician'), values)} />
    </Section>
  );
}

function VehicleReview() {
  const { values } = useWizardState();
  return (
    <Section title="Vehicle" step="vehicle">
      <Answers rows={answersOf(fieldsOfSection('vehicle'), values)} />
    </Section>
  );
}

function PhotosReview() {
  const { files } = useWizardState();
  return (
    <Section title="Vehicle photos" step="documents">
      <ul className="thumbnail-row">
        {PHOTO_FIELDS.map((field) => {
          const file = files.find((f) => f.field === field);
          const label = UPLOAD_SLOTS[field]?.label ?? field;
          return (
            <li key={field}>
              {file ? <FileThumbnail file={file} alt={label} /> : <span className="muted">Missing</span>}
              <span className="thumbnail-caption">{label}</span>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function documentFields(document: DocumentField) {
  return fieldsOfSection('documents').filter((field) => 'document' in field && field.document === document);
}

function DocumentsReview() {
  const { values } = useWizardState();
  return (
    <>
      <Section title="Insurance" step="documents">
        <Pages field="insurance" />
        <Answers rows={answersOf(documentFields('insurance'), values)} />
      </Section>
      <Section title="Registration" step="documents">
        <Pages field="registration" />
        <Answers rows={answersOf(documentFields('registration'), values)} />
      </Section>
    </>
  );
}

function PolicyReview() {
  const { values } = useWizardState();
  return (
    <Section title="Policy and signature" step="policy">
      <Answers rows={answersOf(fieldsOfSection('policy'), values)} />
      <SignaturePreview />
    </Section>
  );
}

export function ReviewStep() {
  return (
    <>
      <p className="step-intro">Check everything once more. You can change any part before you submit.</p>
      <TechnicianReview />
      <VehicleReview />
      <PhotosReview />
      <DocumentsReview />
      <PolicyReview />
    </>
  );
}
