/**
 * Everything the technician is about to submit, read back: every answer, a thumbnail of every
 * photo and page, and the signature. Values are rendered as text, so anything typed (even
 * markup) shows exactly as typed.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type EnrollmentFieldKey, fieldsOfSection } from '../../../../src/shared/enrollment-fields.js';
import { stateName } from '../../../../src/shared/us-states.js';
import { FileThumbnail } from '../components/FileThumbnail.js';
import { t as translate } from '../i18n/i18n.js';
import { useWizardActions, useWizardState } from '../state/store.js';
import { type DocumentField, type FormValues, PHOTO_FIELDS } from '../state/types.js';
import { type StepId, stepIndex } from '../step-list.js';

function Section(props: { title: string; step: StepId; children: ReactNode; name: string }) {
  const { title, step: id, children, name } = props;
  const actions = useWizardActions();
  const { t } = useTranslation();
  const step = stepIndex(id);
  const headingId = `review-${step}-${name}`;
  return (
    <section className="review-section" aria-labelledby={headingId}>
      <div className="review-heading">
        <h3 id={headingId}>{title}</h3>
        <button type="button" className="button link" onClick={() => actions.goToStep(step)}>
          {t('review.change')}
          <span className="visually-hidden"> {title}</span>
        </button>
      </div>
      {children}
    </section>
  );
}

function Answers({ rows }: { rows: [string, string][] }) {
  const { t } = useTranslation();
  return (
    <dl className="answers">
      {rows.map(([label, value]) => (
        <div key={label} className="answer">
          <dt>{label}</dt>
          <dd>{value.trim() === '' ? <span className="muted">{t('review.notGiven')}</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Pages({ field }: { field: DocumentField }) {
  const { files } = useWizardState();
  const { t } = useTranslation();
  const label = t(`fields.${field}`);
  const pages = files.filter((f) => f.field === field);
  return (
    <ul className="thumbnail-row">
      {pages.map((page, index) => (
        <li key={page.id}>
          <FileThumbnail file={page} alt={t('documents.pageAlt', { label, page: index + 1 })} />
        </li>
      ))}
    </ul>
  );
}

function SignaturePreview() {
  const { files, uploads } = useWizardState();
  const { t } = useTranslation();
  const pending = uploads.find((u) => u.field === 'signature');
  const saved = files.find((f) => f.field === 'signature');
  const source = pending?.previewUrl ?? saved?.url;
  if (!source) return <p className="muted">{t('review.noSignature')}</p>;
  return <img className="signature-preview" src={source} alt={t('review.signatureAlt')} />;
}

/** How the review shows a typed answer: as the server will store it where that differs visibly. */
function reviewValue(key: EnrollmentFieldKey, values: FormValues): string {
  if (key === 'industries') return values.industries.map((code) => translate(`industries.${code}`)).join(', ');
  if (key === 'policyAcknowledged')
    return translate(values.policyAcknowledged ? 'review.accepted' : 'review.notAccepted');
  if (key === 'state') return stateName(values.state) ?? values.state;
  if (key === 'techId') return values.techId.toUpperCase();
  if (key === 'vin') return values.vin.trim().toUpperCase();
  return values[key];
}

function answersOf(fields: readonly { key: EnrollmentFieldKey }[], values: FormValues): [string, string][] {
  return fields.map((field) => [translate(`fields.${field.key}`), reviewValue(field.key, values)]);
}

function TechnicianReview() {
  const { values } = useWizardState();
  const { t } = useTranslation();
  return (
    <Section title={t('steps.technician')} name="technician" step="technician">
      <Answers rows={answersOf(fieldsOfSection('technician'), values)} />
    </Section>
  );
}

function VehicleReview() {
  const { values } = useWizardState();
  const { t } = useTranslation();
  return (
    <Section title={t('steps.vehicle')} name="vehicle" step="vehicle">
      <Answers rows={answersOf(fieldsOfSection('vehicle'), values)} />
    </Section>
  );
}

function PhotosReview() {
  const { files } = useWizardState();
  const { t } = useTranslation();
  return (
    <Section title={t('review.photos')} name="photos" step="documents">
      <ul className="thumbnail-row">
        {PHOTO_FIELDS.map((field) => {
          const file = files.find((f) => f.field === field);
          const label = t(`fields.${field}`);
          return (
            <li key={field}>
              {file ? (
                <FileThumbnail file={file} alt={t('documents.photoAlt', { label })} />
              ) : (
                <span className="muted">{t('review.missing')}</span>
              )}
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
  const { t } = useTranslation();
  return (
    <>
      <Section title={t('review.insurance')} name="insurance" step="documents">
        <Pages field="insurance" />
        <Answers rows={answersOf(documentFields('insurance'), values)} />
      </Section>
      <Section title={t('review.registration')} name="registration" step="documents">
        <Pages field="registration" />
        <Answers rows={answersOf(documentFields('registration'), values)} />
      </Section>
    </>
  );
}

function PolicyReview() {
  const { values } = useWizardState();
  const { t } = useTranslation();
  return (
    <Section title={t('review.policy')} name="policy" step="policy">
      <Answers rows={answersOf(fieldsOfSection('policy'), values)} />
      <SignaturePreview />
    </Section>
  );
}

export function ReviewStep() {
  const { t } = useTranslation();
  return (
    <>
      <p className="step-intro">{t('review.intro')}</p>
      <TechnicianReview />
      <VehicleReview />
      <PhotosReview />
      <DocumentsReview />
      <PolicyReview />
    </>
  );
}
